// Results of the Evaluationsbogen of one event for its initiative and staff, and the
// organiser's own questions and shared link. Figures over too few answers stay hidden.
const eventId = parameter('event');
const stand = document.getElementById('stand');
const PROZENT = new Intl.NumberFormat('de-DE', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const FRAGE_ARTEN = {
	LIKERT: 'Zustimmung (voll und ganz … gar nicht)',
	SINGLE_CHOICE: 'Auswahl aus eigenen Antworten',
	FREE_TEXT: 'Freitext'
};
const MAX_FRAGEN = 5;

function prozent(value) {
	return `${PROZENT.format(Number(value))} %`;
}

function anmeldeHinweis(text) {
	stand.replaceChildren(element('span', `${text} `), element('a', 'Zur Anmeldung', { href: '/login' }));
}

/** One item: a bar chart (for the eye) and the same numbers as a table (for everyone). */
function figurenBlock(figures, headingLevel) {
	const block = element('div', null, { class: 'frage-block' });
	block.append(element(headingLevel, figures.text));
	if (figures.suppressed) {
		block.append(element('p', `${figures.label || 'zu wenige'} Antworten – zum Schutz der Anonymität zeigen wir hier keine Zahlen.`));
		return block;
	}
	const summary = [`n = ${figures.n}`];
	if (figures.topTwoPercent !== undefined && figures.topTwoPercent !== null) {
		summary.push(`obere zwei Stufen: ${prozent(figures.topTwoPercent)}`);
	}
	block.append(element('p', summary.join(' · ')));
	const chart = element('ul', null, { class: 'diagramm', 'aria-hidden': 'true' });
	for (const option of figures.options) {
		const row = element('li');
		const track = element('span', null, { class: 'spur' });
		const fill = element('span', null, { class: 'fuellung' });
		fill.style.width = `${Math.max(0, Math.min(100, Number(option.percent)))}%`;
		track.append(fill);
		row.append(element('span', option.label), track, element('span', `${prozent(option.percent)} (${option.count})`, { class: 'wert' }));
		chart.append(row);
	}
	const details = element('details');
	details.append(element('summary', 'Zahlen als Tabelle'));
	const table = element('table');
	table.append(element('caption', `${figures.text} (n = ${figures.n})`));
	const head = element('thead');
	const headRow = element('tr');
	headRow.append(element('th', 'Antwort', { scope: 'col' }), element('th', 'Anzahl', { scope: 'col' }), element('th', 'Anteil', { scope: 'col' }));
	head.append(headRow);
	const body = element('tbody');
	for (const option of figures.options) {
		const row = element('tr');
		row.append(element('th', option.label, { scope: 'row' }), element('td', String(option.count)), element('td', prozent(option.percent)));
		body.append(row);
	}
	table.append(head, body);
	details.append(table);
	block.append(chart, details);
	return block;
}

function nachGruppe(results) {
	const groups = results.byParticipantGroup || [];
	const headRow = element('tr');
	headRow.append(element('th', 'Frage', { scope: 'col' }), ...groups.map((group) => element('th', group.label, { scope: 'col' })));
	document.querySelector('#nach-gruppe thead').replaceChildren(headRow);
	const rows = results.items.map((item, index) => {
		const row = element('tr');
		row.append(element('th', item.text, { scope: 'row' }));
		for (const group of groups) {
			const figures = group.items[index];
			row.append(element('td', figures.suppressed ? (figures.label || 'zu wenige')
				: `${prozent(figures.topTwoPercent)} (n = ${figures.n})`));
		}
		return row;
	});
	document.querySelector('#nach-gruppe tbody').replaceChildren(...rows);
}

function textListe(heading, texts) {
	const block = element('div', null, { class: 'frage-block' });
	block.append(element('h4', heading));
	if (!texts || !texts.length) {
		block.append(element('p', 'Keine Antworten.'));
		return block;
	}
	const list = element('ul', null, { class: 'freitexte' });
	texts.forEach((text) => list.append(element('li', text)));
	block.append(list);
	return block;
}

// How the answers came in: the shared link is open to anyone who has it, so many more
// answers through it than people present are a reason to read the figures with care.
function kanaele(channels) {
	if (!channels) {
		return '';
	}
	const persoenlich = channels.personalLink === 1 ? '1 über die persönliche Einladung' : `${channels.personalLink} über persönliche Einladungen`;
	const link = channels.eventLink === 1 ? '1 über den Veranstaltungslink' : `${channels.eventLink} über den Veranstaltungslink`;
	return `Davon ${persoenlich} und ${link} (für alle mit dem Link oder QR-Code offen).`;
}

function zeigeErgebnisse(results) {
	document.getElementById('veranstaltung').textContent = results.eventTitle || '';
	document.title = `Auswertung: ${results.eventTitle || ''} – Industriedialog`;
	document.getElementById('anzahl').textContent = results.responses === 1 ? '1 Rückmeldung' : `${results.responses} Rückmeldungen`;
	document.getElementById('kanaele').textContent = kanaele(results.channels);
	document.getElementById('schutz').textContent = `Zahlen aus weniger als ${results.minGroupSize} Antworten zeigen wir nicht („weniger als ${results.minGroupSize}“), damit niemand erkennbar ist. Anteile beziehen sich auf alle, die die jeweilige Frage beantwortet haben.`;
	document.getElementById('items').replaceChildren(...results.items.map((item) => figurenBlock(item, 'h4')));
	document.getElementById('gruppen').replaceChildren(figurenBlock(results.participantGroups, 'h4'));
	nachGruppe(results);
	const custom = results.customQuestions || [];
	const customNodes = custom.map((item) => figurenBlock(item, 'h4'));
	if (customNodes.length) {
		customNodes.unshift(element('h3', 'Eigene Fragen'));
	}
	document.getElementById('eigene-ergebnisse').replaceChildren(...customNodes);
	const texts = results.freeTexts || {};
	const textNodes = [];
	if (texts.suppressed) {
		textNodes.push(element('p', `${texts.label || 'zu wenige'} Rückmeldungen – die Freitexte zeigen wir erst ab ${results.minGroupSize} Rückmeldungen.`));
	}
	else {
		textNodes.push(textListe('Was war gut?', texts.good), textListe('Was können wir besser machen?', texts.improve));
		(texts.customQuestions || []).forEach((question) => textNodes.push(textListe(question.text, question.answers)));
	}
	document.getElementById('freitexte').replaceChildren(...textNodes);
	document.getElementById('ergebnisse').hidden = false;
}

// ---- The organiser's own questions ----

const fragenListe = document.getElementById('fragen-liste');
const fragenForm = document.getElementById('fragen-form');
const fragenMeldung = document.getElementById('fragen-meldung');
let fragenZaehler = 0;

function frageBlock(question) {
	const key = ++fragenZaehler;
	const fieldset = element('fieldset', null, { class: 'eigene-frage' });
	fieldset.append(element('legend', 'Eigene Frage'));
	const typeWrap = element('div', null, { class: 'feld' });
	const type = element('select', null, { id: `art-${key}`, 'aria-describedby': `art-${key}-fehler`, 'data-rolle': 'art' });
	Object.entries(FRAGE_ARTEN).forEach(([code, label]) => type.append(element('option', label, { value: code })));
	type.value = question.type || 'LIKERT';
	typeWrap.append(element('label', 'Art der Frage', { for: `art-${key}` }), type, element('p', null, { id: `art-${key}-fehler`, class: 'fehler' }));
	const textWrap = element('div', null, { class: 'feld' });
	const text = element('input', null, { id: `text-${key}`, maxlength: '200', 'aria-describedby': `text-${key}-fehler`, 'data-rolle': 'text' });
	text.value = question.text || '';
	textWrap.append(element('label', 'Fragetext', { for: `text-${key}` }), text, element('p', null, { id: `text-${key}-fehler`, class: 'fehler' }));
	const optionsWrap = element('div', null, { class: 'feld' });
	const options = element('textarea', null, { id: `optionen-${key}`, rows: '4', 'aria-describedby': `optionen-${key}-hinweis optionen-${key}-fehler`, 'data-rolle': 'optionen' });
	options.value = (question.type === 'SINGLE_CHOICE' ? (question.options || []).map((option) => option.label) : []).join('\n');
	optionsWrap.append(element('label', 'Antwortmöglichkeiten', { for: `optionen-${key}` }), options,
		element('p', 'Eine je Zeile, 2 bis 6.', { id: `optionen-${key}-hinweis`, class: 'zaehler' }),
		element('p', null, { id: `optionen-${key}-fehler`, class: 'fehler' }));
	const showOptions = () => { optionsWrap.hidden = type.value !== 'SINGLE_CHOICE'; };
	type.addEventListener('change', showOptions);
	showOptions();
	const remove = element('button', 'Frage entfernen', { type: 'button', class: 'zweitrangig' });
	remove.addEventListener('click', () => {
		fieldset.remove();
		nummeriere();
		document.getElementById('frage-neu').focus();
	});
	fieldset.append(typeWrap, textWrap, optionsWrap, remove);
	return fieldset;
}

function nummeriere() {
	const blocks = [...fragenListe.querySelectorAll('fieldset.eigene-frage')];
	blocks.forEach((block, index) => {
		block.querySelector('legend').textContent = `Eigene Frage ${index + 1}`;
		block.querySelector('button').setAttribute('aria-label', `Eigene Frage ${index + 1} entfernen`);
	});
	document.getElementById('frage-neu').disabled = blocks.length >= MAX_FRAGEN;
}

function fragenFeldfehler(result) {
	const map = {};
	[...fragenListe.querySelectorAll('fieldset.eigene-frage')].forEach((block, index) => {
		for (const role of ['art', 'text', 'optionen']) {
			const field = block.querySelector(`[data-rolle="${role}"]`);
			const entry = { field: field.id, message: `${field.id}-fehler` };
			const apiName = { art: 'type', text: 'text', optionen: 'options' }[role];
			map[`questions[${index}].${apiName}`] = entry;
		}
	});
	const errors = ((result.body && result.body.errors) || []).map((error) => {
		const option = /^(questions\[\d+\]\.options)\[\d+\]$/.exec(error.field);
		return option ? { field: option[1], message: error.message } : error;
	});
	return zeigeFeldfehler(fragenForm, { body: { errors } }, map);
}

/** The questions as they stand, once answers have locked them. */
function frageLesen(question) {
	const item = element('li');
	item.append(element('strong', question.text), ' ', element('span', `(${FRAGE_ARTEN[question.type] || question.type})`, { class: 'hinweis' }));
	if (question.type === 'SINGLE_CHOICE' && (question.options || []).length) {
		const options = element('ul');
		question.options.forEach((option) => options.append(element('li', option.label)));
		item.append(options);
	}
	return item;
}

function zeigeFragen(view) {
	const gesperrt = Boolean(view.answered);
	const custom = view.customQuestions || [];
	document.getElementById('fragen-gesperrt').hidden = !gesperrt;
	fragenForm.hidden = gesperrt;
	document.getElementById('fragen-lesen').replaceChildren(...custom.map(frageLesen));
	document.getElementById('fragen-lesen').hidden = !custom.length;
	document.getElementById('fragen-keine').hidden = Boolean(custom.length);
	fragenZaehler = 0;
	fragenListe.replaceChildren(...(gesperrt ? [] : custom.map(frageBlock)));
	nummeriere();
	document.getElementById('link-stand').textContent = view.eventLinkEnabled
		? 'Ein Link für alle ist aktiv.' : 'Zurzeit gibt es keinen aktiven Link für alle.';
	document.getElementById('link-abschalten').hidden = !view.eventLinkEnabled;
}

async function ladeFragen() {
	const result = await anfrage(`/api/questionnaires/events/${encodeURIComponent(eventId)}`);
	if (!result.ok) {
		melde(fragenMeldung, detailText(result), 'problem');
		return;
	}
	zeigeFragen(result.body);
	document.getElementById('veranstalter').hidden = false;
}

document.getElementById('frage-neu').addEventListener('click', () => {
	if (fragenListe.querySelectorAll('fieldset.eigene-frage').length >= MAX_FRAGEN) {
		return;
	}
	const block = frageBlock({ type: 'LIKERT' });
	fragenListe.append(block);
	nummeriere();
	block.querySelector('select').focus();
});

fragenForm.addEventListener('submit', async (submitEvent) => {
	submitEvent.preventDefault();
	loescheFeldfehler(fragenForm);
	const questions = [...fragenListe.querySelectorAll('fieldset.eigene-frage')].map((block) => {
		const type = block.querySelector('[data-rolle="art"]').value;
		const question = { type, text: block.querySelector('[data-rolle="text"]').value.trim() };
		if (type === 'SINGLE_CHOICE') {
			question.options = block.querySelector('[data-rolle="optionen"]').value.split('\n').map((line) => line.trim()).filter((line) => line);
		}
		return question;
	});
	const result = await anfrage(`/api/questionnaires/events/${encodeURIComponent(eventId)}/custom-questions`, { method: 'PUT', body: { questions } });
	if (result.ok) {
		zeigeFragen(result.body);
		melde(fragenMeldung, questions.length ? 'Die eigenen Fragen sind gespeichert.' : 'Der Bogen hat jetzt keine eigenen Fragen.', 'erfolg');
		return;
	}
	const rest = fragenFeldfehler(result);
	melde(fragenMeldung, [detailText(result), ...rest].join(' '), 'problem');
	if (result.status === 409) {
		// If the first answer arrived meanwhile, the questions are locked: show them as they
		// stand. (Another kind of conflict keeps the person's unsaved edits on screen.)
		const latest = await anfrage(`/api/questionnaires/events/${encodeURIComponent(eventId)}`);
		if (latest.ok && latest.body.answered) {
			zeigeFragen(latest.body);
			document.getElementById('fragen-gesperrt-hinweis').focus();
		}
	}
});

// ---- The shared event link ----

const linkMeldung = document.getElementById('link-meldung');

document.getElementById('link-erstellen').addEventListener('click', async () => {
	const result = await anfrage(`/api/questionnaires/events/${encodeURIComponent(eventId)}/link`, { method: 'POST' });
	if (!result.ok) {
		melde(linkMeldung, detailText(result), 'problem');
		return;
	}
	document.getElementById('link-url').value = result.body.url;
	const qr = `/api/questionnaires/events/${encodeURIComponent(eventId)}/link/qr.svg?link=${encodeURIComponent(result.body.token)}`;
	document.getElementById('link-qr').src = qr;
	document.getElementById('link-qr-laden').href = qr;
	document.getElementById('link-anzeige').hidden = false;
	document.getElementById('link-stand').textContent = 'Ein Link für alle ist aktiv.';
	document.getElementById('link-abschalten').hidden = false;
	melde(linkMeldung, 'Der Link ist erstellt. Ein früherer Link gilt nicht mehr.', 'erfolg');
	document.getElementById('link-url').focus();
	document.getElementById('link-url').select();
});

document.getElementById('link-kopieren').addEventListener('click', async () => {
	const field = document.getElementById('link-url');
	try {
		await navigator.clipboard.writeText(field.value);
		melde(linkMeldung, 'Der Link ist kopiert.', 'erfolg');
	}
	catch (error) {
		field.focus();
		field.select();
		melde(linkMeldung, 'Kopieren ging nicht automatisch: Der Link ist markiert, kopieren Sie ihn mit Strg+C.', null);
	}
});

document.getElementById('link-abschalten').addEventListener('click', async () => {
	const result = await anfrage(`/api/questionnaires/events/${encodeURIComponent(eventId)}/link`, { method: 'DELETE' });
	if (!result.ok) {
		melde(linkMeldung, detailText(result), 'problem');
		return;
	}
	document.getElementById('link-anzeige').hidden = true;
	document.getElementById('link-url').value = '';
	document.getElementById('link-qr').removeAttribute('src');
	document.getElementById('link-qr-laden').href = '#';
	document.getElementById('link-stand').textContent = 'Zurzeit gibt es keinen aktiven Link für alle.';
	document.getElementById('link-abschalten').hidden = true;
	melde(linkMeldung, 'Der Link ist abgeschaltet. Über ihn kann niemand mehr einen Bogen abschicken.', 'erfolg');
	document.getElementById('link-erstellen').focus();
});

(async () => {
	if (!eventId) {
		stand.textContent = 'Es fehlt, um welche Veranstaltung es geht. Öffnen Sie die Auswertung aus dem Portal Ihrer Initiative.';
		return;
	}
	document.getElementById('checkin-link').href = `/checkin.html?event=${encodeURIComponent(eventId)}`;
	if (!await sitzung()) {
		anmeldeHinweis('Die Auswertung sehen nur die veranstaltende Initiative und die Geschäftsstelle. Bitte melden Sie sich an.');
		return;
	}
	const result = await anfrage(`/api/feedback/results/${encodeURIComponent(eventId)}`);
	if (!result.ok) {
		if (result.status === 401) {
			anmeldeHinweis('Ihre Anmeldung ist abgelaufen. Bitte melden Sie sich neu an.');
		}
		else {
			stand.textContent = result.status === 404 ? 'Diese Veranstaltung ist in der Auswertung (noch) nicht bekannt.' : detailText(result);
		}
		return;
	}
	stand.textContent = '';
	zeigeErgebnisse(result.body);
	await ladeFragen();
})();
