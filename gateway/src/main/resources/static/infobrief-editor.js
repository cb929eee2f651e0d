// The Infobrief editor: subject, intro and sections (free or from building blocks), the
// recipients' segment with a live count, save, preview, test send, and the real send with
// a progress bar. Once an issue is being sent it can only be read.
const INFOBRIEF_STATUS = { DRAFT: 'Entwurf', SENDING: 'Wird versendet', SENT: 'Versendet' };
const BAUSTEIN_GRUPPEN = [
	['NEW_STECKBRIEF', 'Neue Steckbriefe', 'Zum Steckbrief'],
	['UPCOMING_EVENT', 'Kommende Veranstaltungen', 'Zur Anmeldung'],
	['HELD_EVENT', 'Rückblick', 'Mehr erfahren']
];
const TAG = new Intl.DateTimeFormat('de-DE', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Europe/Berlin' });
const PROZENT = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 0 });
const ABSCHNITT_FELDER = [
	['heading', 'ueberschrift'], ['text', 'text'], ['link', 'link'], ['linkLabel', 'linktext']
];

const meldung = document.getElementById('meldung');
const ansage = document.getElementById('ansage');
const form = document.getElementById('infobrief-form');
const abschnitteBox = document.getElementById('abschnitte');
const empfaenger = document.getElementById('empfaenger');
const dialog = document.getElementById('versand-dialog');

let optionen = null;
let issueId = parameter('id');
let status = 'DRAFT';
let abschnitte = [];
let vorschlaege = [];
let geaendert = false;
let zaehlung = 0;
let zaehlTimer = null;
let abfrageTimer = null;
let fehlversuche = 0;
let letzteAnsage = 0;

// ---- Small helpers ----

function sage(text) {
	ansage.textContent = text;
}

function nurLesen() {
	return status !== 'DRAFT';
}

function markiereGeaendert() {
	geaendert = true;
	document.getElementById('gespeichert').textContent = 'Ungespeicherte Änderungen';
}

function markiereGespeichert() {
	geaendert = false;
	document.getElementById('gespeichert').textContent = '';
}

function segment() {
	return {
		audiences: angekreuzt(document.getElementById('segment-zielgruppen-liste')),
		states: angekreuzt(document.getElementById('segment-laender-liste'))
	};
}

function entwurf() {
	return {
		subject: document.getElementById('betreff').value.trim(),
		intro: document.getElementById('einleitung').value.trim(),
		sections: abschnitte.map((section) => {
			const body = { heading: section.heading.trim(), text: section.text.trim() };
			['link', 'linkLabel', 'sourceKind', 'sourceId'].forEach((name) => {
				const value = (section[name] || '').trim();
				if (value) {
					body[name] = value;
				}
			});
			return body;
		}),
		segment: segment()
	};
}

// ---- Sections ----

function abschnittFeld(index, name, suffix, section) {
	const id = `abschnitt-${index}-${suffix}`;
	const wrapper = element('div', null, { class: 'feld' });
	const labels = { heading: 'Überschrift', text: 'Text', link: 'Link (optional)', linkLabel: 'Linktext (optional)' };
	const field = name === 'text'
		? element('textarea', null, { id, rows: '4', maxlength: '5000' })
		: element('input', null, { id, maxlength: name === 'link' ? '500' : '200', ...(name === 'link' ? { type: 'url', inputmode: 'url', spellcheck: 'false' } : {}) });
	field.value = section[name] || '';
	field.dataset.feld = name;
	field.setAttribute('aria-describedby', `abschnitt-${index}-fehler`);
	field.addEventListener('input', () => {
		abschnitte[index][name] = field.value;
		markiereGeaendert();
		if (name === 'heading') {
			field.closest('fieldset').querySelector('legend').textContent = legende(index);
		}
	});
	wrapper.append(element('label', labels[name], { for: id }), field);
	return wrapper;
}

function legende(index) {
	const heading = abschnitte[index].heading.trim();
	return heading ? `Abschnitt ${index + 1}: ${heading}` : `Abschnitt ${index + 1}`;
}

function aktionsKnopf(index, aktion, text, label, disabled) {
	const button = element('button', text, { type: 'button', class: aktion === 'entfernen' ? 'leise' : 'zweitrangig', 'data-aktion': aktion, 'data-index': String(index), 'aria-label': label });
	button.disabled = disabled;
	button.addEventListener('click', () => bewegeAbschnitt(index, aktion));
	return button;
}

function zeichneAbschnitte() {
	abschnitteBox.replaceChildren(...abschnitte.map((section, index) => {
		const box = element('fieldset', null, { class: 'abschnitt', id: `abschnitt-${index}`, 'data-index': String(index) });
		if (section.sourceKind) {
			box.dataset.sourceKind = section.sourceKind;
			box.dataset.sourceId = section.sourceId || '';
		}
		box.append(element('legend', legende(index)));
		if (section.sourceKind) {
			const gruppe = BAUSTEIN_GRUPPEN.find(([kind]) => kind === section.sourceKind);
			box.append(element('p', `Aus dem Baustein „${gruppe ? gruppe[1] : section.sourceKind}“`, { class: 'herkunft' }));
		}
		box.append(abschnittFeld(index, 'heading', 'ueberschrift', section), abschnittFeld(index, 'text', 'text', section));
		const links = element('div', null, { class: 'zwei-felder' });
		links.append(abschnittFeld(index, 'link', 'link', section), abschnittFeld(index, 'linkLabel', 'linktext', section));
		box.append(links, element('p', null, { id: `abschnitt-${index}-fehler`, class: 'fehler' }));
		const actions = element('div', null, { class: 'knopfzeile abschnitt-aktionen' });
		actions.append(
			aktionsKnopf(index, 'hoch', 'Nach oben', `Abschnitt ${index + 1} nach oben`, index === 0),
			aktionsKnopf(index, 'runter', 'Nach unten', `Abschnitt ${index + 1} nach unten`, index === abschnitte.length - 1),
			aktionsKnopf(index, 'entfernen', 'Entfernen', `Abschnitt ${index + 1} entfernen`, false));
		box.append(actions);
		if (nurLesen()) {
			box.querySelectorAll('input, textarea').forEach((field) => { field.readOnly = true; });
		}
		return box;
	}));
	document.getElementById('keine-abschnitte').hidden = abschnitte.length > 0;
	markiereUebernommeneBausteine();
}

function bewegeAbschnitt(index, aktion) {
	const heading = abschnitte[index].heading.trim() || `Abschnitt ${index + 1}`;
	if (aktion === 'entfernen') {
		abschnitte.splice(index, 1);
		zeichneAbschnitte();
		markiereGeaendert();
		sage(`„${heading}“ entfernt.`);
		const next = abschnitteBox.querySelector(`#abschnitt-${Math.min(index, abschnitte.length - 1)}-ueberschrift`);
		(next || document.getElementById('abschnitt-hinzufuegen')).focus();
		return;
	}
	const target = aktion === 'hoch' ? index - 1 : index + 1;
	if (target < 0 || target >= abschnitte.length) {
		return;
	}
	[abschnitte[index], abschnitte[target]] = [abschnitte[target], abschnitte[index]];
	zeichneAbschnitte();
	markiereGeaendert();
	sage(`„${heading}“ ist jetzt Abschnitt ${target + 1}.`);
	// Keep the keyboard where the moved section went; at the edge, on its other button.
	let button = abschnitteBox.querySelector(`button[data-index="${target}"][data-aktion="${aktion}"]`);
	if (!button || button.disabled) {
		button = abschnitteBox.querySelector(`button[data-index="${target}"][data-aktion="${aktion === 'hoch' ? 'runter' : 'hoch'}"]`);
	}
	button.focus();
}

function fuegeAbschnittHinzu(section) {
	abschnitte.push({ heading: '', text: '', link: '', linkLabel: '', sourceKind: '', sourceId: '', ...section });
	zeichneAbschnitte();
	markiereGeaendert();
	const index = abschnitte.length - 1;
	sage(section.heading ? `„${section.heading}“ als Abschnitt ${index + 1} übernommen.` : `Abschnitt ${index + 1} angelegt.`);
	document.getElementById(`abschnitt-${index}-ueberschrift`).focus();
}

// ---- Building blocks ----

function kennzahlenText(figures) {
	if (!figures) {
		return '';
	}
	const parts = [];
	if (figures.attended !== null && figures.attended !== undefined) {
		parts.push(`${nlZahl(figures.attended)} Teilnehmende`);
	}
	if (figures.responses !== null && figures.responses !== undefined) {
		parts.push(`${nlZahl(figures.responses)} Rückmeldungen`);
	}
	if (figures.expectationsMetPercent !== null && figures.expectationsMetPercent !== undefined) {
		parts.push(`Erwartungen getroffen: ${PROZENT.format(figures.expectationsMetPercent)} %`);
	}
	return parts.join(' · ');
}

function bausteinSchluessel(kind, sourceId) {
	return `${kind}|${sourceId}`;
}

function markiereUebernommeneBausteine() {
	const used = new Set(abschnitte.filter((section) => section.sourceKind).map((section) => bausteinSchluessel(section.sourceKind, section.sourceId)));
	document.querySelectorAll('#bausteine-gruppen button[data-kind]').forEach((button) => {
		const taken = used.has(bausteinSchluessel(button.dataset.kind, button.dataset.sourceId));
		button.disabled = taken || nurLesen();
		button.textContent = taken ? 'Übernommen' : 'Übernehmen';
	});
}

function uebernimm(suggestion, linkLabel) {
	const figures = kennzahlenText(suggestion.figures);
	const text = [suggestion.text || '', figures && !(suggestion.text || '').includes(figures) ? `${figures}.` : ''].filter((part) => part).join('\n\n');
	fuegeAbschnittHinzu({
		heading: suggestion.heading || '', text, link: suggestion.link || '', linkLabel: suggestion.link ? linkLabel : '',
		sourceKind: suggestion.kind, sourceId: suggestion.sourceId || ''
	});
}

function zeichneBausteine() {
	const gruppen = document.getElementById('bausteine-gruppen');
	gruppen.replaceChildren(...BAUSTEIN_GRUPPEN.map(([kind, titel, linkLabel]) => {
		const items = vorschlaege.filter((suggestion) => suggestion.kind === kind);
		const group = element('section', null, { class: 'baustein-gruppe', 'data-kind': kind, 'aria-labelledby': `bausteine-${kind}` });
		group.append(element('h4', `${titel} (${items.length})`, { id: `bausteine-${kind}` }));
		if (!items.length) {
			group.append(element('p', 'Gerade nichts Neues.', { class: 'hinweis' }));
			return group;
		}
		const list = element('ul');
		list.append(...items.map((suggestion) => {
			const item = element('li', null, { 'data-source-id': suggestion.sourceId || '' });
			item.append(element('span', suggestion.heading || '(ohne Titel)', { class: 'baustein-titel' }));
			const extra = [suggestion.date ? TAG.format(new Date(suggestion.date)) : '', kennzahlenText(suggestion.figures)].filter((part) => part).join(' · ');
			if (extra) {
				item.append(element('span', extra, { class: 'baustein-zusatz' }));
			}
			const button = element('button', 'Übernehmen', {
				type: 'button', class: 'zweitrangig baustein-uebernehmen', 'data-kind': kind, 'data-source-id': suggestion.sourceId || '',
				id: `baustein-${kind}-${suggestion.sourceId || ''}`, 'aria-label': `„${suggestion.heading || 'Baustein'}“ als Abschnitt übernehmen`
			});
			button.addEventListener('click', () => uebernimm(suggestion, linkLabel));
			item.append(button);
			return item;
		}));
		group.append(list);
		return group;
	}));
	markiereUebernommeneBausteine();
}

async function ladeBausteine() {
	const result = await anfrage('/api/infobriefe/suggestions');
	const stand = document.getElementById('bausteine-stand');
	if (nichtBerechtigt(result)) {
		document.getElementById('inhalt').hidden = true;
		zeigeAnmeldehinweis(meldung, result.status, 'Infobriefe');
		return false;
	}
	if (!result.ok) {
		stand.textContent = `Die Bausteine sind gerade nicht verfügbar: ${detailText(result)}`;
		return true;
	}
	vorschlaege = result.body || [];
	stand.textContent = vorschlaege.length ? '' : 'Gerade gibt es keine Bausteine.';
	zeichneBausteine();
	return true;
}

// ---- Segment and recipient count ----

async function zaehleEmpfaenger() {
	const nummer = ++zaehlung;
	const s = segment();
	const params = new URLSearchParams();
	if (s.audiences.length) {
		params.set('audiences', s.audiences.join(','));
	}
	if (s.states.length) {
		params.set('states', s.states.join(','));
	}
	empfaenger.setAttribute('aria-busy', 'true');
	const result = await anfrage(`/api/newsletter/segment-count${params.toString() ? `?${params}` : ''}`);
	if (nummer !== zaehlung) {
		return null;
	}
	empfaenger.removeAttribute('aria-busy');
	if (!result.ok || !result.body) {
		empfaenger.dataset.anzahl = '';
		empfaenger.textContent = 'nicht verfügbar';
		return null;
	}
	const count = Number(result.body.recipients) || 0;
	empfaenger.dataset.anzahl = String(count);
	empfaenger.textContent = nlZahl(count);
	return count;
}

function segmentGeaendert() {
	markiereGeaendert();
	clearTimeout(zaehlTimer);
	zaehlTimer = setTimeout(zaehleEmpfaenger, 300);
}

// ---- Loading, saving, read-only ----

function zeigeStatus() {
	document.getElementById('editor').dataset.status = status;
	const marke = document.getElementById('status-anzeige');
	marke.dataset.status = status;
	marke.textContent = INFOBRIEF_STATUS[status] || status;
	const lesen = nurLesen();
	document.getElementById('editor').classList.toggle('nur-lesen', lesen);
	document.getElementById('bausteine').hidden = lesen;
	document.getElementById('nur-vorschau').hidden = !lesen;
	document.getElementById('loeschen').hidden = lesen || !issueId;
	form.querySelectorAll('input, textarea').forEach((field) => {
		if (field.type === 'checkbox') {
			field.disabled = lesen;
		}
		else {
			field.readOnly = lesen;
		}
	});
	if (lesen) {
		document.getElementById('titel').textContent = status === 'SENT' ? 'Infobrief (versendet)' : 'Infobrief (wird versendet)';
	}
	else {
		document.getElementById('titel').textContent = issueId ? 'Infobrief bearbeiten' : 'Neuer Infobrief';
	}
	markiereUebernommeneBausteine();
}

function fuelle(issue) {
	issueId = issue.id || issueId;
	status = issue.status || 'DRAFT';
	document.getElementById('betreff').value = issue.subject || '';
	document.getElementById('einleitung').value = issue.intro || '';
	abschnitte = (issue.sections || []).map((section) => ({
		heading: section.heading || '', text: section.text || '', link: section.link || '', linkLabel: section.linkLabel || '',
		sourceKind: section.sourceKind || '', sourceId: section.sourceId || ''
	}));
	const s = issue.segment || {};
	ankreuzliste(document.getElementById('segment-zielgruppen-liste'), 'audience', optionen.audiences, 'segment-zielgruppe-', s.audiences || []);
	ankreuzliste(document.getElementById('segment-laender-liste'), 'state', optionen.states, 'segment-land-', s.states || []);
	zeichneAbschnitte();
	zeigeStatus();
	markiereGespeichert();
	document.title = `${issue.subject || 'Infobrief'} – Industriedialog`;
}

function feldKarte() {
	const map = {
		subject: { field: 'betreff', message: 'betreff-fehler' },
		intro: { field: 'einleitung', message: 'einleitung-fehler' },
		sections: { field: 'abschnitt-hinzufuegen', message: 'abschnitte-fehler' },
		segment: { field: 'segment-zielgruppen', message: 'segment-zielgruppen-fehler' },
		'segment.audiences': { field: 'segment-zielgruppen', message: 'segment-zielgruppen-fehler' },
		'segment.states': { field: 'segment-laender', message: 'segment-laender-fehler' }
	};
	abschnitte.forEach((section, index) => {
		ABSCHNITT_FELDER.forEach(([name, suffix]) => {
			const target = { field: `abschnitt-${index}-${suffix}`, message: `abschnitt-${index}-fehler` };
			map[`sections[${index}].${name}`] = target;
			map[`sections.${index}.${name}`] = target;
		});
		map[`sections[${index}]`] = { field: `abschnitt-${index}-ueberschrift`, message: `abschnitt-${index}-fehler` };
	});
	return map;
}

function zeigeProblem(result) {
	const rest = zeigeFeldfehler(form, result, feldKarte());
	const hasFieldErrors = ((result.body && result.body.errors) || []).length > rest.length;
	melde(meldung, [hasFieldErrors ? 'Bitte die markierten Angaben prüfen.' : detailText(result, 'Das hat nicht geklappt.'), ...rest].join(' '), 'problem');
	if (!hasFieldErrors) {
		meldung.focus();
	}
}

/** Saves the draft (POST when new, PUT otherwise); true when it is stored. */
async function speichere() {
	loescheFeldfehler(form);
	const body = entwurf();
	if (!body.subject) {
		zeigeProblem({ status: 400, body: { errors: [{ field: 'subject', message: 'Bitte einen Betreff eingeben.' }] } });
		return false;
	}
	const result = issueId
		? await anfrage(`/api/infobriefe/${encodeURIComponent(issueId)}`, { method: 'PUT', body })
		: await anfrage('/api/infobriefe', { method: 'POST', body });
	if (nichtBerechtigt(result)) {
		zeigeAnmeldehinweis(meldung, result.status, 'Infobriefe');
		return false;
	}
	if (result.status === 409) {
		melde(meldung, detailText(result, 'Dieser Infobrief wird schon versendet und lässt sich nicht mehr ändern.'), 'problem');
		await lade();
		return false;
	}
	if (!result.ok) {
		zeigeProblem(result);
		return false;
	}
	const neu = !issueId;
	if (result.body && result.body.id) {
		issueId = result.body.id;
	}
	if (neu && issueId) {
		window.history.replaceState(null, '', `${window.location.pathname}?id=${encodeURIComponent(issueId)}`);
	}
	markiereGespeichert();
	zeigeStatus();
	document.getElementById('gespeichert').textContent = `Gespeichert um ${new Intl.DateTimeFormat('de-DE', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Berlin' }).format(new Date())} Uhr`;
	return true;
}

/** Preview, test and send use the stored draft, so unsaved changes are saved first. */
async function gespeichert() {
	return (issueId && !geaendert) || speichere();
}

async function lade() {
	const result = await anfrage(`/api/infobriefe/${encodeURIComponent(issueId)}`);
	if (nichtBerechtigt(result)) {
		zeigeAnmeldehinweis(meldung, result.status, 'Infobriefe');
		return false;
	}
	if (!result.ok) {
		melde(meldung, result.status === 404 ? 'Diesen Infobrief gibt es nicht (mehr). Zurück zur Liste aller Infobriefe.' : detailText(result), 'problem');
		return false;
	}
	fuelle(result.body);
	if (status === 'SENDING' || status === 'SENT') {
		zeigeVersand();
		await frageFortschritt();
	}
	return true;
}

// ---- Preview and test send ----

async function zeigeVorschau() {
	if (!nurLesen() && !(await gespeichert())) {
		return;
	}
	const result = await anfrage(`/api/infobriefe/${encodeURIComponent(issueId)}/preview`);
	if (!result.ok) {
		melde(meldung, `Die Vorschau ist gerade nicht verfügbar: ${detailText(result)}`, 'problem');
		return;
	}
	document.getElementById('vorschau-betreff').textContent = result.body.subject || '';
	document.getElementById('vorschau-html').srcdoc = result.body.html || '';
	document.getElementById('vorschau-text').textContent = result.body.text || '';
	document.getElementById('vorschau').hidden = false;
	document.getElementById('vorschau-titel').focus();
}

async function testversand() {
	if (!(await gespeichert())) {
		return;
	}
	const button = document.getElementById('testversand');
	button.disabled = true;
	const result = await anfrage(`/api/infobriefe/${encodeURIComponent(issueId)}/test-send`, { method: 'POST', body: {} });
	button.disabled = false;
	melde(meldung, result.ok
		? 'Der Testversand ist unterwegs an die E-Mail-Adresse des angemeldeten Kontos (Betreff mit „[Test]“).'
		: `Der Testversand hat nicht geklappt: ${detailText(result)}`, result.ok ? 'erfolg' : 'problem');
	meldung.focus();
}

// ---- Sending and progress ----

async function versandVorbereiten() {
	melde(meldung, '');
	if (!(await gespeichert())) {
		return;
	}
	const count = await zaehleEmpfaenger();
	if (count === null) {
		melde(meldung, 'Die Zahl der Empfänger:innen lässt sich gerade nicht ermitteln. Bitte gleich noch einmal versuchen.', 'problem');
		meldung.focus();
		return;
	}
	if (count === 0) {
		melde(meldung, 'Im gewählten Empfängerkreis ist niemand. Bitte Zielgruppen oder Bundesländer erweitern.', 'problem');
		meldung.focus();
		return;
	}
	const subject = document.getElementById('betreff').value.trim();
	const wer = count === 1 ? '1 Empfänger:in' : `${nlZahl(count)} Empfänger:innen`;
	document.getElementById('versand-dialog-text').textContent = `„${subject}“ geht jetzt an ${wer}. Das lässt sich nicht rückgängig machen.`;
	const bestaetigen = document.getElementById('versand-bestaetigen');
	bestaetigen.textContent = `Ja, an ${wer} versenden`;
	bestaetigen.dataset.anzahl = String(count);
	dialog.showModal();
	document.getElementById('versand-abbrechen').focus();
}

async function versende() {
	dialog.close();
	const button = document.getElementById('versenden');
	button.disabled = true;
	const result = await anfrage(`/api/infobriefe/${encodeURIComponent(issueId)}/send`, { method: 'POST', body: {} });
	button.disabled = false;
	if (!result.ok) {
		melde(meldung, detailText(result, 'Der Versand ließ sich nicht starten.'), 'problem');
		meldung.focus();
		if (result.status === 409) {
			await lade();
		}
		return;
	}
	status = result.body && result.body.status ? result.body.status : 'SENDING';
	zeigeStatus();
	zeigeVersand();
	zeigeFortschritt({ status, recipients: result.body && result.body.recipients, sent: 0, failed: 0 });
	melde(meldung, 'Der Versand läuft.', 'erfolg');
	document.getElementById('versand-titel').focus();
	planeAbfrage();
}

function zeigeVersand() {
	document.getElementById('versand').hidden = false;
	document.getElementById('versand-titel').setAttribute('tabindex', '-1');
}

function zeigeFortschritt(progress) {
	const recipients = Number(progress.recipients) || 0;
	const sent = Number(progress.sent) || 0;
	const failed = Number(progress.failed) || 0;
	const bar = document.getElementById('versand-fortschritt');
	bar.max = Math.max(recipients, 1);
	bar.value = Math.min(sent + failed, bar.max);
	bar.dataset.gesendet = String(sent);
	const fertig = progress.status === 'SENT';
	let text = `${nlZahl(sent)} von ${nlZahl(recipients)} versendet`;
	if (failed) {
		text += `, ${nlZahl(failed)} fehlgeschlagen`;
	}
	if (fertig) {
		text = `Versand abgeschlossen: ${text}.`;
	}
	const textNode = document.getElementById('versand-text');
	textNode.textContent = text;
	textNode.dataset.status = progress.status || '';
	const details = [];
	if (progress.startedAt) {
		details.push(`Begonnen ${nlZeitpunkt(progress.startedAt)}`);
	}
	if (progress.finishedAt) {
		details.push(`beendet ${nlZeitpunkt(progress.finishedAt)}`);
	}
	if (!fertig && progress.mailsPerSecond) {
		details.push(`${PROZENT.format(progress.mailsPerSecond)} E-Mails pro Sekunde`);
	}
	if (!fertig && progress.pending) {
		details.push(`${nlZahl(progress.pending)} ausstehend`);
	}
	document.getElementById('versand-details').textContent = details.join(' · ');
	// The bar changes every second; screen readers hear it every ten seconds and at the end.
	const now = Date.now();
	if (fertig || now - letzteAnsage >= 10000) {
		letzteAnsage = now;
		sage(text);
	}
}

function planeAbfrage() {
	clearTimeout(abfrageTimer);
	abfrageTimer = setTimeout(frageFortschritt, 1000);
}

async function frageFortschritt() {
	const result = await anfrage(`/api/infobriefe/${encodeURIComponent(issueId)}/progress`);
	if (!result.ok || !result.body) {
		fehlversuche += 1;
		if (fehlversuche >= 30) {
			melde(meldung, `Der Stand des Versands lässt sich gerade nicht abfragen (${detailText(result)}). Der Versand läuft auf dem Server weiter; die Seite später neu laden.`, 'problem');
			return;
		}
		planeAbfrage();
		return;
	}
	fehlversuche = 0;
	zeigeFortschritt(result.body);
	if (result.body.status === 'SENT') {
		status = 'SENT';
		zeigeStatus();
		melde(meldung, document.getElementById('versand-text').textContent, 'erfolg');
		return;
	}
	planeAbfrage();
}

// ---- Wiring ----

form.addEventListener('submit', async (submitEvent) => {
	submitEvent.preventDefault();
	melde(meldung, '');
	if (nurLesen()) {
		return;
	}
	if (await speichere()) {
		sage('Der Infobrief ist gespeichert.');
	}
});

['betreff', 'einleitung'].forEach((id) => document.getElementById(id).addEventListener('input', markiereGeaendert));
document.getElementById('segment-zielgruppen-liste').addEventListener('change', segmentGeaendert);
document.getElementById('segment-laender-liste').addEventListener('change', segmentGeaendert);
document.getElementById('abschnitt-hinzufuegen').addEventListener('click', () => fuegeAbschnittHinzu({}));
document.getElementById('vorschau-zeigen').addEventListener('click', zeigeVorschau);
document.getElementById('vorschau-zeigen-lesen').addEventListener('click', zeigeVorschau);
document.getElementById('testversand').addEventListener('click', testversand);
document.getElementById('versenden').addEventListener('click', versandVorbereiten);
document.getElementById('versand-bestaetigen').addEventListener('click', versende);
document.getElementById('versand-abbrechen').addEventListener('click', () => {
	dialog.close();
	document.getElementById('versenden').focus();
});

document.getElementById('loeschen').addEventListener('click', async () => {
	if (!window.confirm('Diesen Entwurf wirklich löschen? Das lässt sich nicht rückgängig machen.')) {
		return;
	}
	const result = await anfrage(`/api/infobriefe/${encodeURIComponent(issueId)}`, { method: 'DELETE' });
	if (!result.ok) {
		melde(meldung, detailText(result), 'problem');
		meldung.focus();
		return;
	}
	geaendert = false;
	window.location.assign('/infobriefe.html');
});

window.addEventListener('beforeunload', (unloadEvent) => {
	if (geaendert && !nurLesen()) {
		unloadEvent.preventDefault();
		unloadEvent.returnValue = '';
	}
});

async function start() {
	abmeldenVerdrahten();
	optionen = await newsletterOptionen();
	if (issueId) {
		if (!(await lade())) {
			return;
		}
	}
	else {
		fuelle({ status: 'DRAFT', sections: [], segment: { audiences: [], states: [] } });
	}
	document.getElementById('inhalt').hidden = false;
	if (!nurLesen() && !(await ladeBausteine())) {
		return;
	}
	zaehleEmpfaenger();
}

start();
