// Access and erasure requests (GDPR Art. 15, 17, 20; docs/adr/0015). Without a token the page
// asks for an address and always shows the server's neutral answer, so nobody learns whether
// an address is known. With the token from the mail it confirms the request (an erasure only
// after an explicit second click, as it cannot be undone), follows the services' progress and,
// for an access request, offers the export as a file and as a readable page.
const token = parameter('token');
const meldung = document.getElementById('meldung');
/** German column headers for the field names of the export; unknown fields show their name. */
const SPALTEN = {
	registrationId: 'Anmeldenummer', event: 'Veranstaltung', eventStart: 'Beginn', eventEnd: 'Ende',
	name: 'Name', email: 'E-Mail-Adresse', organisation: 'Organisation', participantGroup: 'Teilnahmegruppe',
	representedInitiative: 'Vertretene Initiative', status: 'Status', registeredAtTheDoor: 'Beim Einlass angemeldet',
	consentVersion: 'Fassung der Einwilligung', consentedAt: 'Eingewilligt am', registeredAt: 'Angemeldet am',
	confirmedAt: 'Bestätigt am', cancelledAt: 'Storniert am', checkedInAt: 'Eingecheckt am',
	checkInMethod: 'Art des Check-ins', mails: 'E-Mails', type: 'Art', subject: 'Betreff', to: 'Empfänger',
	queuedAt: 'In der Warteschlange seit', sentAt: 'Gesendet am', initiativeId: 'Kennung der Initiative',
	initiative: 'Initiative', phone: 'Telefon', contactSetAt: 'Eingetragen am', workflowSteps: 'Prüfschritte',
	audiences: 'Gruppen', states: 'Bundesländer', createdAt: 'Angelegt am', updatedAt: 'Geändert am',
	role: 'Rolle', roles: 'Rollen', invitedBy: 'Eingeladen von', expiresAt: 'Gültig bis', at: 'Zeitpunkt'
};

const ISO_MIT_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const ISO_OHNE_ZONE = /^(\d{4})-(\d{2})-(\d{2})(T(\d{2}):(\d{2})(:\d{2}(\.\d+)?)?)?$/;

let art = null;
let auskunftGeladen = false;

/** Like anfrage(), but in the formal address this page uses. */
async function rufe(path, options) {
	const result = await anfrage(path, options);
	if (result.status === 0) {
		result.body = { detail: 'Der Server ist gerade nicht erreichbar. Bitte prüfen Sie Ihre Internetverbindung und versuchen Sie es noch einmal.' };
	}
	return result;
}

function mitToken(path) {
	return `${path}?token=${encodeURIComponent(token)}`;
}

function zeitpunkt(value) {
	if (typeof value !== 'string') {
		return null;
	}
	if (ISO_MIT_ZONE.test(value)) {
		const date = new Date(value);
		return Number.isNaN(date.getTime()) ? null : `${ZEITPUNKT.format(date)} Uhr`;
	}
	const local = ISO_OHNE_ZONE.exec(value);
	if (local) {
		const day = `${local[3]}.${local[2]}.${local[1]}`;
		return local[4] ? `${day}, ${local[5]}:${local[6]} Uhr` : day;
	}
	return null;
}

/** A value of the export as text: dates in German, yes/no, nested values as JSON. */
function wert(value) {
	if (value === null || value === undefined || value === '') {
		return '–';
	}
	if (typeof value === 'boolean') {
		return value ? 'ja' : 'nein';
	}
	if (typeof value === 'object') {
		return JSON.stringify(value, null, 1);
	}
	return zeitpunkt(value) || String(value);
}

// ---- The request form ---------------------------------------------------------------

const formular = document.getElementById('anfrage-formular');
const FELDER = { email: { field: 'email', message: 'email-fehler' }, kind: { field: 'art', message: 'art-fehler' } };

async function senden(event) {
	event.preventDefault();
	loescheFeldfehler(formular);
	melde(meldung, '', null);
	const email = document.getElementById('email').value.trim();
	const gewaehlt = formular.querySelector('input[name="kind"]:checked');
	const eigeneFehler = eingabeFehler(email, gewaehlt, 'Bitte geben Sie Ihre E-Mail-Adresse an.');
	if (eigeneFehler.length) {
		zeigeFeldfehler(formular, { body: { errors: eigeneFehler } }, FELDER);
		return;
	}
	const knopf = document.getElementById('absenden');
	knopf.disabled = true;
	const result = await rufe('/api/privacy/requests', { method: 'POST', body: { email, kind: gewaehlt.value } });
	knopf.disabled = false;
	if (result.ok) {
		document.getElementById('anfrage').hidden = true;
		document.getElementById('gesendet').hidden = false;
		melde(meldung, (result.body && result.body.message)
			|| 'Danke. Wenn wir Daten zu dieser Adresse speichern, bekommen Sie gleich eine E-Mail mit einem Link. Er gilt 24 Stunden.', 'erfolg');
		meldung.focus();
		return;
	}
	const rest = zeigeFeldfehler(formular, result, FELDER);
	const feldfehler = ((result.body && result.body.errors) || []).length > rest.length;
	if (result.status === 429) {
		melde(meldung, detailText(result, 'Von hier kamen gerade sehr viele Anfragen. Bitte versuchen Sie es später noch einmal.'), 'problem');
	}
	else if (feldfehler) {
		melde(meldung, [detailText(result, 'Bitte prüfen Sie Ihre Angaben.'), ...rest].join(' '), 'problem');
		return; // the focus is on the first field in error
	}
	else {
		melde(meldung, [detailText(result, 'Das hat leider nicht geklappt. Bitte versuchen Sie es noch einmal.'), ...rest].join(' '), 'problem');
	}
	meldung.focus();
}

// ---- The link from the mail ---------------------------------------------------------

function zeigeArt(kind) {
	art = kind;
	const name = kind === 'ERASURE' ? 'Löschung Ihrer Daten' : 'Auskunft über Ihre Daten';
	document.getElementById('vorgang-titel').textContent = `Ihre Anfrage: ${name}`;
	document.title = `${name} – Industriedialog`;
}

/** An error that ends the page (expired or unknown link): says so and offers a new request. */
function fehler(result) {
	stoppePolling();
	let text;
	if (result.status === 410) {
		text = 'Dieser Link ist abgelaufen: Er gilt 24 Stunden. Bitte stellen Sie eine neue Anfrage – Sie bekommen dann einen neuen Link.';
	}
	else if (result.status === 400 || result.status === 404) {
		text = 'Diesen Link kennen wir nicht. Vielleicht wurde er beim Kopieren abgeschnitten? Öffnen Sie ihn bitte direkt aus der E-Mail oder stellen Sie eine neue Anfrage.';
	}
	else {
		text = detailText(result, 'Das hat leider nicht geklappt. Bitte laden Sie die Seite neu oder stellen Sie eine neue Anfrage.');
	}
	document.getElementById('vorgang').hidden = true;
	document.getElementById('nochmal').hidden = false;
	melde(meldung, text, 'problem');
	meldung.focus();
}

async function vorgang() {
	document.getElementById('anfrage').hidden = true;
	document.getElementById('titel').textContent = 'Ihre Datenschutzanfrage';
	melde(meldung, 'Ihre Anfrage wird geladen …', null);
	const result = await rufe(mitToken('/api/privacy/requests/progress'));
	if (!result.ok) {
		fehler(result);
		return;
	}
	const stand = result.body;
	zeigeArt(stand.kind);
	document.getElementById('vorgang').hidden = false;
	if (stand.verified) {
		melde(meldung, 'Diesen Link haben Sie bereits benutzt. Hier sehen Sie, wie weit Ihre Anfrage ist.', null);
		zeigeStand(stand);
		return;
	}
	if (stand.kind === 'ERASURE') {
		melde(meldung, 'Bitte bestätigen Sie die Löschung.', null);
		document.getElementById('warnung').hidden = false;
		return;
	}
	await bestaetigen();
}

async function bestaetigen() {
	const knopf = document.getElementById('loeschen-bestaetigen');
	knopf.disabled = true;
	melde(meldung, art === 'ERASURE' ? 'Die Löschung wird gestartet …' : 'Ihre Anfrage wird bestätigt …', null);
	const result = await rufe('/api/privacy/requests/verify', { method: 'POST', body: { token } });
	knopf.disabled = false;
	if (!result.ok) {
		if (result.status === 410 || result.status === 400 || result.status === 404) {
			fehler(result);
		}
		else {
			melde(meldung, detailText(result, 'Das hat leider nicht geklappt. Bitte versuchen Sie es noch einmal.'), 'problem');
			meldung.focus();
		}
		return;
	}
	const stand = result.body;
	if (stand.kind) {
		zeigeArt(stand.kind);
	}
	document.getElementById('warnung').hidden = true;
	const standard = stand.firstUse
		? (art === 'ERASURE' ? 'Danke. Wir löschen jetzt Ihre Daten in allen Bereichen.' : 'Danke. Wir stellen jetzt Ihre Daten aus allen Bereichen zusammen.')
		: 'Diesen Link haben Sie bereits benutzt. Hier sehen Sie, wie weit Ihre Anfrage ist.';
	melde(meldung, stand.message || standard, stand.firstUse ? 'erfolg' : null);
	meldung.focus();
	zeigeStand(stand);
}

// ---- Progress -------------------------------------------------------------------------

function zeigeStand(stand) {
	document.getElementById('fortschritt-bereich').hidden = false;
	const liste = document.getElementById('fortschritt');
	const parts = stand.parts || [];
	const zeilen = parts.map(fortschrittZeile);
	if (!zeilen.length) {
		zeilen.push(element('li', stand.done ? 'Zu Ihrer Adresse haben wir keine Daten gefunden.' : 'Die Anfrage wird an alle Bereiche verteilt …'));
	}
	ersetzeZeilen(liste, zeilen);
	const status = document.getElementById('status');
	const text = stand.done ? 'Abgeschlossen' : inArbeitText(parts);
	if (status.textContent !== text) {
		status.textContent = text;
	}
	const gueltig = document.getElementById('gueltig');
	const bis = zeitpunkt(stand.expiresAt);
	gueltig.textContent = bis ? `Ihr Link gilt bis ${bis}.` : '';
	if (stand.done) {
		stoppePolling();
		ergebnis();
		return;
	}
	planePolling(frageStand);
}

async function frageStand() {
	const result = await rufe(mitToken('/api/privacy/requests/progress'));
	if (result.ok) {
		zeigeStand(result.body);
		return;
	}
	if (result.status === 410 || result.status === 400 || result.status === 404) {
		fehler(result);
		return;
	}
	// A lost connection or a busy server: keep trying, the request itself goes on.
	melde(meldung, 'Der Stand lässt sich gerade nicht abrufen. Wir versuchen es weiter …', null);
	planePolling(frageStand);
}

// ---- Result ---------------------------------------------------------------------------

function ergebnis() {
	document.getElementById('ergebnis').hidden = false;
	if (art === 'ERASURE') {
		document.getElementById('ergebnis-loeschung').hidden = false;
		return;
	}
	document.getElementById('ergebnis-auskunft').hidden = false;
	document.getElementById('herunterladen').href = mitToken('/api/privacy/requests/export');
	if (!auskunftGeladen) {
		auskunftGeladen = true;
		ladeAuskunft();
	}
}

async function ladeAuskunft() {
	const ziel = document.getElementById('auskunft');
	ziel.replaceChildren(element('p', 'Ihre Daten werden zusammengestellt …'));
	const result = await rufe(mitToken('/api/privacy/requests/export'));
	if (!result.ok) {
		const text = result.status === 503
			? detailText(result, 'Ein Bereich ist gerade nicht erreichbar. Bitte versuchen Sie es in ein paar Minuten noch einmal.')
			: (result.status === 410 ? 'Dieser Link ist abgelaufen: Er gilt 24 Stunden. Bitte stellen Sie eine neue Anfrage.'
				: detailText(result, 'Ihre Daten ließen sich gerade nicht zusammenstellen. Bitte versuchen Sie es noch einmal.'));
		const knopf = element('button', 'Noch einmal versuchen', { type: 'button', class: 'zweitrangig' });
		knopf.addEventListener('click', ladeAuskunft);
		ziel.replaceChildren(element('p', text, { class: 'notiz problem' }), element('p'));
		ziel.lastChild.append(knopf);
		if (result.status === 410) {
			document.getElementById('nochmal').hidden = false;
			knopf.remove();
		}
		return;
	}
	ziel.replaceChildren(...darstellung(result.body || {}));
}

/** The export as headings and tables; all values go in as text. */
function darstellung(auskunft) {
	const nodes = [element('h3', 'Ihre Daten zum Lesen', { id: 'auskunft-titel' })];
	const kopf = [];
	const erstellt = zeitpunkt(auskunft.exportedAt);
	if (erstellt) {
		kopf.push(`Zusammengestellt am ${erstellt}`);
	}
	if (auskunft.requestId) {
		kopf.push(`Anfrage ${auskunft.requestId}`);
	}
	if (kopf.length) {
		nodes.push(element('p', kopf.join(' · '), { class: 'zaehler' }));
	}
	const dienste = Object.entries(auskunft.parts || {});
	let zaehler = 0;
	let irgendwas = false;
	for (const [dienst, arten] of dienste) {
		const abschnitt = element('section', null, { 'data-dienst': dienst });
		const titelId = `auskunft-${++zaehler}`;
		abschnitt.setAttribute('aria-labelledby', titelId);
		abschnitt.append(element('h4', DIENSTE[dienst] || dienst, { id: titelId }));
		const eintraege = Object.entries(arten || {});
		if (!eintraege.length) {
			abschnitt.append(element('p', 'Keine Daten.'));
		}
		for (const [name, teil] of eintraege) {
			const records = (teil && Array.isArray(teil.records)) ? teil.records : [];
			const teilId = `auskunft-${++zaehler}`;
			abschnitt.append(element('h5', (teil && teil.title) || DATENARTEN[name] || name, { id: teilId, 'data-name': name }));
			if (!records.length) {
				abschnitt.append(element('p', 'Keine Daten.'));
				continue;
			}
			irgendwas = true;
			abschnitt.append(tabelle(records, teilId));
		}
		nodes.push(abschnitt);
	}
	if (!irgendwas) {
		nodes.push(element('p', 'Zu Ihrer E-Mail-Adresse speichern wir keine Daten.'));
	}
	return nodes;
}

function tabelle(records, titelId) {
	const objekte = records.map((record) => ((record && typeof record === 'object' && !Array.isArray(record)) ? record : { wert: record }));
	const spalten = [];
	objekte.forEach((record) => Object.keys(record).forEach((key) => {
		if (!spalten.includes(key)) {
			spalten.push(key);
		}
	}));
	const table = element('table', null, { class: 'text-tabelle', 'aria-labelledby': titelId });
	const kopf = element('tr');
	for (const key of spalten) {
		const th = element('th', SPALTEN[key] || (key === 'wert' ? 'Wert' : key), { scope: 'col', 'data-schluessel': key });
		if (SPALTEN[key]) {
			th.append(' ', element('span', `(${key})`, { class: 'zaehler' }));
		}
		kopf.append(th);
	}
	const thead = element('thead');
	thead.append(kopf);
	const tbody = element('tbody');
	for (const record of objekte) {
		const tr = element('tr');
		for (const key of spalten) {
			const value = record[key];
			const td = element('td');
			if (value !== null && typeof value === 'object') {
				const code = element('code', wert(value));
				code.style.whiteSpace = 'pre-wrap';
				code.style.overflowWrap = 'anywhere';
				td.append(code);
			}
			else {
				td.textContent = wert(value);
			}
			tr.append(td);
		}
		tbody.append(tr);
	}
	table.append(thead, tbody);
	const rahmen = element('div', null, { class: 'tabelle-rahmen' });
	rahmen.append(table);
	return rahmen;
}

// ---- Start ------------------------------------------------------------------------------

formular.addEventListener('submit', senden);
document.getElementById('loeschen-bestaetigen').addEventListener('click', bestaetigen);

if (token) {
	vorgang();
}
