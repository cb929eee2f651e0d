// The personal registration page: the token in the link is the participant's only key.
const token = parameter('token');
const meldung = document.getElementById('meldung');
const bestaetigen = document.getElementById('storno-bestaetigen');
const stornieren = document.getElementById('stornieren');

function statusText(registration) {
	switch (registration.status) {
		case 'CONFIRMED': return 'bestätigt';
		case 'WAITLISTED': return registration.waitlistRank ? `Warteliste, Platz ${registration.waitlistRank}` : 'Warteliste';
		case 'CANCELLED': return 'storniert';
		default: return registration.statusText || registration.status;
	}
}

function erklaerung(registration) {
	const event = registration.event;
	if (event.status === 'CANCELLED') {
		return 'Die Veranstaltung ist leider abgesagt.';
	}
	switch (registration.status) {
		case 'CONFIRMED':
			return registration.checkedIn ? 'Du bist eingecheckt. Viel Spaß bei der Veranstaltung!'
				: 'Dein Platz ist sicher. Wir freuen uns auf dich!';
		case 'WAITLISTED':
			return 'Alle Plätze sind gerade vergeben. Sobald jemand absagt, rückst du nach und bekommst eine E-Mail.';
		case 'CANCELLED':
			return 'Du bist nicht mehr angemeldet.';
		default:
			return '';
	}
}

function zeige(registration) {
	const event = registration.event;
	document.getElementById('status').textContent = statusText(registration);
	document.getElementById('status-erklaerung').textContent = erklaerung(registration);
	document.getElementById('veranstaltung-titel').textContent = event.title;
	document.getElementById('wann').textContent = zeitraum(event.start, event.end);
	const land = LAENDER_NAMEN[event.state] || event.state;
	document.getElementById('wo').textContent = [event.venue, event.city].filter((part) => part).join(', ') + (land ? ` (${land})` : '');
	document.getElementById('name').textContent = registration.name;
	document.getElementById('email').textContent = registration.email;
	document.getElementById('organisation').textContent = registration.organisation || '–';
	document.getElementById('gruppe').textContent = GRUPPEN[registration.participantGroup] || registration.participantGroup || '–';
	const link = document.getElementById('veranstaltung-link');
	link.href = `/veranstaltung.html?id=${encodeURIComponent(event.id)}`;
	const qr = registration.status === 'CONFIRMED' && event.status !== 'CANCELLED' && event.status !== 'HELD';
	document.getElementById('qr-bereich').hidden = !qr;
	if (qr) {
		const image = document.getElementById('qr');
		image.alt = `QR-Code deiner Anmeldung für „${event.title}“ – beim Einlass vorzeigen`;
		image.src = `/api/registrations/${encodeURIComponent(token)}/qr.svg`;
	}
	document.getElementById('storno-bereich').hidden = !registration.cancellable;
	bestaetigen.hidden = true;
	stornieren.setAttribute('aria-expanded', 'false');
	document.getElementById('anmeldung').hidden = false;
}

async function lade() {
	if (!token) {
		melde(meldung, 'Dieser Link ist unvollständig. Öffne bitte den Link aus deiner Bestätigungs-E-Mail.', 'problem');
		return;
	}
	const result = await anfrage(`/api/registrations/${encodeURIComponent(token)}`);
	if (!result.ok) {
		melde(meldung, result.status === 404
			? 'Diesen Anmelde-Link kennen wir nicht. Bitte prüfe, ob du ihn vollständig aus der Bestätigungs-E-Mail übernommen hast.'
			: detailText(result), 'problem');
		return;
	}
	const neu = sessionStorage.getItem('anmeldung-meldung');
	sessionStorage.removeItem('anmeldung-meldung');
	melde(meldung, neu || '', neu ? 'erfolg' : null);
	zeige(result.body);
}

stornieren.addEventListener('click', () => {
	bestaetigen.hidden = false;
	stornieren.setAttribute('aria-expanded', 'true');
	document.getElementById('storno-nein').focus();
});

document.getElementById('storno-nein').addEventListener('click', () => {
	bestaetigen.hidden = true;
	stornieren.setAttribute('aria-expanded', 'false');
	stornieren.focus();
});

document.getElementById('storno-ja').addEventListener('click', async () => {
	const button = document.getElementById('storno-ja');
	button.disabled = true;
	const result = await anfrage(`/api/registrations/${encodeURIComponent(token)}/cancel`, { method: 'POST' });
	button.disabled = false;
	if (!result.ok) {
		melde(meldung, detailText(result), 'problem');
		meldung.focus();
		return;
	}
	zeige(result.body);
	melde(meldung, 'Deine Anmeldung ist storniert. Schade, dass du nicht kommen kannst!', 'erfolg');
	meldung.focus();
});

lade();
