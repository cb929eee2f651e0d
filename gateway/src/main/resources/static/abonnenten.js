// Staff view of the Infobrief's subscribers: filters (kept in the page URL), counts of the
// filtered set, a paged list and the consent history of one subscriber.
const GROESSE = 50;
const FILTER = ['status', 'audience', 'state', 'q'];
const FILTER_FELDER = { status: 'f-status', audience: 'f-zielgruppe', state: 'f-land', q: 'f-suche' };
const VORGAENGE = {
	REQUESTED: 'Anmeldung angefragt', CONFIRMED: 'bestätigt (Double-Opt-in)', PREFERENCES_CHANGED: 'Einstellungen geändert',
	UNSUBSCRIBED: 'abgemeldet', RESUBSCRIBED: 'erneut angemeldet'
};
const WEGE = { ONE_CLICK: 'Ein-Klick-Abmeldung im Postfach', PREFERENCE_PAGE: 'Einstellungsseite', STAFF: 'Geschäftsstelle', BOUNCE: 'Unzustellbarkeit' };
const hinweis = document.getElementById('hinweis');
const stand = document.getElementById('stand');
let optionen = null;
let seite = 0;
let gewaehlteId = null;

function filterAusUrl() {
	const params = new URLSearchParams(window.location.search);
	seite = Math.max(0, Number(params.get('page')) || 0);
	FILTER.forEach((name) => { document.getElementById(FILTER_FELDER[name]).value = params.get(name) || ''; });
}

function abfrage() {
	const params = new URLSearchParams();
	FILTER.forEach((name) => {
		const value = document.getElementById(FILTER_FELDER[name]).value.trim();
		if (value) {
			params.set(name, value);
		}
	});
	if (seite > 0) {
		params.set('page', String(seite));
	}
	return params;
}

function statusMarke(status) {
	return element('span', ABO_STATUS[status] || status, { class: 'status-marke', 'data-status': status || '' });
}

function zaehlTabelle(id, counts, label) {
	const rows = Object.entries(counts || {}).sort((a, b) => b[1] - a[1]);
	const body = document.querySelector(`#${id} tbody`);
	body.replaceChildren(...(rows.length ? rows.map(([code, count]) => {
		const tr = element('tr', null, { 'data-code': code });
		tr.append(element('th', label(code), { scope: 'row' }), element('td', nlZahl(count)));
		return tr;
	}) : [(() => { const tr = element('tr'); tr.append(element('td', 'keine', { colspan: '2' })); return tr; })()]));
}

function zeile(item) {
	const tr = element('tr', null, { 'data-id': item.id });
	if (item.id === gewaehlteId) {
		tr.classList.add('gewaehlt');
	}
	const cell = element('th', null, { scope: 'row' });
	const button = element('button', item.email, { type: 'button', class: 'zeilenlink', 'data-id': item.id, 'aria-label': `Details zu ${item.email}` });
	button.addEventListener('click', () => zeigeDetails(item.id));
	cell.append(button);
	const status = element('td');
	status.append(statusMarke(item.status));
	tr.append(cell, element('td', item.name || '–'), status,
		element('td', zielgruppenText(item.audiences, optionen)), element('td', laenderText(item.states, optionen)),
		element('td', nlZeitpunkt(item.confirmedAt)));
	return tr;
}

async function ladeListe() {
	const params = abfrage();
	window.history.replaceState(null, '', `${window.location.pathname}${params.toString() ? `?${params}` : ''}`);
	params.set('page', String(seite));
	params.set('size', String(GROESSE));
	stand.textContent = 'Wird geladen …';
	const result = await anfrage(`/api/newsletter/subscribers?${params}`);
	if (nichtBerechtigt(result)) {
		document.getElementById('inhalt').hidden = true;
		stand.textContent = '';
		zeigeAnmeldehinweis(hinweis, result.status, 'Die Abonnent:innen');
		return;
	}
	if (!result.ok) {
		stand.textContent = '';
		melde(hinweis, `Die Liste ist gerade nicht verfügbar: ${detailText(result)}`, 'problem');
		return;
	}
	melde(hinweis, '');
	document.getElementById('inhalt').hidden = false;
	const body = result.body || {};
	const items = body.items || [];
	const total = body.total || 0;
	const counts = body.counts || {};
	zaehlTabelle('zahlen-status', counts.byStatus, (code) => ABO_STATUS[code] || code);
	zaehlTabelle('zahlen-zielgruppe', counts.byAudience, (code) => zielgruppeName(code, optionen));
	zaehlTabelle('zahlen-land', counts.byState, (code) => (code === 'NONE' || code === '' ? 'bundesweit' : landName(code, optionen)));
	document.querySelector('#abonnenten-tabelle tbody').replaceChildren(...items.map(zeile));
	document.getElementById('leer').hidden = items.length > 0;
	const seiten = Math.max(1, Math.ceil(total / GROESSE));
	document.getElementById('seite-info').textContent = `Seite ${seite + 1} von ${seiten}`;
	document.getElementById('seite-zurueck').disabled = seite === 0;
	document.getElementById('seite-weiter').disabled = seite + 1 >= seiten;
	document.getElementById('abonnenten-caption').textContent = `Abonnent:innen (${nlZahl(total)} insgesamt)`;
	stand.textContent = `${nlZahl(total)} Abonnent:innen gefunden.`;
}

async function zeigeDetails(id) {
	gewaehlteId = id;
	document.querySelectorAll('#abonnenten-tabelle tbody tr').forEach((tr) => tr.classList.toggle('gewaehlt', tr.dataset.id === id));
	const details = document.getElementById('details');
	details.hidden = false;
	document.getElementById('details-stand').textContent = 'Wird geladen …';
	const result = await anfrage(`/api/newsletter/subscribers/${encodeURIComponent(id)}`);
	if (!result.ok) {
		document.getElementById('details-stand').textContent = nichtBerechtigt(result)
			? 'Bitte mit einem Konto der Geschäftsstelle anmelden.' : detailText(result);
		return;
	}
	document.getElementById('details-stand').textContent = '';
	const s = result.body;
	document.getElementById('details-titel').textContent = `Details: ${s.email}`;
	const daten = [
		['E-Mail-Adresse', s.email], ['Name', s.name || '–'], ['Status', ABO_STATUS[s.status] || s.status],
		['Zielgruppen', zielgruppenText(s.audiences, optionen)], ['Bundesländer', laenderText(s.states, optionen)],
		['Quelle', s.source || '–'], ['Bestätigt am', nlZeitpunkt(s.confirmedAt)], ['Abgemeldet am', nlZeitpunkt(s.unsubscribedAt)]
	];
	document.getElementById('details-daten').replaceChildren(...daten.flatMap(([term, value]) => [element('dt', term), element('dd', value)]));
	document.querySelector('#einwilligungen tbody').replaceChildren(...(s.consents || []).map((consent) => {
		const tr = element('tr', null, { 'data-action': consent.action || '' });
		tr.append(element('th', nlZeitpunkt(consent.at), { scope: 'row' }), element('td', VORGAENGE[consent.action] || consent.action),
			element('td', consent.textVersion || '–'), element('td', consent.source || '–'), element('td', WEGE[consent.channel] || consent.channel || '–'));
		return tr;
	}));
	document.getElementById('details-titel').focus();
}

document.getElementById('filter').addEventListener('submit', (submitEvent) => {
	submitEvent.preventDefault();
	seite = 0;
	ladeListe();
});

document.getElementById('filter-zuruecksetzen').addEventListener('click', () => {
	Object.values(FILTER_FELDER).forEach((id) => { document.getElementById(id).value = ''; });
	seite = 0;
	ladeListe();
});

document.getElementById('seite-zurueck').addEventListener('click', () => { seite = Math.max(0, seite - 1); ladeListe(); });
document.getElementById('seite-weiter').addEventListener('click', () => { seite += 1; ladeListe(); });

document.getElementById('details-schliessen').addEventListener('click', () => {
	document.getElementById('details').hidden = true;
	const button = document.querySelector(`#abonnenten-tabelle button[data-id="${CSS.escape(gewaehlteId || '')}"]`);
	gewaehlteId = null;
	document.querySelectorAll('#abonnenten-tabelle tbody tr.gewaehlt').forEach((tr) => tr.classList.remove('gewaehlt'));
	if (button) {
		button.focus();
	}
});

async function start() {
	abmeldenVerdrahten();
	optionen = await newsletterOptionen();
	document.getElementById('f-zielgruppe').append(...optionen.audiences.map((entry) => element('option', entry.label, { value: entry.code })));
	document.getElementById('f-land').append(...optionen.states.map((entry) => element('option', entry.label, { value: entry.code })));
	filterAusUrl();
	await ladeListe();
}

start();
