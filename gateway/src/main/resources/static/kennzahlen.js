// The staff's live KPI dashboard: headline tiles, monthly charts, breakdowns, a map by
// Bundesland and the initiative landscape, all under the same filters (kept in the page
// URL so a view can be shared). A server-sent event stream keeps it current without a
// reload; every chart has a table next to it and every table a CSV export.
const ZAHL = new Intl.NumberFormat('de-DE');
const PROZENT = new Intl.NumberFormat('de-DE', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const TAG = new Intl.DateTimeFormat('de-DE', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Europe/Berlin' });
const ZEITPUNKT = new Intl.DateTimeFormat('de-DE', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: 'Europe/Berlin' });
const BEGINN = new Intl.DateTimeFormat('de-DE', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Berlin' });
const SVG_NS = 'http://www.w3.org/2000/svg';
const ZU_WENIGE = 'weniger als 5 Antworten';

const LAENDER = {
	'DE-BW': 'Baden-Württemberg', 'DE-BY': 'Bayern', 'DE-BE': 'Berlin', 'DE-BB': 'Brandenburg', 'DE-HB': 'Bremen',
	'DE-HH': 'Hamburg', 'DE-HE': 'Hessen', 'DE-MV': 'Mecklenburg-Vorpommern', 'DE-NI': 'Niedersachsen',
	'DE-NW': 'Nordrhein-Westfalen', 'DE-RP': 'Rheinland-Pfalz', 'DE-SL': 'Saarland', 'DE-SN': 'Sachsen',
	'DE-ST': 'Sachsen-Anhalt', 'DE-SH': 'Schleswig-Holstein', 'DE-TH': 'Thüringen'
};
// Used until /api/events/formats answers (and if it does not).
const FORMATE = {
	ZUKUNFTSWERKSTATT: 'Zukunftswerkstatt', WELT_CAFE: 'Welt-Café', DESIGN_THINKING_WORKSHOP: 'Design-Thinking-Workshop',
	ZUKUNFTSCAFE: 'Zukunftscafé', WERKSTATTGESPRAECH: 'Werkstattgespräch', BROWN_BAG_LUNCH: 'Brown-Bag-Lunch',
	BRANCHENFORUM: 'Branchenforum', FORUM_INDUSTRIEPOLITIK: 'Forum Industriepolitik', TAGUNG: 'Tagung',
	TREFFEN_REGIONALER_INITIATIVEN: 'Treffen regionaler Industrieinitiativen', TAG_DER_OFFENEN_TUER: 'Tag der offenen Tür',
	LANGE_NACHT_DER_INDUSTRIE: 'Lange Nacht der Industrie'
};
const TYPEN = { NETWORK: 'netzwerkorientiert', MEASURE: 'maßnahmenorientiert', MIXED: 'Mischtyp' };
const EBENEN = { LOCAL: 'lokal (Kommune)', REGIONAL: 'regional', STATE: 'Land' };
const ZIELE = {
	ACCEPTANCE: 'Industrieakzeptanz', SKILLED_WORKERS: 'Fachkräfte und Nachwuchs',
	INFRASTRUCTURE: 'lokale/regionale Infrastruktur', INDUSTRIAL_POLICY: 'Ausrichtung der Industriepolitik'
};
const ZUSAMMENSETZUNG = { MONO: 'monopartistisch', DUO: 'duopartistisch', TRIPARTITE: 'tripartistisch (Bündnis)', UNKNOWN: 'ohne Angabe' };
const STATUS = { PLANNED: 'geplant', OPEN: 'Anmeldung offen', CLOSED: 'Anmeldung geschlossen', HELD: 'durchgeführt', CANCELLED: 'abgesagt' };
const GRUPPEN = { PROFESSIONAL: 'Fachpublikum', TRAINEE_STUDENT: 'Auszubildende & Studierende', PUPIL: 'Schülerinnen und Schüler' };
const ZIELGRUPPEN = {
	INITIATIVE_REPRESENTATIVE: 'Vertreter:innen von Initiativen', ALLIANCE_PARTNER: 'Bündnispartner', COMPANY: 'Unternehmen',
	ASSOCIATION: 'Verbände', UNION: 'Gewerkschaften', PUBLIC: 'Interessierte Öffentlichkeit'
};
const FILTER = ['from', 'to', 'state', 'format', 'initiativeType'];
const FILTER_FELDER = { from: 'f-von', to: 'f-bis', state: 'f-land', format: 'f-format', initiativeType: 'f-typ' };

// ---- Small helpers ----

function zahl(value) {
	return value === null || value === undefined ? '–' : ZAHL.format(Number(value));
}

function prozent(value) {
	return value === null || value === undefined ? ZU_WENIGE : `${PROZENT.format(Number(value))} %`;
}

function item(figures, code) {
	return ((figures && figures.items) || []).find((entry) => entry.item === code) || null;
}

/** The top-two percent of an item, or null when it is suppressed or missing. */
function obereZwei(figures, code) {
	const found = item(figures, code);
	return found && !found.suppressed && found.topTwoPercent !== null && found.topTwoPercent !== undefined ? found.topTwoPercent : null;
}

function gruppen(counts) {
	return counts || { PROFESSIONAL: 0, TRAINEE_STUDENT: 0, PUPIL: 0, total: 0 };
}

function svg(tag, attributes = {}, text) {
	const node = document.createElementNS(SVG_NS, tag);
	Object.entries(attributes).forEach(([name, value]) => node.setAttribute(name, value));
	if (text !== undefined) {
		node.textContent = text;
	}
	return node;
}

function zelle(tag, text, attributes) {
	return element(tag, text === undefined || text === null ? '' : String(text), attributes);
}

/** A table with caption, column headers (scope=col) and rows whose first cell is a row header. */
function tabelle(id, caption, headers, rows, footer) {
	const table = element('table', null, { id });
	table.append(element('caption', caption));
	const headRow = element('tr');
	headers.forEach((header) => headRow.append(zelle('th', header, { scope: 'col' })));
	table.append(element('thead'));
	table.tHead.append(headRow);
	const body = element('tbody');
	for (const row of rows) {
		const tr = element('tr');
		row.forEach((value, index) => {
			if (value instanceof Node) {
				const cell = element(index === 0 ? 'th' : 'td', null, index === 0 ? { scope: 'row' } : {});
				cell.append(value);
				tr.append(cell);
			}
			else {
				tr.append(zelle(index === 0 ? 'th' : 'td', value, index === 0 ? { scope: 'row' } : {}));
			}
		});
		body.append(tr);
	}
	table.append(body);
	if (footer) {
		const foot = element('tfoot');
		const tr = element('tr');
		footer.forEach((value, index) => tr.append(zelle(index === 0 ? 'th' : 'td', value, index === 0 ? { scope: 'row' } : {})));
		foot.append(tr);
		table.append(foot);
	}
	const frame = element('div', null, { class: 'tabelle-rahmen' });
	frame.append(table);
	return frame;
}

function tabelleAufklappbar(summary, table) {
	const details = element('details', null, { class: 'tabelle-details' });
	details.append(element('summary', summary), table);
	return details;
}

function csvLink(table, text, extra = {}, landscapeOnly = false) {
	const link = element('a', text, { class: 'csv', download: '', href: exportPfad(table, extra, landscapeOnly) });
	const paragraph = element('p', null, { class: 'export' });
	paragraph.append(link);
	return paragraph;
}

// ---- Filters: from the URL, into every request and back into the URL ----

function filterAusUrl() {
	const params = new URLSearchParams(window.location.search);
	const filter = {};
	FILTER.forEach((name) => {
		const value = params.get(name);
		if (value) {
			filter[name] = value;
		}
	});
	return filter;
}

let filter = filterAusUrl();

function filterGesetzt() {
	return Object.keys(filter).length > 0;
}

function abfrage(extra = {}, names = FILTER) {
	const params = new URLSearchParams();
	Object.entries(extra).forEach(([name, value]) => params.set(name, value));
	names.forEach((name) => {
		if (filter[name]) {
			params.set(name, filter[name]);
		}
	});
	const text = params.toString();
	return text ? `?${text}` : '';
}

// The landscape counts initiatives, so only the initiative's Bundesland and type apply.
const LANDSCHAFT_FILTER = ['state', 'initiativeType'];

function exportPfad(table, extra = {}, landscapeOnly = false) {
	return `/api/kpi/export/${table}.csv${abfrage(extra, landscapeOnly ? LANDSCHAFT_FILTER : FILTER)}`;
}

function schreibeUrl() {
	const params = new URLSearchParams();
	FILTER.forEach((name) => {
		if (filter[name]) {
			params.set(name, filter[name]);
		}
	});
	if (document.body.classList.contains('wand')) {
		params.set('ansicht', 'wand');
	}
	const messgroesse = document.getElementById('messgroesse').value;
	if (messgroesse !== 'teilnehmende') {
		params.set('karte', messgroesse);
	}
	const text = params.toString();
	window.history.replaceState(null, '', `${window.location.pathname}${text ? `?${text}` : ''}`);
}

function filterInsFormular() {
	Object.entries(FILTER_FELDER).forEach(([name, id]) => {
		document.getElementById(id).value = filter[name] || '';
	});
}

function datum(iso) {
	const [year, month, day] = iso.split('-');
	return year && month && day ? `${day}.${month}.${year}` : iso;
}

function filterText() {
	const parts = [];
	if (filter.from || filter.to) {
		parts.push(`Zeitraum: ${filter.from ? `ab ${datum(filter.from)}` : ''}${filter.from && filter.to ? ' ' : ''}${filter.to ? `bis ${datum(filter.to)}` : ''}`);
	}
	else {
		parts.push('Zeitraum: gesamt');
	}
	parts.push(`Bundesland: ${filter.state ? (LAENDER[filter.state] || filter.state) : 'alle'}`);
	parts.push(`Format: ${filter.format ? (FORMATE[filter.format] || filter.format) : 'alle'}`);
	parts.push(`Typ der Initiative: ${filter.initiativeType ? (TYPEN[filter.initiativeType] || filter.initiativeType) : 'alle'}`);
	return parts.join(' · ');
}

/** The fixed export links follow the filters at once; the others are rebuilt with their panels. */
function zeigeExportLinks() {
	document.getElementById('export-overview').href = exportPfad('overview');
	document.getElementById('export-events').href = exportPfad('events');
	document.getElementById('export-landscape').href = exportPfad('landscape', {}, true);
}

function zeigeFilter() {
	document.getElementById('filter-zusammenfassung').textContent = `Auswahl – ${filterText()}`;
}

// ---- Loading ----

/** GET with the session; never throws: a lost connection or non-JSON becomes status 0. */
async function holen(path) {
	try {
		const response = await fetch(path, { headers: { Accept: 'application/json' } });
		const text = await response.text();
		let body = null;
		try {
			body = text ? JSON.parse(text) : null;
		}
		catch (error) {
			body = { detail: response.ok ? 'Die Antwort des Servers war nicht lesbar.' : `Der Server antwortet mit ${response.status}.` };
		}
		return { ok: response.ok, status: response.status, body };
	}
	catch (error) {
		return { ok: false, status: 0, body: { detail: 'Der Server ist gerade nicht erreichbar.' } };
	}
}

function nichtBerechtigt(result) {
	return result.status === 401 || result.status === 403;
}

let angemeldet = true;

function zeigeAnmeldung(status) {
	angemeldet = false;
	stoppeLive();
	document.getElementById('inhalt').hidden = true;
	const hint = document.getElementById('hinweis');
	const text = status === 403
		? 'Die Kennzahlen sehen nur Konten der Geschäftsstelle. Bitte melden Sie sich mit einem Konto der Geschäftsstelle an. '
		: 'Die Kennzahlen sehen nur angemeldete Mitarbeitende der Geschäftsstelle. Bitte melden Sie sich an. ';
	hint.replaceChildren(element('span', text), element('a', 'Zur Anmeldung', { href: '/login', id: 'zur-anmeldung' }));
	const live = document.getElementById('live');
	live.textContent = '';
	live.dataset.zustand = 'aus';
}

function fehlerIn(container, result) {
	container.replaceChildren(element('p', `Diese Zahlen sind gerade nicht verfügbar: ${problemText(result)}`, { class: 'notiz' }));
}

// ---- Headline tiles ----

function gruppeKachel(key, gruppe, titel) {
	return {
		key, titel,
		wert: (o) => zahl(gruppen(o.reach.attended)[gruppe]),
		zusatz: (o) => `teilgenommen · ${zahl(gruppen(o.reach.registered)[gruppe])} angemeldet`,
		auswahl: (row) => gruppen(row.attended)[gruppe] > 0
	};
}

function anteilKachel(key, titel, code) {
	return {
		key, titel,
		wert: (o) => prozent(obereZwei(o.satisfaction, code)),
		leise: (o) => obereZwei(o.satisfaction, code) === null,
		zusatz: (o) => {
			const found = item(o.satisfaction, code);
			return found && !found.suppressed ? `voll und ganz oder überwiegend · n = ${zahl(found.n)}` : 'Anteil wird ab 5 Antworten gezeigt';
		},
		auswahl: (row) => row.responses > 0
	};
}

const KACHELN = [
	{
		key: 'initiativen', titel: 'Veröffentlichte Initiativen',
		wert: (o) => zahl(o.initiatives.published),
		zusatz: (o) => `davon ${zahl(o.initiatives.newSinceCampaignStart)} neu seit ${(o.initiatives.campaignStart || '2017').substring(0, 4)}`,
		auswahl: () => true
	},
	{
		key: 'veranstaltungen', titel: 'Veranstaltungen',
		wert: (o) => zahl(o.events.total),
		zusatz: (o) => `davon ${zahl(o.events.held)} durchgeführt`,
		auswahl: () => true
	},
	{
		key: 'teilnehmende', titel: 'Erreichte Teilnehmende',
		wert: (o) => zahl(gruppen(o.reach.attended).total),
		zusatz: (o) => `teilgenommen · ${zahl(gruppen(o.reach.registered).total)} angemeldet`,
		auswahl: (row) => gruppen(row.attended).total > 0
	},
	gruppeKachel('fachpublikum', 'PROFESSIONAL', 'Fachpublikum'),
	gruppeKachel('auszubildende', 'TRAINEE_STUDENT', 'Auszubildende & Studierende'),
	gruppeKachel('schueler', 'PUPIL', 'Schülerinnen und Schüler'),
	{
		key: 'multiplikatoren', titel: 'Multiplikatorinnen und Multiplikatoren',
		wert: (o) => zahl(o.reach.multipliers),
		zusatz: () => 'Fachpublikum, das teilgenommen hat',
		auswahl: (row) => gruppen(row.attended).PROFESSIONAL > 0
	},
	anteilKachel('erwartungen', 'Erwartungen getroffen', 'Q1'),
	anteilKachel('format-geeignet', 'Format geeignet', 'Q2'),
	{
		key: 'rueckmeldungen', titel: 'Rückmeldungen',
		wert: (o) => zahl(o.satisfaction.responses),
		zusatz: () => 'ausgefüllte Evaluationsbögen',
		auswahl: (row) => row.responses > 0
	}
];

/** Built once, then only their texts change: focus stays where it is on live updates. */
function baueKacheln() {
	const list = document.getElementById('kacheln');
	list.replaceChildren(...KACHELN.map((kachel) => {
		const entry = element('li');
		const button = element('button', null, {
			type: 'button', class: 'kachel', id: `kachel-${kachel.key}`, 'aria-controls': 'drilldown', 'aria-expanded': 'false'
		});
		button.append(element('span', kachel.titel, { class: 'kachel-titel' }),
			element('strong', '…', { class: 'kachel-wert', id: `wert-${kachel.key}` }),
			element('span', '', { class: 'kachel-zusatz', id: `zusatz-${kachel.key}` }));
		button.addEventListener('click', () => oeffneDrilldown(kachel.key));
		entry.append(button);
		return entry;
	}));
}

let kachelSequenz = -1;

function zeigeKacheln(overview) {
	if (typeof overview.sequence === 'number') {
		if (overview.sequence < kachelSequenz) {
			return;
		}
		kachelSequenz = overview.sequence;
	}
	for (const kachel of KACHELN) {
		const value = document.getElementById(`wert-${kachel.key}`);
		const text = kachel.wert(overview);
		if (value.textContent !== text) {
			value.textContent = text;
		}
		value.classList.toggle('leise', Boolean(kachel.leise && kachel.leise(overview)));
		document.getElementById(`zusatz-${kachel.key}`).textContent = kachel.zusatz(overview);
	}
	zeigeInfobrief(overview.newsletter);
	zeigeStand(overview.asOf);
}

// ---- Infobrief: subscribers and sent issues (same overview, same live updates) ----

function setzeText(id, text) {
	const node = document.getElementById(id);
	if (node.textContent !== text) {
		node.textContent = text;
	}
}

function infobriefKachel(id, value, zusatz) {
	document.getElementById(id).dataset.value = value === null || value === undefined ? '' : String(value);
	setzeText(id, zahl(value));
	setzeText(`${id}-zusatz`, zusatz);
}

function zeigeInfobrief(newsletter) {
	if (!newsletter || !newsletter.available) {
		['kpi-newsletter-subscribers', 'kpi-newsletter-sent', 'kpi-newsletter-delivered']
			.forEach((id) => infobriefKachel(id, null, 'noch nicht verfügbar'));
		setzeText('kpi-newsletter-last', '–');
		setzeText('kpi-newsletter-last-zusatz', '');
		document.querySelector('#infobrief-zielgruppen tbody').replaceChildren();
		return;
	}
	const zeitraum = filter.from || filter.to ? 'im gewählten Zeitraum' : 'insgesamt';
	infobriefKachel('kpi-newsletter-subscribers', newsletter.activeSubscribers,
		`${zahl(newsletter.unsubscribed)} abgemeldet · ${zahl(newsletter.bounced)} unzustellbar ausgetragen`);
	infobriefKachel('kpi-newsletter-sent', newsletter.infobriefeSent, zeitraum);
	infobriefKachel('kpi-newsletter-delivered', newsletter.mailsDelivered, `${zahl(newsletter.mailsFailed)} nicht zustellbar`);
	const last = newsletter.lastInfobrief;
	document.getElementById('kpi-newsletter-last').dataset.value = last && last.sentAt ? last.sentAt : '';
	setzeText('kpi-newsletter-last', last && last.sentAt ? TAG.format(new Date(last.sentAt)) : '–');
	setzeText('kpi-newsletter-last-zusatz', last
		? `„${last.subject}“ · ${zahl(last.delivered)} von ${zahl(last.recipients)} zugestellt`
		: `kein Infobrief ${zeitraum === 'insgesamt' ? 'versendet' : 'in diesem Zeitraum'}`);
	document.getElementById('infobrief-filterhinweis').hidden = !(newsletter.filtersNotApplied || []).length;
	const byAudience = newsletter.subscribersByAudience || {};
	const codes = [...Object.keys(ZIELGRUPPEN), ...Object.keys(byAudience).filter((code) => !ZIELGRUPPEN[code])];
	document.querySelector('#infobrief-zielgruppen tbody').replaceChildren(...codes.map((code) => {
		const tr = element('tr');
		tr.append(zelle('th', ZIELGRUPPEN[code] || code, { scope: 'row' }), zelle('td', zahl(byAudience[code] || 0)));
		return tr;
	}));
}

function zeigeStand(asOf) {
	if (!asOf) {
		return;
	}
	const text = `Stand: ${ZEITPUNKT.format(new Date(asOf))} Uhr`;
	document.getElementById('stand').textContent = text;
	document.getElementById('druck-fuss').textContent = `Bericht erstellt am ${TAG.format(new Date())}. Datenstand: ${ZEITPUNKT.format(new Date(asOf))} Uhr. ${filterText()}.`;
}

// ---- Drill-down: the events behind a tile ----

let aktiveKachel = null;

function oeffneDrilldown(key) {
	aktiveKachel = key;
	KACHELN.forEach((kachel) => document.getElementById(`kachel-${kachel.key}`)
		.setAttribute('aria-expanded', String(kachel.key === key)));
	const kachel = KACHELN.find((entry) => entry.key === key);
	const section = document.getElementById('drilldown');
	section.hidden = false;
	const heading = document.getElementById('drilldown-titel');
	heading.textContent = `Veranstaltungen hinter „${kachel.titel}“`;
	document.getElementById('drilldown-stand').textContent = 'Die Veranstaltungen werden geladen …';
	heading.focus();
	ladeDrilldown();
}

function schliesseDrilldown() {
	const key = aktiveKachel;
	aktiveKachel = null;
	document.getElementById('drilldown').hidden = true;
	KACHELN.forEach((kachel) => document.getElementById(`kachel-${kachel.key}`).setAttribute('aria-expanded', 'false'));
	if (key) {
		document.getElementById(`kachel-${key}`).focus();
	}
}

async function ladeDrilldown() {
	if (!aktiveKachel) {
		return true;
	}
	const key = aktiveKachel;
	const result = await holen(`/api/kpi/events${abfrage()}`);
	if (nichtBerechtigt(result)) {
		zeigeAnmeldung(result.status);
		return false;
	}
	if (key !== aktiveKachel) {
		return true;
	}
	const status = document.getElementById('drilldown-stand');
	if (!result.ok) {
		status.textContent = `Die Veranstaltungen sind gerade nicht verfügbar: ${problemText(result)}`;
		return true;
	}
	const kachel = KACHELN.find((entry) => entry.key === key);
	const rows = (result.body.rows || []).filter(kachel.auswahl);
	status.textContent = rows.length === 1 ? '1 Veranstaltung' : `${zahl(rows.length)} Veranstaltungen`;
	document.getElementById('drilldown-caption').textContent = `Veranstaltungen hinter „${kachel.titel}“ (${filterText()})`;
	const head = element('tr');
	['Veranstaltung', 'Beginn', 'Format', 'Ort', 'Initiative', 'Status', 'Angemeldet', 'Teilgenommen',
		'davon Fachpublikum', 'Rückmeldungen', 'Erwartungen getroffen', 'Format geeignet']
		.forEach((text) => head.append(zelle('th', text, { scope: 'col' })));
	document.querySelector('#drilldown-tabelle thead').replaceChildren(head);
	document.querySelector('#drilldown-tabelle tbody').replaceChildren(...rows.map((row) => {
		const tr = element('tr');
		const title = zelle('th', null, { scope: 'row' });
		title.append(element('a', row.title, { href: `/ergebnisse.html?event=${encodeURIComponent(row.eventId)}` }));
		tr.append(title,
			zelle('td', row.start ? BEGINN.format(new Date(row.start)) : ''),
			zelle('td', row.formatLabel || FORMATE[row.format] || row.format),
			zelle('td', [row.city, row.stateLabel || LAENDER[row.state]].filter(Boolean).join(', ')),
			zelle('td', `${row.initiativeName || ''}${row.campaignSupported ? '' : ' (Eigeninitiative)'}`),
			zelle('td', STATUS[row.status] || row.status),
			zelle('td', zahl(gruppen(row.registered).total)),
			zelle('td', zahl(gruppen(row.attended).total)),
			zelle('td', zahl(gruppen(row.attended).PROFESSIONAL)),
			zelle('td', zahl(row.responses)),
			zelle('td', prozent(row.expectationsMetPercent)),
			zelle('td', prozent(row.formatSuitablePercent)));
		return tr;
	}));
	document.getElementById('export-events').href = exportPfad('events');
	return true;
}

// ---- Charts over time (SVG columns with a table alternative) ----

/** Vertical columns; null values show "< 5" instead of a column. */
function saeulen(titel, rows, options) {
	const height = 240;
	const top = 24;
	const bottom = 32;
	const left = 44;
	const step = 64;
	const width = Math.max(240, left + rows.length * step + 8);
	const max = options.max || Math.max(1, ...rows.map((row) => row.value || 0));
	const scale = (value) => ((height - top - bottom) * value) / max;
	const id = `diagramm-${options.id}`;
	const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'saeulen', role: 'img', 'aria-labelledby': `${id}-titel ${id}-text` });
	// Natural size on wide screens, shrinks to fit, scrolls sideways when many months would get too small.
	chart.style.setProperty('--natuerlich', `${width}px`);
	chart.style.minWidth = `${Math.min(width, rows.length * 40 + left)}px`;
	chart.append(svg('title', { id: `${id}-titel` }, titel),
		svg('desc', { id: `${id}-text` }, 'Säulendiagramm; dieselben Zahlen stehen in der Tabelle darunter.'));
	const base = height - bottom;
	[0, 0.5, 1].forEach((fraction) => {
		const y = base - scale(max * fraction);
		chart.append(svg('line', { x1: left, x2: width, y1: y, y2: y, class: 'raster' }),
			svg('text', { x: left - 6, y: y + 4, class: 'achse', 'text-anchor': 'end' }, options.format(max * fraction)));
	});
	rows.forEach((row, index) => {
		const x = left + index * step + 8;
		if (row.value === null || row.value === undefined) {
			chart.append(svg('text', { x: x + (step - 16) / 2, y: base - 6, class: 'wert leise', 'text-anchor': 'middle' }, '< 5'));
		}
		else {
			const barHeight = Math.max(row.value > 0 ? 1 : 0, scale(row.value));
			chart.append(svg('rect', { x, y: base - barHeight, width: step - 16, height: barHeight, class: 'saeule' }),
				svg('text', { x: x + (step - 16) / 2, y: base - barHeight - 6, class: 'wert', 'text-anchor': 'middle' }, options.kurz(row.value)));
		}
		chart.append(svg('text', { x: x + (step - 16) / 2, y: base + 18, class: 'achse', 'text-anchor': 'middle' }, row.kurz));
	});
	const frame = element('div', null, { class: 'diagramm-rahmen' });
	frame.append(chart);
	return frame;
}

function monatKurz(key) {
	const [year, month] = String(key).split('-');
	return month ? `${month}/${year}` : String(key);
}

function zeigeReichweiteMonat(result) {
	const container = document.getElementById('reichweite-monat');
	if (!result.ok) {
		fehlerIn(container, result);
		return;
	}
	const rows = result.body.rows || [];
	if (!rows.length) {
		container.replaceChildren(element('p', 'Für diese Auswahl gibt es noch keine Veranstaltungen.'), csvLink('reach', 'Tabelle als CSV herunterladen', { by: 'month' }));
		return;
	}
	const chart = saeulen('Erreichte Teilnehmende je Monat', rows.map((row) => ({
		value: gruppen(row.attended).total, kurz: monatKurz(row.key)
	})), { id: 'reichweite-monat', format: (value) => zahl(Math.round(value)), kurz: zahl });
	const table = tabelle('tabelle-reichweite-monat', 'Erreichte Teilnehmende je Monat',
		['Monat', 'Veranstaltungen', 'Angemeldet', ...Object.values(GRUPPEN), 'Teilgenommen gesamt'],
		rows.map((row) => [row.label || row.key, zahl(row.events), zahl(gruppen(row.registered).total),
			...Object.keys(GRUPPEN).map((group) => zahl(gruppen(row.attended)[group])), zahl(gruppen(row.attended).total)]));
	container.replaceChildren(chart, tabelleAufklappbar('Zahlen als Tabelle', table),
		csvLink('reach', 'Reichweite je Monat als CSV herunterladen', { by: 'month' }));
}

function zeigeZufriedenheitMonat(result) {
	const container = document.getElementById('zufriedenheit-monat');
	if (!result.ok) {
		fehlerIn(container, result);
		return;
	}
	const rows = result.body.rows || [];
	if (!rows.length) {
		container.replaceChildren(element('p', 'Für diese Auswahl gibt es noch keine Rückmeldungen.'), csvLink('satisfaction', 'Tabelle als CSV herunterladen', { by: 'month' }));
		return;
	}
	const chart = saeulen('Erwartungen getroffen je Monat (Prozent)', rows.map((row) => ({
		value: obereZwei(row, 'Q1'), kurz: monatKurz(row.key)
	})), { id: 'zufriedenheit-monat', max: 100, format: (value) => `${Math.round(value)} %`, kurz: (value) => `${PROZENT.format(value)} %` });
	const table = tabelle('tabelle-zufriedenheit-monat', 'Zufriedenheit je Monat',
		['Monat', 'Rückmeldungen', 'Erwartungen getroffen', 'Format geeignet'],
		rows.map((row) => [row.label || row.key, zahl(row.responses), prozent(obereZwei(row, 'Q1')), prozent(obereZwei(row, 'Q2'))]));
	container.replaceChildren(chart, tabelleAufklappbar('Zahlen als Tabelle', table),
		csvLink('satisfaction', 'Zufriedenheit je Monat als CSV herunterladen', { by: 'month' }));
}

// ---- Breakdowns by format, Bundesland and initiative ----

const AUFSCHLUESSELUNGEN = [
	{ by: 'format', titel: 'Nach Format', nach: 'nach Format', spalte: 'Format' },
	{ by: 'state', titel: 'Nach Bundesland', nach: 'nach Bundesland', spalte: 'Bundesland' },
	{ by: 'initiative', titel: 'Nach Initiative', nach: 'nach Initiative', spalte: 'Initiative' }
];

/** Joins the reach and the satisfaction rows of one breakdown on their key. */
function verbinde(reach, satisfaction) {
	const rows = new Map();
	for (const row of reach) {
		rows.set(row.key, { key: row.key, label: row.label, events: row.events, registered: row.registered, attended: row.attended, responses: 0, items: [] });
	}
	for (const row of satisfaction) {
		const existing = rows.get(row.key) || { key: row.key, label: row.label, events: 0, registered: null, attended: null };
		rows.set(row.key, { ...existing, label: existing.label || row.label, responses: row.responses, items: row.items });
	}
	return [...rows.values()];
}

/** Horizontal bars as on the results page (hidden from screen readers: the table follows). */
function balken(titel, rows, wert, text, max) {
	const block = element('div', null, { class: 'balken-block' });
	block.append(element('h5', titel));
	const chart = element('ul', null, { class: 'diagramm', 'aria-hidden': 'true' });
	for (const row of rows) {
		const value = wert(row);
		const entry = element('li');
		const track = element('span', null, { class: 'spur' });
		if (value !== null) {
			const fill = element('span', null, { class: 'fuellung' });
			fill.style.width = `${max > 0 ? Math.max(0, Math.min(100, (100 * value) / max)) : 0}%`;
			track.append(fill);
		}
		entry.append(element('span', row.label || row.key), track, element('span', text(value), { class: value === null ? 'wert leise' : 'wert' }));
		chart.append(entry);
	}
	block.append(chart);
	return block;
}

function aufschluesselung(definition, reachResult, satisfactionResult) {
	const block = element('div', null, { class: 'aufschluesselung' });
	block.append(element('h4', definition.titel));
	if (!reachResult.ok || !satisfactionResult.ok) {
		block.append(element('p', `Diese Zahlen sind gerade nicht verfügbar: ${problemText(reachResult.ok ? satisfactionResult : reachResult)}`, { class: 'notiz' }));
		return block;
	}
	const rows = verbinde(reachResult.body.rows || [], satisfactionResult.body.rows || []);
	if (!rows.length) {
		block.append(element('p', 'Für diese Auswahl gibt es keine Veranstaltungen.'));
	}
	else {
		const maxAttended = Math.max(0, ...rows.map((row) => gruppen(row.attended).total));
		const charts = element('div', null, { class: 'zwei-spalten' });
		charts.append(balken('Erreichte Teilnehmende', rows, (row) => gruppen(row.attended).total, zahl, maxAttended),
			balken('Erwartungen getroffen', rows, (row) => obereZwei(row, 'Q1'), prozent, 100));
		const table = tabelle(`tabelle-${definition.by}`, `Reichweite und Zufriedenheit ${definition.nach}`,
			[definition.spalte, 'Veranstaltungen', 'Angemeldet', ...Object.values(GRUPPEN), 'Teilgenommen gesamt', 'Rückmeldungen', 'Erwartungen getroffen', 'Format geeignet'],
			rows.map((row) => [row.label || row.key, zahl(row.events), zahl(gruppen(row.registered).total),
				...Object.keys(GRUPPEN).map((group) => zahl(gruppen(row.attended)[group])), zahl(gruppen(row.attended).total),
				zahl(row.responses), prozent(obereZwei(row, 'Q1')), prozent(obereZwei(row, 'Q2'))]));
		block.append(charts, tabelleAufklappbar('Zahlen als Tabelle', table));
	}
	const links = element('p', null, { class: 'export' });
	links.append(element('a', `Reichweite ${definition.nach} als CSV`, { class: 'csv', download: '', href: exportPfad('reach', { by: definition.by }) }),
		' · ', element('a', `Zufriedenheit ${definition.nach} als CSV`, { class: 'csv', download: '', href: exportPfad('satisfaction', { by: definition.by }) }));
	block.append(links);
	return block;
}

// ---- Map by Bundesland ----

// Rough centres of the Länder for the value labels (lon, lat); Brandenburg's sits off Berlin.
const MITTEN = {
	'DE-BW': [9.0, 48.55], 'DE-BY': [11.45, 48.95], 'DE-BE': [13.4, 52.52], 'DE-BB': [13.2, 51.85], 'DE-HB': [8.8, 53.1],
	'DE-HH': [10.0, 53.57], 'DE-HE': [9.0, 50.6], 'DE-MV': [12.5, 53.75], 'DE-NI': [9.3, 52.65], 'DE-NW': [7.6, 51.45],
	'DE-RP': [7.35, 49.9], 'DE-SL': [6.95, 49.38], 'DE-SN': [13.3, 51.05], 'DE-ST': [11.65, 52.0], 'DE-SH': [9.75, 54.2],
	'DE-TH': [11.0, 50.85]
};
const BOUNDS = { west: 5.866, east: 15.042, south: 47.270, north: 55.058 };
const VIEW = { width: 586, height: 793 };
// Sequential single-hue blues (ColorBrewer "Blues", colour-blind safe); values are also written on the map.
const BLAUTOENE = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'];
const MESSGROESSEN = {
	teilnehmende: { titel: 'Erreichte Teilnehmende', wert: (row) => gruppen(row.attended).total, text: zahl, kurz: zahl },
	veranstaltungen: { titel: 'Veranstaltungen', wert: (row) => row.events, text: zahl, kurz: zahl },
	erwartungen: {
		titel: 'Erwartungen getroffen (Prozent)', wert: (row) => obereZwei(row, 'Q1'), text: prozent,
		kurz: (value) => `${PROZENT.format(value)} %`, prozent: true
	}
};

function mercator(lat) {
	return Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
}

function projiziere(lon, lat) {
	const x = ((lon - BOUNDS.west) / (BOUNDS.east - BOUNDS.west)) * VIEW.width;
	const topY = mercator(BOUNDS.north);
	const y = ((topY - mercator(lat)) / (topY - mercator(BOUNDS.south))) * VIEW.height;
	return { x, y };
}

let kartenSvg = null;
let laenderDaten = [];

async function ladeKartengrundlage() {
	try {
		const text = await fetch('/germany.svg').then((response) => response.text());
		const container = document.getElementById('laenderkarte');
		container.innerHTML = text;
		kartenSvg = container.querySelector('svg');
		kartenSvg.removeAttribute('aria-label');
		kartenSvg.setAttribute('aria-hidden', 'true');
		kartenSvg.setAttribute('focusable', 'false');
		kartenSvg.classList.add('laender', 'choropleth');
		const defs = svg('defs');
		const pattern = svg('pattern', { id: 'schraffur', width: '8', height: '8', patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' });
		pattern.append(svg('rect', { width: '8', height: '8', fill: '#ffffff' }), svg('line', { x1: '0', y1: '0', x2: '0', y2: '8', stroke: '#767676', 'stroke-width': '2' }));
		defs.append(pattern);
		kartenSvg.prepend(defs);
		kartenSvg.append(svg('g', { class: 'beschriftung' }));
	}
	catch (error) {
		document.getElementById('karte-beschreibung').textContent = 'Die Kartengrundlage ist gerade nicht verfügbar.';
	}
}

function klassen(values, prozentwert) {
	const known = values.filter((value) => value !== null && value !== undefined);
	let min = prozentwert ? Math.floor(Math.min(...known, 100)) : 0;
	let max = known.length ? Math.max(...known) : 0;
	if (prozentwert) {
		max = Math.ceil(max);
	}
	if (max <= min) {
		max = min + (prozentwert ? 1 : Math.max(1, max));
		if (!prozentwert) {
			min = 0;
		}
	}
	const width = (max - min) / BLAUTOENE.length;
	return BLAUTOENE.map((colour, index) => ({
		colour, from: min + index * width, to: index === BLAUTOENE.length - 1 ? max : min + (index + 1) * width
	}));
}

function klasseVon(value, classes) {
	for (let index = classes.length - 1; index >= 0; index--) {
		if (value >= classes[index].from) {
			return index;
		}
	}
	return 0;
}

function zeigeKarte() {
	const measure = MESSGROESSEN[document.getElementById('messgroesse').value] || MESSGROESSEN.teilnehmende;
	const byState = new Map(laenderDaten.map((row) => [row.key, row]));
	const values = Object.keys(LAENDER).map((code) => {
		const row = byState.get(code);
		if (!row) {
			return measure.prozent ? null : 0;
		}
		return measure.wert(row);
	});
	const classes = klassen(values, measure.prozent);
	const format = measure.prozent ? (value) => `${PROZENT.format(value)} %` : (value) => zahl(Math.round(value));
	document.getElementById('karte-beschreibung').textContent = `Deutschlandkarte: ${measure.titel} nach Bundesland (${filterText()}). Die Werte stehen auf der Karte und in der Tabelle darunter.`;
	if (kartenSvg) {
		const labels = kartenSvg.querySelector('g.beschriftung');
		labels.replaceChildren();
		Object.keys(LAENDER).forEach((code, index) => {
			const path = kartenSvg.querySelector(`path#${code.substring(3).toLowerCase()}`);
			const value = values[index];
			if (path) {
				const unknown = value === null || value === undefined;
				path.style.fill = unknown ? 'url(#schraffur)' : classes[klasseVon(value, classes)].colour;
			}
			const [lon, lat] = MITTEN[code];
			const { x, y } = projiziere(lon, lat);
			labels.append(svg('text', { x: x.toFixed(1), y: y.toFixed(1), 'text-anchor': 'middle', class: 'kartenwert' },
				value === null || value === undefined ? '–' : measure.kurz(value)));
		});
	}
	const legend = document.getElementById('legende');
	const list = element('ul', null, { class: 'legende-liste' });
	classes.forEach((entry) => {
		const item = element('li');
		const swatch = element('span', null, { class: 'farbfeld', 'aria-hidden': 'true' });
		swatch.style.background = entry.colour;
		item.append(swatch, element('span', `${format(entry.from)} bis ${format(entry.to)}`));
		list.append(item);
	});
	const none = element('li');
	none.append(element('span', null, { class: 'farbfeld schraffiert', 'aria-hidden': 'true' }),
		element('span', measure.prozent ? `keine Angabe (${ZU_WENIGE})` : 'keine Angabe'));
	list.append(none);
	legend.replaceChildren(element('p', `Legende: ${measure.titel}`, { class: 'legende-titel' }), list);
	document.getElementById('karte-tabelle-caption').textContent = `Kennzahlen nach Bundesland (${filterText()})`;
	const head = element('tr');
	['Bundesland', 'Veranstaltungen', 'Erreichte Teilnehmende', 'Rückmeldungen', 'Erwartungen getroffen']
		.forEach((text) => head.append(zelle('th', text, { scope: 'col' })));
	document.querySelector('#karte-tabelle thead').replaceChildren(head);
	document.querySelector('#karte-tabelle tbody').replaceChildren(...Object.entries(LAENDER).map(([code, name]) => {
		const row = byState.get(code);
		const tr = element('tr');
		tr.append(zelle('th', name, { scope: 'row' }), zelle('td', zahl(row ? row.events : 0)),
			zelle('td', zahl(row ? gruppen(row.attended).total : 0)), zelle('td', zahl(row ? row.responses : 0)),
			zelle('td', prozent(row ? obereZwei(row, 'Q1') : null)));
		return tr;
	}));
}

// ---- Landscape (Tabelle 1 and more) ----

function zeigeLandschaft(result) {
	const table = document.getElementById('tabelle1');
	if (!result.ok) {
		table.querySelector('tbody').replaceChildren();
		table.querySelector('tfoot').replaceChildren();
		document.getElementById('landschaft-zahlen').replaceChildren(element('li', `Die Landschaft ist gerade nicht verfügbar: ${problemText(result)}`));
		return;
	}
	const initiatives = result.body.initiatives || {};
	const events = result.body.events || {};
	const byLevelAndType = initiatives.byLevelAndType || {};
	table.querySelector('tbody').replaceChildren(...Object.entries(EBENEN).map(([level, label]) => {
		const tr = element('tr');
		tr.append(zelle('th', label, { scope: 'row' }));
		Object.keys(TYPEN).forEach((type) => tr.append(zelle('td', zahl((byLevelAndType[level] || {})[type] || 0))));
		tr.append(zelle('td', zahl((initiatives.byLevel || {})[level] || 0)));
		return tr;
	}));
	const sum = element('tr');
	sum.append(zelle('th', 'Summe', { scope: 'row' }));
	Object.keys(TYPEN).forEach((type) => sum.append(zelle('td', zahl((initiatives.byType || {})[type] || 0))));
	sum.append(zelle('td', zahl(initiatives.total), { id: 'tabelle1-summe' }));
	table.querySelector('tfoot').replaceChildren(sum);

	const figures = [
		['Initiativen insgesamt', zahl(initiatives.total)],
		[`Neu seit Kampagnenstart (${initiatives.campaignStart ? datum(initiatives.campaignStart) : '2017'})`, zahl(initiatives.newSinceCampaignStart)],
		['In Netzwerktreffen vertreten', zahl(initiatives.inNetworkMeetings)]
	];
	document.getElementById('landschaft-zahlen').replaceChildren(...figures.map(([label, value]) => {
		const entry = element('li');
		entry.append(element('span', label, { class: 'kachel-titel' }), element('strong', value, { class: 'kachel-wert' }));
		return entry;
	}));
	const rowsOf = (counts, labels) => Object.entries(counts || {}).map(([code, count]) => {
		const tr = element('tr');
		tr.append(zelle('th', labels[code] || code, { scope: 'row' }), zelle('td', zahl(count)));
		return tr;
	});
	document.querySelector('#ziele tbody').replaceChildren(...rowsOf(initiatives.byGoalCategory, ZIELE));
	document.querySelector('#zusammensetzung tbody').replaceChildren(...rowsOf(initiatives.byComposition, ZUSAMMENSETZUNG));
	const byFormat = events.byFormat || {};
	document.querySelector('#nach-format tbody').replaceChildren(...rowsOf(byFormat, FORMATE));
	const formatSum = element('tr');
	formatSum.append(zelle('th', 'Summe', { scope: 'row' }), zelle('td', zahl(Object.values(byFormat).reduce((a, b) => a + Number(b), 0))));
	document.querySelector('#nach-format tfoot').replaceChildren(formatSum);
	document.querySelector('#unterstuetzung tbody').replaceChildren(...rowsOf({
		campaign: events.campaignSupported, self: events.selfOrganised
	}, { campaign: 'von der Kampagne unterstützt', self: 'Eigeninitiative' }));
}

// ---- Refreshing everything ----

let panelSequenz = -1;
let laufend = null;
let nochmal = false;

async function ladeAlles() {
	const byParts = AUFSCHLUESSELUNGEN.flatMap((definition) => [
		holen(`/api/kpi/reach${abfrage({ by: definition.by })}`),
		holen(`/api/kpi/satisfaction${abfrage({ by: definition.by })}`)
	]);
	const [overview, reachMonth, satisfactionMonth, landscape, ...breakdowns] = await Promise.all([
		holen(`/api/kpi/overview${abfrage()}`),
		holen(`/api/kpi/reach${abfrage({ by: 'month' })}`),
		holen(`/api/kpi/satisfaction${abfrage({ by: 'month' })}`),
		holen(`/api/kpi/landscape${abfrage({}, LANDSCHAFT_FILTER)}`),
		...byParts
	]);
	const all = [overview, reachMonth, satisfactionMonth, landscape, ...breakdowns];
	const refused = all.find(nichtBerechtigt);
	if (refused) {
		zeigeAnmeldung(refused.status);
		return;
	}
	document.getElementById('hinweis').replaceChildren();
	document.getElementById('inhalt').hidden = false;
	const invalid = all.find((result) => result.status === 400);
	document.getElementById('filter-meldung').textContent = invalid ? `Die Auswahl passt nicht: ${problemText(invalid)}` : '';
	if (overview.ok) {
		zeigeKacheln(overview.body);
		if (typeof overview.body.sequence === 'number') {
			panelSequenz = Math.max(panelSequenz, overview.body.sequence);
		}
	}
	else {
		document.getElementById('hinweis').textContent = `Die Kennzahlen sind gerade nicht verfügbar: ${problemText(overview)}`;
	}
	zeigeReichweiteMonat(reachMonth);
	zeigeZufriedenheitMonat(satisfactionMonth);
	document.getElementById('aufschluesselung').replaceChildren(...AUFSCHLUESSELUNGEN.map((definition, index) =>
		aufschluesselung(definition, breakdowns[2 * index], breakdowns[2 * index + 1])));
	const stateIndex = AUFSCHLUESSELUNGEN.findIndex((definition) => definition.by === 'state');
	const stateReach = breakdowns[2 * stateIndex];
	const stateSatisfaction = breakdowns[2 * stateIndex + 1];
	laenderDaten = verbinde(stateReach.ok ? stateReach.body.rows || [] : [], stateSatisfaction.ok ? stateSatisfaction.body.rows || [] : []);
	zeigeKarte();
	zeigeLandschaft(landscape);
	zeigeExportLinks();
	await ladeDrilldown();
}

/** One refresh at a time; a request during one runs once more afterwards. */
async function aktualisiere() {
	if (laufend) {
		nochmal = true;
		return laufend;
	}
	laufend = (async () => {
		do {
			nochmal = false;
			await ladeAlles();
		} while (nochmal && angemeldet);
	})();
	try {
		await laufend;
	}
	finally {
		laufend = null;
	}
	return undefined;
}

// Debounced, but a steady stream of changes still refreshes at least every 1.5 s.
let aktualisierungsTimer = null;
let ersteAnforderung = 0;

function spaeterAktualisieren() {
	const now = Date.now();
	if (!aktualisierungsTimer) {
		ersteAnforderung = now;
	}
	clearTimeout(aktualisierungsTimer);
	const delay = Math.min(300, Math.max(0, ersteAnforderung + 1500 - now));
	aktualisierungsTimer = setTimeout(() => {
		aktualisierungsTimer = null;
		aktualisiere();
	}, delay);
}

// ---- Live updates over server-sent events ----

let quelle = null;
let neuVerbinden = null;
let wartezeit = 5000;

function zeigeLive(zustand, text) {
	const live = document.getElementById('live');
	if (live.dataset.zustand !== zustand) {
		live.dataset.zustand = zustand;
		live.textContent = text;
	}
}

function nachricht(event) {
	let data;
	try {
		data = JSON.parse(event.data);
	}
	catch (error) {
		return;
	}
	const overview = event.type === 'snapshot' ? data : data.overview;
	const sequence = typeof data.sequence === 'number' ? data.sequence : Number(event.lastEventId);
	if (overview && !filterGesetzt()) {
		zeigeKacheln(overview);
	}
	else if (data.asOf) {
		zeigeStand(data.asOf);
	}
	// The filtered tiles and all other panels come from the endpoints.
	if (!(Number.isFinite(sequence) && sequence <= panelSequenz)) {
		spaeterAktualisieren();
	}
}

function starteLive() {
	if (!angemeldet || !window.EventSource) {
		if (!window.EventSource) {
			zeigeLive('aus', 'Live-Aktualisierung wird von diesem Browser nicht unterstützt.');
		}
		return;
	}
	stoppeLive();
	quelle = new EventSource('/api/kpi/stream');
	quelle.addEventListener('open', () => {
		wartezeit = 5000;
		zeigeLive('live', 'Live');
	});
	quelle.addEventListener('snapshot', nachricht);
	quelle.addEventListener('change', nachricht);
	quelle.addEventListener('error', () => {
		zeigeLive('unterbrochen', 'Verbindung unterbrochen – wird neu aufgebaut');
		// The browser retries by itself unless the server refused the stream (e.g. the
		// session ended): then check the session with a normal request and try again later.
		if (quelle && quelle.readyState === EventSource.CLOSED) {
			quelle = null;
			clearTimeout(neuVerbinden);
			neuVerbinden = setTimeout(async () => {
				await aktualisiere();
				starteLive();
			}, wartezeit);
			wartezeit = Math.min(60000, wartezeit * 2);
		}
	});
}

function stoppeLive() {
	clearTimeout(neuVerbinden);
	if (quelle) {
		quelle.close();
		quelle = null;
	}
}

// ---- Page controls ----

async function ladeFormate() {
	const select = document.getElementById('f-format');
	const result = await holen('/api/events/formats');
	if (result.ok && Array.isArray(result.body)) {
		result.body.forEach((format) => {
			FORMATE[format.code] = format.name;
		});
	}
	select.replaceChildren(element('option', 'alle', { value: '' }),
		...Object.entries(FORMATE).map(([code, name]) => element('option', name, { value: code })));
	select.value = filter.format || '';
}

function fuelleLaender() {
	const select = document.getElementById('f-land');
	select.append(...Object.entries(LAENDER).map(([code, name]) => element('option', name, { value: code })));
}

function wendeFilterAn(neu) {
	filter = neu;
	kachelSequenz = -1;
	panelSequenz = -1;
	schreibeUrl();
	zeigeFilter();
	zeigeExportLinks();
	aktualisiere();
}

document.getElementById('filter').addEventListener('submit', (submitEvent) => {
	submitEvent.preventDefault();
	const neu = {};
	Object.entries(FILTER_FELDER).forEach(([name, id]) => {
		const value = document.getElementById(id).value.trim();
		if (value) {
			neu[name] = value;
		}
	});
	if (neu.from && neu.to && neu.from > neu.to) {
		document.getElementById('filter-meldung').textContent = 'Das Datum „Von“ liegt nach dem Datum „Bis“. Bitte prüfen Sie den Zeitraum.';
		document.getElementById('f-von').focus();
		return;
	}
	wendeFilterAn(neu);
});

document.getElementById('filter-zuruecksetzen').addEventListener('click', () => {
	filter = {};
	filterInsFormular();
	wendeFilterAn({});
});

document.getElementById('drilldown-schliessen').addEventListener('click', schliesseDrilldown);

document.getElementById('messgroesse').addEventListener('change', () => {
	schreibeUrl();
	zeigeKarte();
});

function setzeWandansicht(on) {
	document.body.classList.toggle('wand', on);
	document.getElementById('wandansicht').setAttribute('aria-pressed', String(on));
}

document.getElementById('wandansicht').addEventListener('click', () => {
	setzeWandansicht(!document.body.classList.contains('wand'));
	schreibeUrl();
});

document.getElementById('drucken').addEventListener('click', () => window.print());

// Printed reports show the tables behind the charts too; afterwards the page is as before.
let geschlosseneDetails = [];
window.addEventListener('beforeprint', () => {
	geschlosseneDetails = [...document.querySelectorAll('details:not([open])')];
	geschlosseneDetails.forEach((details) => { details.open = true; });
});
window.addEventListener('afterprint', () => {
	geschlosseneDetails.forEach((details) => { details.open = false; });
	geschlosseneDetails = [];
});

document.getElementById('abmelden').addEventListener('click', async (clickEvent) => {
	clickEvent.preventDefault();
	stoppeLive();
	await fetch('/logout', { method: 'POST', headers: { 'X-XSRF-TOKEN': csrfToken() } });
	window.location.assign('/login?logout');
});

window.addEventListener('pagehide', stoppeLive);

(async () => {
	const params = new URLSearchParams(window.location.search);
	setzeWandansicht(params.get('ansicht') === 'wand');
	if (MESSGROESSEN[params.get('karte')]) {
		document.getElementById('messgroesse').value = params.get('karte');
	}
	fuelleLaender();
	baueKacheln();
	filterInsFormular();
	zeigeFilter();
	await Promise.all([ladeFormate(), ladeKartengrundlage()]);
	zeigeFilter();
	await aktualisiere();
	if (angemeldet) {
		starteLive();
	}
})();
