// A subscriber's own page, reached with the personal token from every Infobrief: change
// name, groups and Bundesländer, or unsubscribe.
const FELDER = {
	name: { field: 'name', message: 'name-fehler' },
	audiences: { field: 'zielgruppen', message: 'zielgruppen-fehler' },
	states: { field: 'laender', message: 'laender-fehler' }
};
const token = parameter('token');
const pfad = token ? `/api/newsletter/preferences/${encodeURIComponent(token)}` : null;
const stand = document.getElementById('stand');
const meldung = document.getElementById('meldung');
const form = document.getElementById('einstellungen-form');
const zielgruppenListe = document.getElementById('zielgruppen-liste');
const laenderListe = document.getElementById('laender-liste');
let optionen = null;

function statusHinweis(status) {
	switch (status) {
		case 'PENDING': return 'Deine Anmeldung ist noch nicht bestätigt. Klicke bitte auf den Link in der E-Mail, die wir dir geschickt haben – erst dann bekommst du den Infobrief.';
		case 'UNSUBSCRIBED': return 'Du bist abgemeldet und bekommst keinen Infobrief. Möchtest du ihn wieder lesen, melde dich einfach neu an.';
		default: return '';
	}
}

function zeige(preferences) {
	document.getElementById('email-anzeige').textContent = preferences.email || '';
	const status = document.getElementById('status-anzeige');
	status.textContent = preferences.status === 'CONFIRMED' ? 'Du bekommst den Infobrief.' : (ABO_STATUS[preferences.status] || preferences.status);
	status.dataset.status = preferences.status || '';
	document.getElementById('status-hinweis').textContent = statusHinweis(preferences.status);
	document.getElementById('name').value = preferences.name || '';
	ankreuzliste(zielgruppenListe, 'audience', optionen.audiences, 'zielgruppe-', preferences.audiences || []);
	ankreuzliste(laenderListe, 'state', optionen.states, 'land-', preferences.states || []);
	const abgemeldet = preferences.status === 'UNSUBSCRIBED';
	form.hidden = abgemeldet;
	document.getElementById('abmelden-bereich').hidden = abgemeldet;
	document.getElementById('wieder-anmelden').hidden = !abgemeldet;
	document.getElementById('bereich').hidden = false;
}

async function lade() {
	if (!token) {
		stand.textContent = '';
		melde(meldung, 'Dieser Link ist unvollständig. Öffne bitte den Link „Einstellungen“ aus einem Infobrief oder aus der Bestätigung.', 'problem');
		return;
	}
	const [options, result] = await Promise.all([newsletterOptionen(), anfrage(pfad)]);
	optionen = options;
	if (!result.ok) {
		stand.textContent = '';
		melde(meldung, result.status === 404
			? 'Diesen Link kennen wir nicht. Vielleicht wurde er beim Kopieren abgeschnitten? Öffne ihn bitte direkt aus der E-Mail.'
			: detailText(result), 'problem');
		return;
	}
	stand.textContent = '';
	zeige(result.body);
}

form.addEventListener('submit', async (submitEvent) => {
	submitEvent.preventDefault();
	loescheFeldfehler(form);
	melde(meldung, '');
	const name = document.getElementById('name').value.trim();
	const body = { name: name || null, audiences: angekreuzt(zielgruppenListe), states: angekreuzt(laenderListe) };
	if (!body.audiences.length) {
		zeigeFeldfehler(form, { body: { errors: [{ field: 'audiences', message: 'Bitte kreuze mindestens eine Gruppe an.' }] } }, FELDER);
		melde(meldung, 'Bitte prüfe die markierten Angaben.', 'problem');
		return;
	}
	const knopf = document.getElementById('speichern');
	knopf.disabled = true;
	const result = await anfrage(pfad, { method: 'POST', body });
	knopf.disabled = false;
	if (result.ok) {
		zeige(result.body);
		melde(meldung, 'Gespeichert. Ab dem nächsten Infobrief gilt deine neue Auswahl.', 'erfolg');
		meldung.focus();
		return;
	}
	const rest = zeigeFeldfehler(form, result, FELDER);
	const hasFieldErrors = ((result.body && result.body.errors) || []).length > rest.length;
	melde(meldung, [hasFieldErrors ? 'Bitte prüfe die markierten Angaben.' : detailText(result), ...rest].join(' '), 'problem');
	if (!hasFieldErrors) {
		meldung.focus();
	}
});

document.getElementById('abbestellen').addEventListener('click', async () => {
	const knopf = document.getElementById('abbestellen');
	knopf.disabled = true;
	melde(meldung, '');
	const result = await anfrage(`/api/newsletter/unsubscribe/${encodeURIComponent(token)}`, { method: 'POST', body: {} });
	knopf.disabled = false;
	if (!result.ok) {
		melde(meldung, detailText(result), 'problem');
		meldung.focus();
		return;
	}
	const reloaded = await anfrage(pfad);
	if (reloaded.ok) {
		zeige(reloaded.body);
	}
	melde(meldung, 'Du bist abgemeldet und bekommst den Infobrief nicht mehr. Schade, dass du gehst!', 'erfolg');
	meldung.focus();
});

lade();
