// Shows the initiative landscape (Tabelle 1) from the KPI view.
const LEVELS = { LOCAL: 'lokal (Kommune)', REGIONAL: 'regional', STATE: 'Land' };
const TYPES = ['NETWORK', 'MEASURE', 'MIXED'];
const STATES = {
	'DE-BW': 'Baden-Württemberg', 'DE-BY': 'Bayern', 'DE-BE': 'Berlin', 'DE-BB': 'Brandenburg', 'DE-HB': 'Bremen',
	'DE-HH': 'Hamburg', 'DE-HE': 'Hessen', 'DE-MV': 'Mecklenburg-Vorpommern', 'DE-NI': 'Niedersachsen',
	'DE-NW': 'Nordrhein-Westfalen', 'DE-RP': 'Rheinland-Pfalz', 'DE-SL': 'Saarland', 'DE-SN': 'Sachsen',
	'DE-ST': 'Sachsen-Anhalt', 'DE-SH': 'Schleswig-Holstein', 'DE-TH': 'Thüringen', UNKNOWN: 'ohne Angabe'
};

function cell(tag, text) {
	const element = document.createElement(tag);
	element.textContent = text;
	return element;
}

async function showLandscape() {
	const total = document.getElementById('gesamt');
	try {
		const response = await fetch('/api/kpi/initiatives', { headers: { Accept: 'application/json' } });
		if (!response.ok) {
			throw new Error((await response.json()).detail || response.statusText);
		}
		const kpi = await response.json();
		total.textContent = `${kpi.total} veröffentlichte Initiativen`;
		const body = document.querySelector('#tabelle1 tbody');
		body.replaceChildren();
		for (const [level, label] of Object.entries(LEVELS)) {
			const row = document.createElement('tr');
			row.append(cell('th', label));
			TYPES.forEach((type) => row.append(cell('td', kpi.byLevelAndType[level][type])));
			row.append(cell('td', kpi.byLevel[level]));
			body.append(row);
		}
		const sum = document.createElement('tr');
		sum.append(cell('td', 'Summe'));
		TYPES.forEach((type) => sum.append(cell('td', kpi.byType[type])));
		sum.append(cell('td', kpi.total));
		document.querySelector('#tabelle1 tfoot').replaceChildren(sum);
		document.getElementById('tabelle1').hidden = false;
		const list = document.getElementById('laender');
		list.replaceChildren(...Object.entries(kpi.byState)
			.sort((a, b) => b[1] - a[1])
			.map(([code, count]) => cell('li', `${STATES[code] || code}: ${count}`)));
	}
	catch (error) {
		total.textContent = `Die Kennzahlen sind gerade nicht verfügbar (${error.message}).`;
	}
}

showLandscape();
