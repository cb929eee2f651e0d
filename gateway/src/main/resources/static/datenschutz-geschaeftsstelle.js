// Staff enter an access or erasure request received by letter (docs/adr/0015): either the
// person gets the link by mail as on the public page, or staff checked the sender's identity
// by letter and the request runs at once. Then the page follows its progress per service and
// offers an access request's export for download, once. The audit list shows every step.
// No address or request id goes into the page's URL: the page keeps them in memory only.
const hinweis = document.getElementById('hinweis');
const meldung = document.getElementById('meldung');
const auskunftMeldung = document.getElementById('auskunft-meldung');
const formular = document.getElementById('anfrage-formular');
const ARTEN = { ACCESS: 'Auskunft', ERASURE: 'Löschung' };
const AKTIONEN = {
	REQUESTED: 'Anfrage erfasst',
	VERIFIED_BY_LETTER: 'Identität per Brief geprüft (Anfrage bestätigt)',
	DOWNLOADED: 'Auskunft heruntergeladen'
};
const FELDER = {
	email: { field: 'email', message: 'email-fehler' },
	kind: { field: 'art', message: 'art-fehler' },
	identityCheckedByLetter: { field: 'identitaet', message: 'identitaet-fehler' }
};

/** The request shown below the form: {id, kind, verified, done}. */
let aktuell = null;
/** Counts the requests shown, so that an answer for one shown before is dropped. */
let generation = 0;
/** Requests whose export the audit says was downloaded already. */
let heruntergeladen = new Set();
/** While a request is being sent, editing the form must not enable the button again. */
let sendet = false;

/** Like anfrage(), but in the formal address this page uses. */
async function rufe(path, options) {
	const result = await anfrage(path, options);
	if (result.status === 0) {
		result.body = { detail: 'Der Server ist gerade nicht erreichbar. Bitte prüfen Sie die Internetverbindung und versuchen Sie es noch einmal.' };
	}
	return result;
}

function nichtBerechtigt(result) {
	return result.status === 401 || result.status === 403;
}

/** Not logged in as staff: the page's content goes, a notice with the way to the login comes. */
function zeigeAnmeldung(result) {
	stoppePolling();
	document.getElementById('laden').hidden = true;
	document.getElementById('inhalt').hidden = true;
	const text = result.status === 403
		? `${detailText(result, 'Anfragen im Auftrag einer Person bearbeitet nur die Geschäftsstelle.')} Bitte melden Sie sich mit einem Konto der Geschäftsstelle an. `
		: 'Diese Seite können Sie erst nach der Anmeldung mit einem Konto der Geschäftsstelle nutzen. ';
	melde(hinweis, '', 'problem');
	hinweis.replaceChildren(element('span', text), element('a', 'Zur Anmeldung', { href: '/login', id: 'zur-anmeldung' }));
}

function zeitpunkt(value) {
	if (value === null || value === undefined || value === '') {
		return '–';
	}
	// An Instant as ISO text, or as epoch seconds if the JSON mapper writes timestamps.
	const date = typeof value === 'number' ? new Date(value < 1e11 ? value * 1000 : value) : new Date(value);
	return Number.isNaN(date.getTime()) ? String(value) : `${ZEITPUNKT.format(date)} Uhr`;
}

// ---- The form -------------------------------------------------------------------------

function gewaehlteArt() {
	const gewaehlt = formular.querySelector('input[name="kind"]:checked');
	return gewaehlt ? gewaehlt.value : null;
}

function geprueft() {
	return document.getElementById('geprueft').checked;
}

/** The button says what happens: a mail to the person, or processing at once. */
function knopfText() {
	document.getElementById('absenden').textContent = geprueft()
		? 'Anfrage erfassen und sofort bearbeiten' : 'Anfrage erfassen und Link per E-Mail senden';
}

function verbergeBestaetigung() {
	document.getElementById('bestaetigung').hidden = true;
	document.getElementById('absenden').disabled = sendet;
}

function eigeneFehler(email, art) {
	return eingabeFehler(email, art, 'Bitte geben Sie die E-Mail-Adresse der Person an.');
}

function pruefen(submitEvent) {
	submitEvent.preventDefault();
	loescheFeldfehler(formular);
	melde(meldung, '', null);
	const email = document.getElementById('email').value.trim();
	const art = gewaehlteArt();
	const fehler = eigeneFehler(email, art);
	if (fehler.length) {
		verbergeBestaetigung();
		zeigeFeldfehler(formular, { body: { errors: fehler } }, FELDER);
		return;
	}
	if (art === 'ERASURE' && geprueft()) {
		// Runs at once and cannot be undone: a second, explicit step on the page.
		document.getElementById('bestaetigung-adresse').textContent = email;
		document.getElementById('bestaetigung').hidden = false;
		document.getElementById('absenden').disabled = true;
		document.getElementById('bestaetigung').focus();
		return;
	}
	senden(email, art, geprueft());
}

async function senden(email, art, identitaetGeprueft) {
	const knoepfe = [document.getElementById('absenden'), document.getElementById('loeschen-bestaetigen')];
	sendet = true;
	knoepfe.forEach((knopf) => { knopf.disabled = true; });
	const result = await rufe('/api/privacy/staff/requests', {
		method: 'POST',
		body: { email, kind: art, identityCheckedByLetter: identitaetGeprueft }
	});
	sendet = false;
	knoepfe.forEach((knopf) => { knopf.disabled = false; });
	verbergeBestaetigung();
	if (nichtBerechtigt(result)) {
		// A 403 on a POST may also be a refused CSRF token; a staff session still reads the audit.
		const sitzungGilt = result.status === 403 && (await rufe('/api/privacy/staff/audit')).ok;
		if (!sitzungGilt) {
			zeigeAnmeldung(result);
			return;
		}
	}
	if (!result.ok) {
		const rest = zeigeFeldfehler(formular, result, FELDER);
		const feldfehler = ((result.body && result.body.errors) || []).length > rest.length;
		melde(meldung, [detailText(result, 'Die Anfrage ließ sich nicht erfassen. Bitte versuchen Sie es noch einmal.'), ...rest].join(' '), 'problem');
		if (!feldfehler) {
			meldung.focus();
		}
		return;
	}
	const body = result.body || {};
	const standard = identitaetGeprueft
		? 'Die Anfrage ist erfasst und bestätigt; sie wird jetzt bearbeitet.'
		: 'Die Anfrage ist erfasst. Die Person bekommt eine E-Mail mit dem Link; erst wenn sie ihn öffnet, wird die Anfrage bearbeitet.';
	melde(meldung, body.message || standard, 'erfolg');
	// The address is not needed any more and should not stay on the screen.
	formular.reset();
	knopfText();
	if (body.requestId) {
		zeigeAnfrage(body.requestId, art);
	}
	meldung.focus();
	ladeProtokoll();
}

// ---- The request's progress -----------------------------------------------------------

/** Shows a request (just entered, or picked in the audit list) and follows its progress. */
function zeigeAnfrage(id, kind) {
	neuesPolling();
	generation += 1;
	aktuell = { id, kind: kind || null, verified: false, done: false };
	document.getElementById('vorgang').hidden = false;
	document.getElementById('vorgang-titel').textContent = kind ? `Anfrage: ${ARTEN[kind] || kind}` : 'Anfrage';
	document.getElementById('vorgang-kennung').textContent = `Kennung der Anfrage: ${id}`;
	document.getElementById('status').textContent = 'Der Stand wird geladen …';
	document.getElementById('fortschritt').replaceChildren();
	document.getElementById('vorgang-info').textContent = '';
	document.getElementById('aktualisieren-zeile').hidden = true;
	document.getElementById('auskunft-bereich').hidden = true;
	melde(auskunftMeldung, '', null);
	frageStand(generation);
}

async function frageStand(fuer) {
	const id = aktuell.id;
	const result = await rufe(`/api/privacy/staff/requests/${encodeURIComponent(id)}`);
	if (fuer !== generation) {
		return;
	}
	if (result.ok) {
		zeigeStand(result.body || {});
		return;
	}
	if (nichtBerechtigt(result)) {
		zeigeAnmeldung(result);
		return;
	}
	if (result.status === 404) {
		document.getElementById('status').textContent = 'Diese Anfrage gibt es nicht (mehr).';
		document.getElementById('vorgang-info').textContent = 'Anfragen werden einige Zeit nach ihrem Abschluss gelöscht; das Protokoll bleibt.';
		return;
	}
	// A lost connection or a busy server: keep trying, the request itself goes on.
	document.getElementById('vorgang-info').textContent = `Der Stand lässt sich gerade nicht abrufen (${detailText(result, 'unbekannter Fehler')}). Wir versuchen es weiter …`;
	planeFrage();
}

function zeigeStand(stand) {
	aktuell.kind = stand.kind || aktuell.kind;
	aktuell.verified = Boolean(stand.verified);
	aktuell.done = Boolean(stand.done);
	document.getElementById('vorgang-titel').textContent = `Anfrage: ${ARTEN[aktuell.kind] || aktuell.kind || ''}`;

	const parts = stand.parts || [];
	const zeilen = parts.map(fortschrittZeile);
	if (!aktuell.verified) {
		zeilen.length = 0;
	}
	else if (!zeilen.length) {
		zeilen.push(element('li', aktuell.done ? 'Zu dieser Adresse gibt es keine Daten.' : 'Die Anfrage wird an alle Bereiche verteilt …'));
	}
	ersetzeZeilen(document.getElementById('fortschritt'), zeilen);

	let text;
	if (!aktuell.verified) {
		text = 'Wartet auf die Bestätigung durch die Person';
	}
	else if (aktuell.done) {
		text = aktuell.kind === 'ERASURE' ? 'Abgeschlossen: Die Daten sind in allen Bereichen gelöscht.' : 'Abgeschlossen: Die Auskunft liegt bereit.';
	}
	else {
		text = inArbeitText(parts);
	}
	const status = document.getElementById('status');
	if (status.textContent !== text) {
		status.textContent = text;
	}
	const bis = stand.expiresAt ? zeitpunkt(stand.expiresAt) : null;
	document.getElementById('vorgang-info').textContent = aktuell.verified ? ''
		: `Die Person hat den Link aus der E-Mail noch nicht geöffnet${bis && bis !== '–' ? `; er gilt bis ${bis}` : ''}. Erst danach wird die Anfrage bearbeitet.`;
	document.getElementById('aktualisieren-zeile').hidden = aktuell.verified;

	zeigeAuskunftKnopf();
	if (aktuell.verified && !aktuell.done) {
		planeFrage();
	}
	else {
		stoppePolling();
	}
}

/** The next question is for the request shown now; frageStand drops it if another is shown by then. */
function planeFrage() {
	const fuer = generation;
	planePolling(() => frageStand(fuer));
}

// ---- The export, once -----------------------------------------------------------------

function zeigeAuskunftKnopf() {
	const bereich = document.getElementById('auskunft-bereich');
	const knopf = document.getElementById('herunterladen');
	bereich.hidden = !(aktuell.kind === 'ACCESS' && aktuell.verified);
	if (bereich.hidden || knopf.dataset.laeuft === 'ja') {
		return;
	}
	if (heruntergeladen.has(aktuell.id)) {
		knopf.disabled = true;
		if (!auskunftMeldung.textContent) {
			melde(auskunftMeldung, 'Diese Auskunft wurde bereits heruntergeladen (siehe Protokoll). Für eine weitere Kopie legen Sie bitte eine neue Anfrage an.', null);
		}
		return;
	}
	knopf.disabled = !aktuell.done;
	if (!aktuell.done) {
		melde(auskunftMeldung, 'Das Herunterladen ist möglich, sobald alle Bereiche geantwortet haben.', null);
	}
	else if (auskunftMeldung.textContent === 'Das Herunterladen ist möglich, sobald alle Bereiche geantwortet haben.') {
		melde(auskunftMeldung, '', null);
	}
}

/** The file name the server gives, with the request's id so that two exports of a day differ. */
function dateiname(disposition, id) {
	const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition || '');
	const name = match ? decodeURIComponent(match[1]).replace(/[^\w.-]/g, '_') : 'industriedialog-auskunft.json';
	const kurz = String(id).replace(/[^\w-]/g, '').slice(0, 8);
	return name.replace(/\.json$/i, '') + (kurz ? `-${kurz}` : '') + '.json';
}

function speichere(blob, name) {
	const url = URL.createObjectURL(blob);
	const link = element('a', null, { href: url, download: name });
	link.hidden = true;
	document.body.append(link);
	link.click();
	link.remove();
	// Revoked later: some browsers read the blob only after the click's event has run.
	window.setTimeout(() => URL.revokeObjectURL(url), 60000);
}

async function problemVon(response) {
	try {
		const text = await response.text();
		return { ok: false, status: response.status, body: text ? JSON.parse(text) : null };
	}
	catch (error) {
		return { ok: false, status: response.status, body: null };
	}
}

async function herunterladen() {
	const knopf = document.getElementById('herunterladen');
	const id = aktuell.id;
	const fuer = generation;
	knopf.disabled = true;
	knopf.dataset.laeuft = 'ja';
	melde(auskunftMeldung, 'Die Auskunft wird aus allen Bereichen zusammengestellt …', null);
	try {
		let response;
		try {
			response = await fetch(`/api/privacy/staff/requests/${encodeURIComponent(id)}/export`, {
				headers: { Accept: 'application/json' },
				cache: 'no-store'
			});
		}
		catch (error) {
			if (fuer === generation) {
				melde(auskunftMeldung, 'Der Server ist gerade nicht erreichbar. Bitte prüfen Sie die Internetverbindung und versuchen Sie es noch einmal.', 'problem');
				knopf.disabled = false;
			}
			return;
		}
		if (!response.ok) {
			const result = await problemVon(response);
			if (nichtBerechtigt(result)) {
				zeigeAnmeldung(result);
				return;
			}
			if (result.status === 409) {
				heruntergeladen.add(id);
			}
			if (fuer !== generation) {
				// Another request is shown by now; its own button state stays.
				ladeProtokoll();
				return;
			}
			if (result.status === 409) {
				// Downloaded already (or nothing to download): a second try cannot work.
				melde(auskunftMeldung, detailText(result, 'Diese Auskunft wurde schon heruntergeladen. Für eine weitere Kopie legen Sie bitte eine neue Anfrage an.'), 'problem');
			}
			else if (result.status === 503) {
				melde(auskunftMeldung, `${detailText(result, 'Ein Bereich ist gerade nicht erreichbar.')} Die Auskunft wurde nicht heruntergeladen und nicht als abgerufen vermerkt; Sie können es gleich noch einmal versuchen.`, 'problem');
				knopf.disabled = false;
			}
			else {
				melde(auskunftMeldung, detailText(result, 'Die Auskunft ließ sich nicht herunterladen. Bitte versuchen Sie es noch einmal.'), 'problem');
				knopf.disabled = false;
			}
			ladeProtokoll();
			return;
		}
		// From here on the server has recorded the download, whatever happens to the file.
		heruntergeladen.add(id);
		let blob;
		try {
			blob = await response.blob();
		}
		catch (error) {
			if (fuer === generation) {
				melde(auskunftMeldung, 'Die Datei kam nicht vollständig an. Der Abruf ist trotzdem vermerkt; für eine neue Kopie legen Sie bitte eine neue Anfrage an.', 'problem');
			}
			ladeProtokoll();
			return;
		}
		const name = dateiname(response.headers.get('Content-Disposition'), id);
		speichere(new Blob([blob], { type: 'application/json' }), name);
		if (fuer === generation) {
			melde(auskunftMeldung, `Die Auskunft ist als „${name}“ gespeichert. Der Abruf ist im Protokoll vermerkt; ein zweites Herunterladen ist nicht möglich. Bitte schicken Sie die Datei der Person und löschen Sie danach Ihre Kopie.`, 'erfolg');
		}
		ladeProtokoll();
	}
	finally {
		delete knopf.dataset.laeuft;
		if (fuer !== generation && aktuell) {
			zeigeAuskunftKnopf();
		}
	}
}

// ---- The audit ------------------------------------------------------------------------

function protokollZeile(entry) {
	const tr = element('tr', null, { 'data-aktion': entry.action || '' });
	const anfrageZelle = element('td');
	if (entry.requestId) {
		anfrageZelle.append(element('code', entry.requestId, { class: 'url' }), ' ');
		const knopf = element('button', 'Stand anzeigen', {
			type: 'button', class: 'leise', 'aria-label': `Stand der Anfrage ${entry.requestId} anzeigen`
		});
		knopf.addEventListener('click', () => {
			zeigeAnfrage(entry.requestId, entry.kind);
			document.getElementById('vorgang-titel').focus();
		});
		anfrageZelle.append(knopf);
	}
	else {
		anfrageZelle.textContent = '–';
	}
	tr.append(element('th', zeitpunkt(entry.at), { scope: 'row' }), element('td', entry.staff || '–'),
		element('td', AKTIONEN[entry.action] || entry.action || '–'), anfrageZelle,
		element('td', ARTEN[entry.kind] || entry.kind || '–'));
	return tr;
}

/** Loads the audit list; the first call also tells whether this is a staff session. */
async function ladeProtokoll() {
	const stand = document.getElementById('protokoll-stand');
	stand.textContent = 'Das Protokoll wird geladen …';
	const result = await rufe('/api/privacy/staff/audit');
	if (nichtBerechtigt(result)) {
		zeigeAnmeldung(result);
		return;
	}
	document.getElementById('laden').hidden = true;
	document.getElementById('inhalt').hidden = false;
	if (!result.ok) {
		stand.textContent = `Das Protokoll ist gerade nicht verfügbar: ${detailText(result, 'unbekannter Fehler')}`;
		return;
	}
	const eintraege = Array.isArray(result.body) ? result.body : [];
	heruntergeladen = new Set([...heruntergeladen,
		...eintraege.filter((entry) => entry.action === 'DOWNLOADED').map((entry) => entry.requestId)]);
	document.querySelector('#protokoll tbody').replaceChildren(...eintraege.map(protokollZeile));
	document.getElementById('protokoll-leer').hidden = eintraege.length > 0;
	stand.textContent = eintraege.length ? `${eintraege.length} Einträge, Stand ${zeitpunkt(new Date().toISOString())}.` : '';
	if (aktuell && !document.getElementById('vorgang').hidden) {
		zeigeAuskunftKnopf();
	}
}

// ---- Start ----------------------------------------------------------------------------

formular.addEventListener('submit', pruefen);
// A changed form is not what was confirmed: the confirmation has to be given again.
formular.addEventListener('input', verbergeBestaetigung);
formular.addEventListener('change', () => {
	verbergeBestaetigung();
	knopfText();
});
document.getElementById('loeschen-bestaetigen').addEventListener('click', () => {
	const email = document.getElementById('email').value.trim();
	const art = gewaehlteArt();
	if (eigeneFehler(email, art).length || art !== 'ERASURE' || !geprueft()) {
		verbergeBestaetigung();
		return;
	}
	senden(email, art, true);
});
document.getElementById('loeschen-abbrechen').addEventListener('click', () => {
	verbergeBestaetigung();
	melde(meldung, 'Es wurde nichts gelöscht.', null);
	document.getElementById('absenden').focus();
});
document.getElementById('aktualisieren').addEventListener('click', () => {
	if (aktuell) {
		stoppePolling();
		frageStand(generation);
	}
});
document.getElementById('herunterladen').addEventListener('click', herunterladen);
document.getElementById('protokoll-laden').addEventListener('click', ladeProtokoll);
document.getElementById('abmelden').addEventListener('click', async (clickEvent) => {
	clickEvent.preventDefault();
	await fetch('/logout', { method: 'POST', headers: { 'X-XSRF-TOKEN': csrfToken() } });
	window.location.assign('/login?logout');
});

knopfText();
ladeProtokoll();
