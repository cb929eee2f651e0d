// The history of the Infobrief: drafts, issues being sent and sent issues with their counts.
const INFOBRIEF_STATUS = { DRAFT: 'Entwurf', SENDING: 'Wird versendet', SENT: 'Versendet' };
const hinweis = document.getElementById('hinweis');
const stand = document.getElementById('stand');
let optionen = null;

function segmentText(segment) {
	const s = segment || {};
	return `${zielgruppenText(s.audiences, optionen)}; ${laenderText(s.states, optionen)}`;
}

function zeile(issue) {
	const counts = issue.counts || {};
	const tr = element('tr', null, { 'data-id': issue.id, 'data-status': issue.status || '' });
	const cell = element('th', null, { scope: 'row' });
	cell.append(element('a', issue.subject || '(ohne Betreff)', { href: `/infobrief-editor.html?id=${encodeURIComponent(issue.id)}`, class: 'editor-link' }));
	const status = element('td');
	status.append(element('span', INFOBRIEF_STATUS[issue.status] || issue.status, { class: 'status-marke', 'data-status': issue.status || '' }));
	const entwurf = issue.status === 'DRAFT';
	tr.append(cell, status, element('td', segmentText(issue.segment)), element('td', nlZeitpunkt(issue.sentAt || issue.createdAt)),
		element('td', entwurf ? '–' : nlZahl(counts.recipients)), element('td', entwurf ? '–' : nlZahl(counts.sent)),
		element('td', entwurf ? '–' : nlZahl(counts.failed)));
	return tr;
}

async function lade() {
	const result = await anfrage('/api/infobriefe');
	stand.textContent = '';
	if (nichtBerechtigt(result)) {
		document.getElementById('neu').hidden = true;
		zeigeAnmeldehinweis(hinweis, result.status, 'Die Infobriefe');
		return;
	}
	if (!result.ok) {
		melde(hinweis, `Die Infobriefe sind gerade nicht verfügbar: ${detailText(result)}`, 'problem');
		return;
	}
	const issues = result.body || [];
	document.querySelector('#infobriefe-tabelle tbody').replaceChildren(...issues.map(zeile));
	document.getElementById('inhalt').hidden = issues.length === 0;
	document.getElementById('leer').hidden = issues.length > 0;
	stand.textContent = issues.length === 1 ? '1 Infobrief' : `${nlZahl(issues.length)} Infobriefe`;
}

async function start() {
	abmeldenVerdrahten();
	optionen = await newsletterOptionen();
	await lade();
}

start();
