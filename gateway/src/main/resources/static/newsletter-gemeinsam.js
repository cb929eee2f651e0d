// Shared by the Infobrief pages (public and staff). Loaded after api.js and formular.js.
// The labels here are only a fallback: /api/newsletter/options is the source of truth.
const ZIELGRUPPEN = {
	INITIATIVE_REPRESENTATIVE: 'Vertreter:in einer Initiative',
	ALLIANCE_PARTNER: 'Bündnispartner',
	COMPANY: 'Unternehmen',
	ASSOCIATION: 'Verband',
	UNION: 'Gewerkschaft',
	PUBLIC: 'Interessierte Öffentlichkeit'
};
const ABO_STATUS = { PENDING: 'unbestätigt', CONFIRMED: 'bestätigt', UNSUBSCRIBED: 'abgemeldet' };
const NL_ZAHL = new Intl.NumberFormat('de-DE');
const NL_ZEITPUNKT = new Intl.DateTimeFormat('de-DE', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Berlin' });

function nlZahl(value) {
	return value === null || value === undefined ? '–' : NL_ZAHL.format(Number(value));
}

function nlZeitpunkt(value) {
	return value ? NL_ZEITPUNKT.format(new Date(value)) : '–';
}

/** The options of the form; falls back to the built-in lists, but never to a consent text. */
async function newsletterOptionen() {
	const result = await anfrage('/api/newsletter/options');
	if (result.ok && result.body) {
		return { ok: true, ...result.body };
	}
	return {
		ok: false,
		result,
		audiences: Object.entries(ZIELGRUPPEN).map(([code, label]) => ({ code, label })),
		states: Object.entries(LAENDER_NAMEN).map(([code, label]) => ({ code, label }))
	};
}

function zielgruppeName(code, options) {
	const found = options && (options.audiences || []).find((entry) => entry.code === code);
	return found ? found.label : (ZIELGRUPPEN[code] || code);
}

function landName(code, options) {
	const found = options && (options.states || []).find((entry) => entry.code === code);
	return found ? found.label : (LAENDER_NAMEN[code] || code);
}

/** "Bundesweit" for no state, else the German names joined. */
function laenderText(states, options) {
	return (states && states.length) ? states.map((code) => landName(code, options)).join(', ') : 'bundesweit';
}

function zielgruppenText(audiences, options) {
	return (audiences && audiences.length) ? audiences.map((code) => zielgruppeName(code, options)).join(', ') : 'alle Zielgruppen';
}

/**
 * Fills a container with one checkbox per option (label and box as one touch target);
 * ids are prefix + code, so a test can find "zielgruppe-COMPANY" or "land-DE-BW".
 */
function ankreuzliste(container, name, entries, prefix, selected = []) {
	container.replaceChildren(...entries.map((entry) => {
		const id = `${prefix}${entry.code}`;
		const input = element('input', null, { type: 'checkbox', name, value: entry.code, id });
		input.checked = selected.includes(entry.code);
		const wrapper = element('label', null, { class: 'wahl', for: id });
		wrapper.append(input, element('span', entry.label));
		return wrapper;
	}));
}

function angekreuzt(container) {
	return [...container.querySelectorAll('input[type=checkbox]:checked')].map((input) => input.value);
}

/** Staff pages: 401/403 becomes a hint with a link to the login. */
function nichtBerechtigt(result) {
	return result.status === 401 || result.status === 403;
}

function zeigeAnmeldehinweis(target, status, was) {
	const text = status === 403
		? `${was} sind nur für Konten der Geschäftsstelle sichtbar. Bitte mit einem Konto der Geschäftsstelle anmelden. `
		: `${was} sind nur nach der Anmeldung als Geschäftsstelle sichtbar. `;
	target.classList.add('problem');
	target.replaceChildren(element('span', text), element('a', 'Zur Anmeldung', { href: '/login', id: 'zur-anmeldung' }));
}

/** The staff pages' "Abmelden" link logs out by POST, like kennzahlen.html. */
function abmeldenVerdrahten() {
	const link = document.getElementById('abmelden');
	if (!link) {
		return;
	}
	link.addEventListener('click', async (clickEvent) => {
		clickEvent.preventDefault();
		await fetch('/logout', { method: 'POST', headers: { 'X-XSRF-TOKEN': csrfToken() } });
		window.location.assign('/login?logout');
	});
}
