// The unsubscribe link in every Infobrief: unsubscribes at once by POST (idempotent) and
// offers the way back.
const token = parameter('token');
const meldung = document.getElementById('meldung');

async function abmelden() {
	document.getElementById('wiederholen-zeile').hidden = true;
	if (!token) {
		meldung.dataset.zustand = 'unvollstaendig';
		melde(meldung, 'Dieser Link ist unvollständig. Öffne bitte den Abmeldelink aus dem Infobrief – am besten mit einem Klick darauf.', 'problem');
		return;
	}
	const result = await anfrage(`/api/newsletter/unsubscribe/${encodeURIComponent(token)}`, { method: 'POST', body: {} });
	if (result.ok) {
		document.getElementById('titel').textContent = 'Du bist abgemeldet';
		meldung.dataset.zustand = 'abgemeldet';
		melde(meldung, 'Du bist abgemeldet und bekommst den Infobrief nicht mehr.', 'erfolg');
		document.getElementById('einstellungen-link').href = `/newsletter-einstellungen.html?token=${encodeURIComponent(token)}`;
		document.getElementById('abgemeldet').hidden = false;
		return;
	}
	meldung.dataset.zustand = result.status === 404 ? 'unbekannt' : 'fehler';
	melde(meldung, result.status === 404
		? 'Diesen Abmeldelink kennen wir nicht. Vielleicht wurde er beim Kopieren abgeschnitten? Öffne ihn bitte direkt aus dem Infobrief.'
		: detailText(result), 'problem');
	document.getElementById('wiederholen-zeile').hidden = result.status === 404;
	document.getElementById('titel').focus();
}

document.getElementById('wiederholen').addEventListener('click', abmelden);

abmelden();
