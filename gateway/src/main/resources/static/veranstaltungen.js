// The public list of dialogue events with filters.
const LAENDER = {
	'DE-BW': 'Baden-Württemberg', 'DE-BY': 'Bayern', 'DE-BE': 'Berlin', 'DE-BB': 'Brandenburg', 'DE-HB': 'Bremen',
	'DE-HH': 'Hamburg', 'DE-HE': 'Hessen', 'DE-MV': 'Mecklenburg-Vorpommern', 'DE-NI': 'Niedersachsen',
	'DE-NW': 'Nordrhein-Westfalen', 'DE-RP': 'Rheinland-Pfalz', 'DE-SL': 'Saarland', 'DE-SN': 'Sachsen',
	'DE-ST': 'Sachsen-Anhalt', 'DE-SH': 'Schleswig-Holstein', 'DE-TH': 'Thüringen'
};
const STATUS = { PLANNED: 'geplant', OPEN: 'Anmeldung offen', CLOSED: 'Anmeldung geschlossen', HELD: 'stattgefunden', CANCELLED: 'abgesagt' };
const formats = {};
const berlin = new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' });

async function loadChoices() {
	const land = document.getElementById('filter-land');
	Object.entries(LAENDER).forEach(([code, name]) => land.append(element('option', name, { value: code })));
	const result = await api('/api/events/formats');
	if (result.ok) {
		const select = document.getElementById('filter-format');
		for (const format of result.body) {
			formats[format.code] = format.name;
			select.append(element('option', format.name, { value: format.code }));
		}
	}
}

async function showEvents() {
	const params = new URLSearchParams({ size: '100' });
	const value = (id) => document.getElementById(id).value;
	if (value('filter-land')) params.set('state', value('filter-land'));
	if (value('filter-format')) params.set('format', value('filter-format'));
	params.set('from', value('filter-von') || new Date().toISOString().substring(0, 10));
	if (value('filter-bis')) params.set('to', value('filter-bis'));
	const status = document.getElementById('stand');
	const result = await api(`/api/events?${params}`);
	if (!result.ok) {
		status.textContent = problemText(result);
		return;
	}
	const rows = result.body.content.map((event) => {
		const row = element('tr');
		const title = element('td');
		title.append(element('a', event.title, { href: `/veranstaltung.html?id=${encodeURIComponent(event.id)}` }));
		row.append(element('td', berlin.format(new Date(event.start))), title,
			element('td', formats[event.format] || event.format), element('td', `${event.city} (${LAENDER[event.state] || event.state})`),
			element('td', STATUS[event.status] || event.status));
		return row;
	});
	document.querySelector('#veranstaltungen tbody').replaceChildren(...rows);
	status.textContent = rows.length === 1 ? '1 Veranstaltung' : `${rows.length} Veranstaltungen`;
}

document.getElementById('filter').addEventListener('submit', (event) => {
	event.preventDefault();
	showEvents();
});

loadChoices().then(showEvents);
