// Puts the CSRF token from the cookie into the form and explains why the last attempt failed.
const cookie = document.cookie.split('; ').find((entry) => entry.startsWith('XSRF-TOKEN='));
if (cookie) {
	document.getElementById('csrf').value = decodeURIComponent(cookie.substring('XSRF-TOKEN='.length));
}
const params = new URLSearchParams(window.location.search);
const message = document.getElementById('meldung');
if (params.has('error')) {
	message.textContent = 'E-Mail-Adresse oder Passwort sind nicht richtig. Bitte versuchen Sie es noch einmal.';
} else if (params.has('locked')) {
	message.textContent = 'Zu viele fehlgeschlagene Anmeldeversuche. Bitte warten Sie 15 Minuten und versuchen Sie es dann erneut.';
} else if (params.has('registriert')) {
	message.textContent = 'Ihr Konto ist angelegt. Melden Sie sich an und schreiben Sie den Steckbrief Ihrer Initiative.';
} else if (params.has('logout')) {
	message.textContent = 'Sie sind abgemeldet.';
}
