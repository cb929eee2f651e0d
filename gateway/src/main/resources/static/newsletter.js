// Public subscription to the Infobrief (double opt-in). The answer to a valid request is
// always the same neutral message, whether the address is new, pending or confirmed.
const FELDER = {
	email: { field: 'email', message: 'email-fehler' },
	name: { field: 'name', message: 'name-fehler' },
	audiences: { field: 'zielgruppen', message: 'zielgruppen-fehler' },
	states: { field: 'laender', message: 'laender-fehler' },
	consentTextVersion: { field: 'einwilligung', message: 'einwilligung-fehler' },
	consent: { field: 'einwilligung', message: 'einwilligung-fehler' }
};
const form = document.getElementById('newsletter-form');
const meldung = document.getElementById('meldung');
const zielgruppenListe = document.getElementById('zielgruppen-liste');
const laenderListe = document.getElementById('laender-liste');
const knopf = document.getElementById('abonnieren');
let consentTextVersion = null;

async function ladeFormular() {
	const options = await newsletterOptionen();
	ankreuzliste(zielgruppenListe, 'audience', options.audiences, 'zielgruppe-');
	ankreuzliste(laenderListe, 'state', options.states, 'land-');
	if (!options.ok || !options.consentText || !options.consentTextVersion) {
		document.getElementById('einwilligung-text').textContent = '';
		melde(meldung, `Die Anmeldung ist gerade nicht möglich. ${detailText(options.result || {}, 'Bitte versuche es später noch einmal.')}`, 'problem');
		return;
	}
	document.getElementById('einwilligung-text').textContent = options.consentText;
	consentTextVersion = options.consentTextVersion;
	knopf.disabled = false;
}

/** What the browser can tell without asking the server; the server checks everything again. */
function eigeneFehler(body) {
	const errors = [];
	if (!body.email) {
		errors.push({ field: 'email', message: 'Bitte gib deine E-Mail-Adresse an.' });
	}
	if (!body.audiences.length) {
		errors.push({ field: 'audiences', message: 'Bitte kreuze mindestens eine Gruppe an.' });
	}
	if (!document.getElementById('einwilligung').checked) {
		errors.push({ field: 'consent', message: 'Ohne dein Einverständnis dürfen wir dir den Infobrief nicht schicken.' });
	}
	return errors;
}

function zeigeProblem(result) {
	const rest = zeigeFeldfehler(form, result, FELDER);
	const hasFieldErrors = ((result.body && result.body.errors) || []).length > rest.length;
	melde(meldung, [hasFieldErrors ? 'Bitte prüfe die markierten Angaben.' : detailText(result), ...rest].join(' '), 'problem');
	if (!hasFieldErrors) {
		meldung.focus();
	}
}

form.addEventListener('submit', async (submitEvent) => {
	submitEvent.preventDefault();
	loescheFeldfehler(form);
	melde(meldung, '');
	const name = document.getElementById('name').value.trim();
	const body = {
		email: document.getElementById('email').value.trim(),
		name: name || null,
		audiences: angekreuzt(zielgruppenListe),
		states: angekreuzt(laenderListe),
		consentTextVersion,
		source: 'website'
	};
	const errors = eigeneFehler(body);
	if (errors.length) {
		zeigeProblem({ status: 400, body: { errors } });
		return;
	}
	knopf.disabled = true;
	knopf.textContent = 'Wird gesendet …';
	const result = await anfrage('/api/newsletter/subscriptions', { method: 'POST', body });
	knopf.disabled = false;
	knopf.textContent = 'Infobrief abonnieren';
	if (result.ok) {
		form.hidden = true;
		if (result.body && result.body.message) {
			document.getElementById('erfolg-text').textContent = result.body.message;
		}
		document.getElementById('erfolg').hidden = false;
		document.getElementById('erfolg-titel').focus();
		return;
	}
	zeigeProblem(result);
});

ladeFormular();
