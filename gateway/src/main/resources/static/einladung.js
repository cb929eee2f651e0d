// Sets the password for an invitation and sends the person to the login.
function csrfToken() {
	const cookie = document.cookie.split('; ').find((entry) => entry.startsWith('XSRF-TOKEN='));
	return cookie ? decodeURIComponent(cookie.substring('XSRF-TOKEN='.length)) : '';
}

document.getElementById('einladung').addEventListener('submit', async (event) => {
	event.preventDefault();
	const message = document.getElementById('meldung');
	const password = document.getElementById('passwort').value;
	if (password !== document.getElementById('wiederholung').value) {
		message.textContent = 'Die beiden Passwörter stimmen nicht überein.';
		return;
	}
	const token = new URLSearchParams(window.location.search).get('token') || '';
	const response = await fetch('/account/invitations/redeem', {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', 'X-XSRF-TOKEN': csrfToken() },
		body: JSON.stringify({ token, password })
	});
	if (response.ok) {
		message.textContent = 'Ihr Passwort ist gespeichert. Sie können sich jetzt anmelden.';
		window.location.assign('/login');
		return;
	}
	const problem = await response.json().catch(() => ({}));
	const fields = (problem.errors || []).map((error) => error.message).join(' ');
	message.textContent = `${problem.detail || 'Das hat nicht geklappt.'} ${fields}`.trim();
});
