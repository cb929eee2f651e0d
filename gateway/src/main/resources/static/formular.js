// Shared helpers of the participant and organiser pages (registration, check-in, feedback,
// results). Loaded after api.js; every text from people or the API goes in as textContent.
const BERLIN_DATUM = new Intl.DateTimeFormat('de-DE', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Berlin' });
const BERLIN_ZEIT = new Intl.DateTimeFormat('de-DE', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Berlin' });
const BERLIN_TAG = new Intl.DateTimeFormat('de-DE', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Europe/Berlin' });
const LAENDER_NAMEN = {
	'DE-BW': 'Baden-Württemberg', 'DE-BY': 'Bayern', 'DE-BE': 'Berlin', 'DE-BB': 'Brandenburg', 'DE-HB': 'Bremen',
	'DE-HH': 'Hamburg', 'DE-HE': 'Hessen', 'DE-MV': 'Mecklenburg-Vorpommern', 'DE-NI': 'Niedersachsen',
	'DE-NW': 'Nordrhein-Westfalen', 'DE-RP': 'Rheinland-Pfalz', 'DE-SL': 'Saarland', 'DE-SN': 'Sachsen',
	'DE-ST': 'Sachsen-Anhalt', 'DE-SH': 'Schleswig-Holstein', 'DE-TH': 'Thüringen'
};
const GRUPPEN = {
	PROFESSIONAL: 'Fachpublikum (Unternehmen, Verbände, Gewerkschaften, Politik, Lehrkräfte)',
	TRAINEE_STUDENT: 'Auszubildende oder Studierende',
	PUPIL: 'Schülerinnen und Schüler'
};
const GRUPPEN_KURZ = { PROFESSIONAL: 'Fachpublikum', TRAINEE_STUDENT: 'Auszubildende/Studierende', PUPIL: 'Schüler/innen' };

/** "Freitag, 1. Oktober 2027, 10:00–16:00 Uhr" in Europe/Berlin, whatever zone the device is in. */
function zeitraum(start, end) {
	const from = new Date(start);
	const to = end ? new Date(end) : null;
	const sameDay = to && BERLIN_TAG.format(from) === BERLIN_TAG.format(to);
	if (!to) {
		return `${BERLIN_DATUM.format(from)}, ${BERLIN_ZEIT.format(from)} Uhr`;
	}
	if (sameDay) {
		return `${BERLIN_DATUM.format(from)}, ${BERLIN_ZEIT.format(from)}–${BERLIN_ZEIT.format(to)} Uhr`;
	}
	return `${BERLIN_DATUM.format(from)}, ${BERLIN_ZEIT.format(from)} Uhr bis ${BERLIN_DATUM.format(to)}, ${BERLIN_ZEIT.format(to)} Uhr`;
}

/** Like api(), but a lost connection or an answer that is not JSON becomes a German problem. */
async function anfrage(path, options = {}) {
	try {
		return await api(path, options);
	}
	catch (error) {
		return { ok: false, status: 0, body: { detail: 'Der Server ist gerade nicht erreichbar. Bitte prüfe deine Internetverbindung und versuche es noch einmal.' } };
	}
}

function detailText(result, fallback) {
	return (result.body && result.body.detail) || fallback || 'Das hat leider nicht geklappt. Bitte versuche es noch einmal.';
}

function parameter(name) {
	return new URLSearchParams(window.location.search).get(name);
}

/** Writes a message into a live region; the kind colours it (erfolg, problem or none). */
function melde(target, text, kind) {
	target.classList.remove('erfolg', 'problem');
	if (kind) {
		target.classList.add(kind);
	}
	target.textContent = text;
}

/**
 * Shows the problem's field errors next to their fields. fieldMap maps the API's field
 * name to the id of the input (or fieldset) and of its error paragraph; returns the
 * messages no field took, and focuses the first field in error.
 */
function zeigeFeldfehler(form, result, fieldMap) {
	loescheFeldfehler(form);
	const rest = [];
	let first = null;
	for (const error of (result.body && result.body.errors) || []) {
		const target = fieldMap[error.field];
		if (!target) {
			rest.push(error.message);
			continue;
		}
		const field = document.getElementById(target.field);
		const message = document.getElementById(target.message);
		message.textContent = message.textContent ? `${message.textContent} ${error.message}` : error.message;
		field.setAttribute('aria-invalid', 'true');
		first = first || field;
	}
	if (first) {
		const focusable = first.matches('fieldset') ? first.querySelector('input') : first;
		focusable.focus();
	}
	return rest;
}

function loescheFeldfehler(form) {
	form.querySelectorAll('[aria-invalid]').forEach((field) => field.removeAttribute('aria-invalid'));
	form.querySelectorAll('.fehler').forEach((message) => { message.textContent = ''; });
}

/** A radio button with its label as one touch target. */
function wahl(name, value, label, id) {
	const input = element('input', null, { type: 'radio', name, value, id });
	const wrapper = element('label', null, { class: 'wahl', for: id });
	wrapper.append(input, element('span', label));
	return wrapper;
}

/** Keeps "n von max Zeichen" under a text area up to date (characters as the server counts them). */
function zeichenzaehler(textarea, counter, max) {
	const update = () => {
		counter.textContent = `${[...textarea.value].length} von ${max} Zeichen`;
	};
	textarea.addEventListener('input', update);
	update();
}

/** The logged-in account ({authenticated, email, roles, initiativeId}) or null. */
async function sitzung() {
	const result = await anfrage('/api/session');
	return (result.ok && result.body && result.body.authenticated) ? result.body : null;
}

/**
 * The published initiatives ({id, name, …}) sorted by name, for "Ich vertrete die
 * Initiative …", or null if the directory cannot be read. The registry serves at most 100
 * per page, so this follows the pages.
 */
async function veroeffentlichteInitiativen() {
	const initiatives = [];
	for (let page = 0; page < 50; page++) {
		const result = await anfrage(`/api/initiatives?size=100&page=${page}`);
		if (!result.ok || !result.body) {
			return null;
		}
		initiatives.push(...(result.body.content || []));
		const totalPages = (result.body.page && result.body.page.totalPages) || 0;
		if (page + 1 >= totalPages) {
			break;
		}
	}
	return initiatives.sort((a, b) => (a.name || '').localeCompare(b.name || '', 'de'));
}

/**
 * Appends the initiatives as options after the select's existing "no answer" option; a
 * name that occurs twice gets its city so the two can be told apart.
 */
function initiativenAuswahl(select, initiatives) {
	const count = {};
	initiatives.forEach((initiative) => { count[initiative.name] = (count[initiative.name] || 0) + 1; });
	select.append(...initiatives.map((initiative) => element('option',
		(count[initiative.name] > 1 && initiative.city) ? `${initiative.name} (${initiative.city})` : initiative.name,
		{ value: initiative.id })));
}
