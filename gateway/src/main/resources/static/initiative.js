// Shows one published Steckbrief.
const LEVELS = { LOCAL: 'lokal (Kommune)', REGIONAL: 'regional', STATE: 'Land' };
const TYPES = { NETWORK: 'netzwerkorientiert', MEASURE: 'maßnahmenorientiert', MIXED: 'Mischtyp' };
const COMPOSITIONS = { MONO: 'monopartistisch', DUO: 'duopartistisch', TRIPARTITE: 'tripartistisch (Bündnis)' };
const GOALS = {
	ACCEPTANCE: 'Industrieakzeptanz', SKILLED_WORKERS: 'Fachkräfte und Nachwuchs',
	INFRASTRUCTURE: 'lokale/regionale Infrastruktur', INDUSTRIAL_POLICY: 'Ausrichtung der Industriepolitik'
};

function entry(list, term, value) {
	if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
		return;
	}
	const dt = document.createElement('dt');
	dt.textContent = term;
	const dd = document.createElement('dd');
	dd.textContent = Array.isArray(value) ? value.join(', ') : String(value);
	list.append(dt, dd);
}

async function showInitiative() {
	const message = document.getElementById('meldung');
	const id = new URLSearchParams(window.location.search).get('id');
	if (!id) {
		message.textContent = 'Es wurde keine Initiative angegeben.';
		return;
	}
	const response = await fetch(`/api/initiatives/${encodeURIComponent(id)}`, { headers: { Accept: 'application/json' } });
	const body = await response.json();
	if (!response.ok) {
		message.textContent = body.detail || 'Der Steckbrief ist nicht verfügbar.';
		return;
	}
	const profile = body.profile || body;
	document.getElementById('name').textContent = profile.name;
	document.title = `${profile.name} – Industriedialog`;
	const list = document.getElementById('steckbrief');
	list.replaceChildren();
	entry(list, 'Handlungsebene', LEVELS[profile.level] || profile.level);
	entry(list, 'Typ', TYPES[profile.type] || profile.type);
	entry(list, 'Bundesland', profile.state);
	entry(list, 'Ort', profile.city);
	entry(list, 'Gegründet', profile.foundingYear);
	entry(list, 'Zusammensetzung', COMPOSITIONS[profile.composition] || profile.composition);
	entry(list, 'Ziele', (profile.goalCategories || []).map((goal) => GOALS[goal] || goal));
	entry(list, 'Aktivitäten', profile.activities);
	entry(list, 'Website', profile.website);
	list.hidden = false;
	message.textContent = '';
}

showInitiative();
