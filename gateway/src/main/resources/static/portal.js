// An initiative keeps its Steckbrief and registers its dialogue events.
let initiativeId = null;
let editing = null;
let details = null;
const formats = {};
const message = document.getElementById('meldung');
const ACTOR_GROUPS = {
	COMPANIES: 'Unternehmen', CHAMBERS: 'IHK/HK (Kammern)', EMPLOYER_ASSOCIATIONS: 'Arbeitgeber- und Wirtschaftsverbände',
	UNIONS: 'Gewerkschaften', POLITICS_ADMINISTRATION: 'Politik/Verwaltung', EDUCATION: 'Bildung (Schulen, Hochschulen)',
	CIVIL_SOCIETY: 'Zivilgesellschaft', AGENCIES_CONSULTANTS: 'Agenturen/Beratung', PRIVATE_PERSONS: 'Privatpersonen'
};
const STATUS = { DRAFT: 'Entwurf', IN_REVIEW: 'in Prüfung', PUBLISHED: 'veröffentlicht', WITHDRAWN: 'zurückgezogen' };

function say(text) {
	message.textContent = text;
}

function offsetDateTime(localValue) {
	// datetime-local is the browser's local time; German users are in Europe/Berlin.
	return new Date(localValue).toISOString();
}

async function loadSteckbrief() {
	const result = await api(`/api/initiatives/${encodeURIComponent(initiativeId)}`);
	const missing = result.status === 404;
	document.getElementById('anlegen-bereich').hidden = !missing;
	document.getElementById('steckbrief-bereich').hidden = missing;
	if (!result.ok) {
		if (!missing) {
			say(problemText(result));
		}
		return;
	}
	details = result.body;
	const profile = details.profile;
	document.getElementById('status').textContent = STATUS[details.status] || details.status;
	document.getElementById('name').value = profile.name || '';
	document.getElementById('website').value = profile.website || '';
	document.getElementById('ort').value = profile.city || '';
	document.getElementById('gruendung').value = profile.foundingYear || '';
	document.getElementById('aktivitaeten').value = (profile.activities || []).join('\n');
	document.getElementById('rechtsform').value = profile.legalForm || '';
	document.getElementById('geschaeftsstelle').value = profile.office || '';
	document.getElementById('finanzierung').value = profile.financing || '';
	document.querySelectorAll('input[name=ziel]').forEach((box) => { box.checked = (profile.goalCategories || []).includes(box.value); });
	document.getElementById('akteure-zeilen').replaceChildren(...Object.entries(ACTOR_GROUPS).map(([group, label]) => {
		const row = element('tr');
		const involved = element('input', null, { type: 'checkbox', name: 'akteur', value: group, 'aria-label': `${label} beteiligt` });
		involved.checked = (profile.actorGroups || []).includes(group);
		const founder = element('input', null, { type: 'checkbox', name: 'gruender', value: group, 'aria-label': `${label} Gründungsmitglied` });
		founder.checked = (profile.founderGroups || []).includes(group);
		const involvedCell = element('td');
		involvedCell.append(involved);
		const founderCell = element('td');
		founderCell.append(founder);
		row.append(element('th', label, { scope: 'row' }), involvedCell, founderCell);
		return row;
	}));
	const contact = details.contact || {};
	document.getElementById('kontakt-name').value = contact.name || '';
	document.getElementById('kontakt-email').value = contact.email || '';
	document.getElementById('kontakt-telefon').value = contact.phone || '';
	document.getElementById('einreichen').hidden = details.status !== 'DRAFT';
}

function steckbriefInput() {
	const profile = details.profile;
	const value = (id) => document.getElementById(id).value.trim();
	const checked = (name) => [...document.querySelectorAll(`input[name=${name}]:checked`)].map((box) => box.value);
	const founders = checked('gruender');
	const contact = { name: value('kontakt-name') || null, email: value('kontakt-email') || null, phone: value('kontakt-telefon') || null };
	return {
		name: value('name'), website: value('website') || null,
		contact: (contact.name || contact.email || contact.phone) ? contact : null, state: profile.state,
		city: value('ort') || null, coordinates: profile.coordinates || null, level: profile.level, type: profile.type,
		foundingYear: value('gruendung') ? Number(value('gruendung')) : null, legalForm: value('rechtsform') || null,
		office: value('geschaeftsstelle') || null,
		actorGroups: checked('akteur').map((group) => ({ group, founder: founders.includes(group) })),
		goalCategories: checked('ziel'),
		activities: value('aktivitaeten').split('\n').map((line) => line.trim()).filter((line) => line),
		financing: value('finanzierung') || null, linkedInitiativeIds: profile.linkedInitiativeIds || [], version: details.version
	};
}

async function loadFormats() {
	const result = await api('/api/events/formats');
	const select = document.getElementById('v-format');
	for (const format of result.body || []) {
		formats[format.code] = format;
		select.append(element('option', format.name, { value: format.code }));
	}
	showFormatProfile();
}

function showFormatProfile() {
	const format = formats[document.getElementById('v-format').value];
	const target = document.getElementById('v-format-profil');
	target.replaceChildren();
	if (!format) {
		return;
	}
	target.append(element('span', format.profile ? format.profile.summary : ''));
	const phases = (format.runSheet && format.runSheet.phases) || [];
	if (phases.length) {
		target.append(element('br'), element('strong', 'Drehbuch: '),
			element('span', phases.map((phase) => `${phase.title} (${phase.minutes} Min.)`).join(' → ')));
	}
	const items = (format.planningChecklist && format.planningChecklist.items) || [];
	if (items.length) {
		target.append(element('br'), element('strong', 'Planung: '),
			element('span', items.map((item) => `${item.when}: ${item.task}`).join(' · ')));
	}
}

const EVENT_STATUS = { PLANNED: 'geplant', OPEN: 'Anmeldung offen', CLOSED: 'Anmeldung geschlossen', HELD: 'durchgeführt', CANCELLED: 'abgesagt' };
const eventMessage = document.getElementById('veranstaltungen-meldung');

function sayAboutEvents(text, problem) {
	eventMessage.classList.toggle('problem', Boolean(problem));
	eventMessage.textContent = text;
}

/**
 * The lifecycle step of an event after an inline confirmation: the question explains the
 * consequences, "Abbrechen" has the focus, so Enter never triggers the step by accident.
 */
function confirmStep(item, trigger, step) {
	item.querySelectorAll('.bestaetigen').forEach((open) => open.remove());
	item.querySelectorAll('[aria-expanded="true"]').forEach((button) => button.setAttribute('aria-expanded', 'false'));
	const id = `bestaetigen-${item.dataset.id}`;
	const box = element('div', null, { class: 'bestaetigen notiz', id, role: 'group', 'aria-labelledby': `${id}-frage` });
	const question = element('p', null, { id: `${id}-frage` });
	question.append(element('strong', step.question), ' ', element('span', step.consequences));
	const extra = element('span');
	question.append(' ', extra);
	const yes = element('button', step.yes, { type: 'button', class: step.danger ? 'gefahr' : 'primaer', 'aria-describedby': `${id}-frage` });
	const no = element('button', 'Abbrechen', { type: 'button', class: 'zweitrangig' });
	const buttons = element('div', null, { class: 'knopfzeile' });
	buttons.append(yes, no);
	box.append(question, buttons);
	item.append(box);
	trigger.setAttribute('aria-expanded', 'true');
	trigger.setAttribute('aria-controls', id);
	no.addEventListener('click', () => {
		box.remove();
		trigger.setAttribute('aria-expanded', 'false');
		trigger.focus();
	});
	yes.addEventListener('click', async () => {
		yes.disabled = true;
		no.disabled = true;
		await step.run();
	});
	if (step.more) {
		step.more().then((text) => { extra.textContent = text || ''; }).catch(() => {});
	}
	no.focus();
}

async function transition(event, action, done) {
	let result;
	try {
		result = await api(`/api/events/${encodeURIComponent(event.id)}/${action}`, { method: 'POST' });
	}
	catch (error) {
		result = { ok: false, status: 0, body: { detail: 'Der Server ist gerade nicht erreichbar. Bitte versuchen Sie es noch einmal.' } };
	}
	// The message after the refresh, so that it describes the list as it now stands.
	await loadEvents();
	sayAboutEvents(result.ok ? done : problemText(result), !result.ok);
	const item = document.querySelector(`#meine-veranstaltungen li[data-id="${CSS.escape(event.id)}"]`);
	if (item) {
		item.focus();
	}
}

async function checkedInSentence(event) {
	const result = await api(`/api/events/${encodeURIComponent(event.id)}/registrations`);
	if (!result.ok || !result.body || !result.body.summary) {
		return '';
	}
	const count = result.body.summary.checkedIn;
	if (count === 0) {
		return 'Zurzeit ist niemand eingecheckt – es ginge also keine E-Mail hinaus.';
	}
	return count === 1 ? 'Zurzeit ist 1 Person eingecheckt.' : `Zurzeit sind ${count} Personen eingecheckt.`;
}

function lifecycleButtons(event, item) {
	const title = `„${event.title}“`;
	const button = (label, onClick) => {
		const node = element('button', label, { type: 'button', class: 'zweitrangig', 'aria-label': `${label}: ${event.title}` });
		node.addEventListener('click', () => onClick(node));
		return node;
	};
	const buttons = [];
	if (event.status === 'PLANNED') {
		buttons.push(button('Anmeldung öffnen', () => transition(event, 'open', `Die Anmeldung für ${title} ist offen.`)));
	}
	if (event.status === 'OPEN') {
		buttons.push(button('Anmeldung schließen', (trigger) => confirmStep(item, trigger, {
			question: `Anmeldung für ${title} schließen?`,
			consequences: 'Danach kann sich niemand mehr anmelden oder auf die Warteliste setzen, und die Anmeldung lässt sich nicht wieder öffnen. Abmelden und der Check-in bleiben möglich.',
			yes: 'Ja, Anmeldung schließen',
			run: () => transition(event, 'close', `Die Anmeldung für ${title} ist geschlossen.`)
		})));
	}
	if (event.status === 'CLOSED') {
		buttons.push(button('Als durchgeführt markieren', (trigger) => confirmStep(item, trigger, {
			question: `${title} als durchgeführt markieren?`,
			consequences: 'Alle eingecheckten Teilnehmenden bekommen dann per E-Mail den Link zum Evaluationsbogen. Das lässt sich nicht rückgängig machen: Danach sind kein Check-in und keine Änderung der Veranstaltung mehr möglich.',
			yes: 'Ja, als durchgeführt markieren',
			more: () => checkedInSentence(event),
			run: () => transition(event, 'held', `${title} ist als durchgeführt markiert. Die eingecheckten Teilnehmenden bekommen den Link zum Evaluationsbogen per E-Mail.`)
		})));
	}
	if (['PLANNED', 'OPEN', 'CLOSED'].includes(event.status)) {
		buttons.push(button('Absagen', (trigger) => confirmStep(item, trigger, {
			question: `${title} absagen?`,
			consequences: 'Das lässt sich nicht rückgängig machen. Die Veranstaltung erscheint dann öffentlich als abgesagt; die Angemeldeten bekommen von uns keine E-Mail darüber – bitte informieren Sie sie selbst.',
			yes: 'Ja, Veranstaltung absagen',
			danger: true,
			run: () => transition(event, 'cancel', `${title} ist abgesagt.`)
		})));
	}
	return buttons;
}

async function loadEvents() {
	const result = await api(`/api/events?initiative=${encodeURIComponent(initiativeId)}&size=100`);
	if (!result.ok) {
		return;
	}
	document.getElementById('meine-veranstaltungen').replaceChildren(...result.body.content.map((event) => {
		const item = element('li', null, { 'data-id': event.id, tabindex: '-1' });
		item.append(element('span', `${event.title} – ${event.city} `), element('span', `(${EVENT_STATUS[event.status] || event.status})`, { class: 'status' }));
		if (event.status !== 'HELD' && event.status !== 'CANCELLED') {
			const edit = element('button', 'Bearbeiten', { type: 'button', 'aria-label': `Bearbeiten: ${event.title}` });
			edit.addEventListener('click', () => startEditing(event));
			item.append(' ', edit);
		}
		const id = encodeURIComponent(event.id);
		item.append(' ', element('a', 'Teilnehmende & Check-in', { href: `/checkin.html?event=${id}`, 'aria-label': `Teilnehmende & Check-in: ${event.title}` }),
			' · ', element('a', 'Auswertung', { href: `/ergebnisse.html?event=${id}`, 'aria-label': `Auswertung: ${event.title}` }));
		const steps = lifecycleButtons(event, item);
		if (steps.length) {
			const row = element('div', null, { class: 'knopfzeile lebenslauf' });
			row.append(...steps);
			item.append(row);
		}
		return item;
	}));
}

async function loadAssessment() {
	const result = await api(`/api/initiatives/${encodeURIComponent(initiativeId)}/assessment`);
	if (!result.ok) {
		return;
	}
	const view = result.body;
	const rows = view.grid.map((row) => {
		const tr = element('tr');
		tr.append(element('th', row.name, { scope: 'row', title: row.description || '' }));
		const cell = element('td');
		const select = element('select', null, { 'data-criterion': row.criterion, 'aria-label': `Bewertung: ${row.name}` });
		for (let score = 1; score <= 5; score++) {
			select.append(element('option', String(score), { value: String(score) }));
		}
		select.value = String(row.score || 3);
		cell.append(select);
		const bar = element('td');
		const meter = element('span', row.score ? `${row.score} von 5` : 'noch nicht bewertet', { class: 'balken' });
		meter.style.setProperty('--anteil', `${((row.score || 0) / 5) * 100}%`);
		bar.append(meter);
		tr.append(cell, bar, element('td', (row.relevanceForType || []).join(' · ')));
		return tr;
	});
	document.querySelector('#raster-tabelle tbody').replaceChildren(...rows);
	document.getElementById('raster-verlauf').textContent = view.history.length
		? `${view.history.length} gespeicherte Einschätzung(en), zuletzt am ${new Date(view.history[0].at).toLocaleDateString('de-DE')}.`
		: 'Noch keine Einschätzung gespeichert.';
}

document.getElementById('raster').addEventListener('submit', async (event) => {
	event.preventDefault();
	const ratings = [...document.querySelectorAll('#raster-tabelle select')]
		.map((select) => ({ criterion: select.dataset.criterion, score: Number(select.value) }));
	const result = await api(`/api/initiatives/${encodeURIComponent(initiativeId)}/assessment`, { method: 'PUT', body: { ratings } });
	say(result.ok ? 'Ihre Selbsteinschätzung ist gespeichert.' : problemText(result));
	await loadAssessment();
});

document.getElementById('steckbrief').addEventListener('submit', async (event) => {
	event.preventDefault();
	const result = await api(`/api/initiatives/${encodeURIComponent(initiativeId)}`, { method: 'PUT', body: steckbriefInput() });
	say(result.ok ? 'Der Steckbrief ist gespeichert.' : problemText(result));
	if (result.ok) {
		await loadSteckbrief();
	}
});

document.getElementById('anlegen').addEventListener('submit', async (event) => {
	event.preventDefault();
	const value = (id) => document.getElementById(id).value.trim();
	const body = { name: value('n-name'), level: value('n-ebene'), type: value('n-typ'), state: value('n-land') || null, city: value('n-ort') || null };
	if (value('n-breite') && value('n-laenge')) {
		body.coordinates = { lat: Number(value('n-breite')), lon: Number(value('n-laenge')) };
	}
	const result = await api('/api/initiatives', { method: 'POST', body });
	say(result.ok ? 'Der Steckbrief ist als Entwurf angelegt. Reichen Sie ihn zur Prüfung ein, wenn er vollständig ist.' : problemText(result));
	if (result.ok) {
		await Promise.all([loadSteckbrief(), loadAssessment()]);
	}
});

document.getElementById('einreichen').addEventListener('click', async () => {
	const result = await api(`/api/initiatives/${encodeURIComponent(initiativeId)}/submit`, { method: 'POST' });
	say(result.ok ? 'Der Steckbrief ist zur Prüfung eingereicht.' : problemText(result));
	await loadSteckbrief();
});

document.getElementById('v-format').addEventListener('change', showFormatProfile);

function localValue(offsetDateTime) {
	// The browser's local time for a datetime-local field (German users: Europe/Berlin).
	const date = new Date(offsetDateTime);
	const pad = (n) => String(n).padStart(2, '0');
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function startEditing(event) {
	editing = event;
	const set = (id, value) => { document.getElementById(id).value = value ?? ''; };
	set('v-titel', event.title);
	set('v-format', event.format);
	set('v-beginn', localValue(event.start));
	set('v-ende', localValue(event.end));
	set('v-ort-name', event.venue);
	set('v-stadt', event.city);
	set('v-land', event.state);
	set('v-plaetze', event.capacity);
	document.querySelectorAll('input[name=zielgruppe]').forEach((box) => { box.checked = (event.targetGroups || []).includes(box.value); });
	document.getElementById('v-kampagne').checked = event.campaignSupported;
	document.getElementById('v-speichern').textContent = 'Änderungen speichern';
	showFormatProfile();
	document.getElementById('v-titel').focus();
}

document.getElementById('veranstaltung').addEventListener('submit', async (event) => {
	event.preventDefault();
	const value = (id) => document.getElementById(id).value.trim();
	const body = {
		title: value('v-titel'), format: value('v-format'), start: offsetDateTime(value('v-beginn')),
		end: offsetDateTime(value('v-ende')), venue: value('v-ort-name'), city: value('v-stadt'), state: value('v-land'),
		capacity: Number(value('v-plaetze')),
		targetGroups: [...document.querySelectorAll('input[name=zielgruppe]:checked')].map((box) => box.value),
		campaignSupported: document.getElementById('v-kampagne').checked
	};
	let result;
	if (editing) {
		body.version = editing.version;
		result = await api(`/api/events/${encodeURIComponent(editing.id)}`, { method: 'PUT', body });
		say(result.ok ? `„${result.body.title}“ ist geändert.` : problemText(result));
	}
	else {
		result = await api('/api/events', { method: 'POST', body });
		say(result.ok ? `„${result.body.title}“ ist eingetragen.` : problemText(result));
	}
	if (result.ok) {
		editing = null;
		document.getElementById('v-speichern').textContent = 'Veranstaltung eintragen';
		document.getElementById('veranstaltung').reset();
		await loadEvents();
	}
});

(async () => {
	const session = await api('/api/session');
	if (!session.body || !session.body.authenticated || !session.body.initiativeId) {
		say('Bitte melden Sie sich mit dem Konto Ihrer Initiative an.');
		return;
	}
	initiativeId = session.body.initiativeId;
	await Promise.all([loadSteckbrief(), loadFormats(), loadEvents(), loadAssessment()]);
})();
