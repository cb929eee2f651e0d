// One dialogue event with its registration form. Participants (often pupils) register
// without an account; the personal link of the confirmation is their key afterwards.
// The version of the privacy notice shown; bumped when its text changes (11b: it names the
// represented initiative; 12: it links the full privacy notice, datenschutz.html).
const CONSENT_VERSION = 'teilnahme-2026-12';
const EVENT_STATUS = { PLANNED: 'geplant', OPEN: 'Anmeldung offen', CLOSED: 'Anmeldung geschlossen', HELD: 'hat stattgefunden', CANCELLED: 'abgesagt' };
const FELDER = {
	name: { field: 'name', message: 'name-fehler' },
	email: { field: 'email', message: 'email-fehler' },
	organisation: { field: 'organisation', message: 'organisation-fehler' },
	participantGroup: { field: 'gruppe', message: 'gruppe-fehler' },
	representedInitiativeId: { field: 'initiative', message: 'initiative-fehler' },
	consent: { field: 'einwilligung', message: 'einwilligung-fehler' },
	consentVersion: { field: 'einwilligung', message: 'einwilligung-fehler' }
};
const eventId = parameter('id');
const stand = document.getElementById('stand');
const form = document.getElementById('anmeldung');
const meldung = document.getElementById('meldung');

function ortText(event) {
	const land = LAENDER_NAMEN[event.state] || event.state;
	return [event.venue, event.city].filter((part) => part).join(', ') + (land ? ` (${land})` : '');
}

function plaetzeText(availability) {
	if (availability.seatsLeft <= 0) {
		return availability.registrationOpen
			? `Alle ${availability.capacity} Plätze sind vergeben. Wenn du dich anmeldest, kommst du auf die Warteliste.`
			: `Alle ${availability.capacity} Plätze sind vergeben.`;
	}
	return availability.seatsLeft === 1 ? `Noch 1 von ${availability.capacity} Plätzen frei`
		: `Noch ${availability.seatsLeft} von ${availability.capacity} Plätzen frei`;
}

function geschlossenText(event) {
	switch (event.status) {
		case 'PLANNED': return 'Die Anmeldung ist noch nicht geöffnet. Schau bald wieder vorbei.';
		case 'CANCELLED': return 'Diese Veranstaltung ist leider abgesagt.';
		case 'HELD': return 'Diese Veranstaltung hat schon stattgefunden.';
		default: return 'Die Anmeldung ist geschlossen. Du kannst dich für diese Veranstaltung nicht mehr anmelden.';
	}
}

async function formatName(code) {
	const result = await anfrage('/api/events/formats');
	const format = result.ok ? (result.body || []).find((entry) => entry.code === code) : null;
	return format ? format.name : code;
}

async function zeigeVeranstaltung() {
	if (!eventId) {
		stand.textContent = 'Der Link ist unvollständig: Es fehlt, um welche Veranstaltung es geht.';
		return;
	}
	const [result, availability] = await Promise.all([
		anfrage(`/api/events/${encodeURIComponent(eventId)}`),
		anfrage(`/api/events/${encodeURIComponent(eventId)}/availability`)
	]);
	if (!result.ok) {
		stand.textContent = result.status === 404 ? 'Diese Veranstaltung gibt es nicht (mehr). Schau in der Liste aller Veranstaltungen nach.' : detailText(result);
		return;
	}
	const event = result.body;
	document.title = `${event.title} – Industriedialog`;
	document.getElementById('titel').textContent = event.title;
	document.getElementById('beschreibung').textContent = event.description || '';
	document.getElementById('format').textContent = await formatName(event.format);
	document.getElementById('wann').textContent = zeitraum(event.start, event.end);
	document.getElementById('wo').textContent = ortText(event);
	document.getElementById('plaetze').textContent = availability.ok ? plaetzeText(availability.body) : `${event.capacity} Plätze`;
	document.getElementById('veranstaltung').hidden = false;
	document.getElementById('anmeldung-bereich').hidden = false;
	const open = availability.ok ? availability.body.registrationOpen : event.status === 'OPEN';
	form.hidden = !open;
	document.getElementById('hinweis-geschlossen').textContent = open ? '' : geschlossenText(event);
	stand.textContent = `Status: ${EVENT_STATUS[event.status] || event.status}`;
}

form.addEventListener('submit', async (submitEvent) => {
	submitEvent.preventDefault();
	loescheFeldfehler(form);
	melde(meldung, '');
	const value = (id) => document.getElementById(id).value.trim();
	const group = form.querySelector('input[name=gruppe]:checked');
	const button = document.getElementById('absenden');
	button.disabled = true;
	button.textContent = 'Wird gesendet …';
	const result = await anfrage(`/api/events/${encodeURIComponent(eventId)}/registrations`, {
		method: 'POST',
		body: {
			name: value('name'), email: value('email'), organisation: value('organisation') || null,
			participantGroup: group ? group.value : null, consent: document.getElementById('einwilligung').checked,
			consentVersion: CONSENT_VERSION, representedInitiativeId: value('initiative') || null
		}
	});
	button.disabled = false;
	button.textContent = 'Verbindlich anmelden';
	// The answer is the same whether the address was new or registered already (it must
	// not tell anyone which): status and personal link come by mail only.
	if (result.ok) {
		form.reset();
		melde(meldung, (result.body && result.body.message) || 'Danke! Wir schicken dir gleich eine E-Mail.', 'erfolg');
		meldung.focus();
		return;
	}
	if (result.status === 429) {
		melde(meldung, detailText(result), 'problem');
		meldung.focus();
		return;
	}
	if (result.status === 409) {
		melde(meldung, detailText(result), 'problem');
		await zeigeVeranstaltung();
		return;
	}
	const rest = zeigeFeldfehler(form, result, FELDER);
	const hasFieldErrors = ((result.body && result.body.errors) || []).length > rest.length;
	melde(meldung, [hasFieldErrors ? 'Bitte prüfe die markierten Angaben.' : detailText(result), ...rest].join(' '), 'problem');
});

/** Shows "Ich vertrete die Initiative …" only when the directory could be read; it is optional anyway. */
async function zeigeInitiativen() {
	const initiatives = await veroeffentlichteInitiativen();
	if (initiatives && initiatives.length) {
		initiativenAuswahl(document.getElementById('initiative'), initiatives);
		document.getElementById('initiative-feld').hidden = false;
	}
}

zeigeVeranstaltung();
zeigeInitiativen();
