// The Evaluationsbogen for participants, mobile first: the personal link from the mail
// (?token=) or the event's shared link (?link=, e.g. a QR code on a slide). Anonymous.
const token = parameter('token');
const link = parameter('link');
const stand = document.getElementById('stand');
const form = document.getElementById('bogen');
const meldung = document.getElementById('meldung');
const GERAET_SCHLUESSEL = 'industriedialog-geraet';
let felder = {};

/** A random id this browser keeps, so that one device answers an event link once. */
function geraet() {
	let id = null;
	try {
		id = localStorage.getItem(GERAET_SCHLUESSEL);
	}
	catch (error) {
		// Storage blocked (private mode): a fresh id per page still works.
	}
	if (!id) {
		if (window.crypto && crypto.randomUUID) {
			id = crypto.randomUUID();
		}
		else {
			const bytes = crypto.getRandomValues(new Uint8Array(16));
			bytes[6] = (bytes[6] & 0x0f) | 0x40;
			bytes[8] = (bytes[8] & 0x3f) | 0x80;
			const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
			id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
		}
		try {
			localStorage.setItem(GERAET_SCHLUESSEL, id);
		}
		catch (error) {
			// See above.
		}
	}
	return id;
}

/** A question with radio buttons in a fieldset; its legend is the question. */
function auswahlFrage(key, text, options, apiField) {
	const fieldset = element('fieldset', null, { id: `f-${key}`, 'aria-describedby': `f-${key}-fehler` });
	fieldset.append(element('legend', text));
	options.forEach((option, index) => fieldset.append(wahl(`a-${key}`, option.code, option.label, `a-${key}-${index}`)));
	fieldset.append(element('p', null, { id: `f-${key}-fehler`, class: 'fehler' }));
	felder[apiField] = { field: `f-${key}`, message: `f-${key}-fehler` };
	return fieldset;
}

/** A free-text question with a counter, at most max characters. */
function textFrage(key, text, max, apiField) {
	const wrapper = element('div', null, { class: 'feld' });
	const label = element('label', null, { for: `t-${key}` });
	label.append(element('span', `${text} `), element('span', '(freiwillig)', { class: 'optional' }));
	const textarea = element('textarea', null, { id: `t-${key}`, rows: '4', maxlength: String(max), 'aria-describedby': `t-${key}-zaehler t-${key}-fehler` });
	const counter = element('p', null, { id: `t-${key}-zaehler`, class: 'zaehler' });
	zeichenzaehler(textarea, counter, max);
	wrapper.append(label, textarea, counter, element('p', null, { id: `t-${key}-fehler`, class: 'fehler' }));
	felder[apiField] = { field: `t-${key}`, message: `t-${key}-fehler` };
	return wrapper;
}

function zeigeBogen(data) {
	const questionnaire = data.questionnaire;
	felder = {};
	if (data.eventTitle) {
		document.getElementById('veranstaltung').textContent = data.eventStart
			? `${data.eventTitle} (${BERLIN_TAG.format(new Date(data.eventStart))})` : data.eventTitle;
		document.title = `Rückmeldung: ${data.eventTitle} – Industriedialog`;
	}
	document.getElementById('fragen').replaceChildren(...questionnaire.items
		.map((item) => auswahlFrage(item.id, item.text, item.options, `answers.${item.id}`)));
	const group = questionnaire.participantGroup;
	document.getElementById('gruppe-bereich').replaceChildren(auswahlFrage('gruppe', group.text, group.options, 'participantGroup'));
	const custom = data.customQuestions || [];
	const customNodes = custom.map((question) => (question.type === 'FREE_TEXT'
		? textFrage(question.id, question.text, question.maxLength || 1000, `customAnswers.${question.id}`)
		: auswahlFrage(question.id, question.text, question.options, `customAnswers.${question.id}`)));
	if (customNodes.length) {
		customNodes.unshift(element('h3', 'Fragen der Veranstalter'));
	}
	document.getElementById('eigene-fragen').replaceChildren(...customNodes);
	document.getElementById('freitexte').replaceChildren(...questionnaire.freeTexts
		.map((text) => textFrage(text.id, text.label, text.maxLength, text.id)));
	form.dataset.custom = JSON.stringify(custom.map((question) => ({ id: question.id, type: question.type })));
	form.hidden = false;
}

function gewaehlt(key) {
	const checked = form.querySelector(`input[name="a-${CSS.escape(key)}"]:checked`);
	return checked ? checked.value : null;
}

function antworten() {
	const answers = {};
	form.querySelectorAll('#fragen fieldset').forEach((fieldset) => {
		const key = fieldset.id.substring(2);
		const code = gewaehlt(key);
		if (code) {
			answers[key] = code;
		}
	});
	const customAnswers = {};
	for (const question of JSON.parse(form.dataset.custom || '[]')) {
		const value = question.type === 'FREE_TEXT' ? document.getElementById(`t-${question.id}`).value.trim() : gewaehlt(question.id);
		if (value) {
			customAnswers[question.id] = value;
		}
	}
	const text = (id) => {
		const field = document.getElementById(`t-${id}`);
		return field && field.value.trim() ? field.value : null;
	};
	return { answers, customAnswers, participantGroup: gewaehlt('gruppe'), good: text('good'), improve: text('improve') };
}

/** The form cannot be used (any more): the reason instead of the form. */
function zeigeGrund(result) {
	form.hidden = true;
	const body = result.body || {};
	if (body.title && result.status !== 404) {
		document.getElementById('ueberschrift').textContent = body.title;
	}
	melde(stand, detailText(result, 'Der Bogen lässt sich gerade nicht laden. Bitte versuche es später noch einmal.'), 'problem');
}

async function lade() {
	if (!token && !link) {
		melde(stand, 'Dieser Link ist unvollständig. Öffne bitte den Link aus der E-Mail oder scanne den QR-Code noch einmal.', 'problem');
		return;
	}
	const query = token ? `token=${encodeURIComponent(token)}` : `link=${encodeURIComponent(link)}`;
	const result = await anfrage(`/api/feedback/forms?${query}`);
	if (!result.ok) {
		zeigeGrund(result);
		return;
	}
	stand.textContent = '';
	zeigeBogen(result.body);
}

form.addEventListener('submit', async (submitEvent) => {
	submitEvent.preventDefault();
	loescheFeldfehler(form);
	melde(meldung, '');
	const body = antworten();
	const nothing = !Object.keys(body.answers).length && !Object.keys(body.customAnswers).length && !body.participantGroup
		&& !body.good && !body.improve;
	if (nothing) {
		melde(meldung, 'Bitte beantworte mindestens eine Frage, bevor du den Bogen abschickst.', 'problem');
		meldung.focus();
		return;
	}
	if (token) {
		body.token = token;
	}
	else {
		body.link = link;
		body.deviceId = geraet();
	}
	const button = document.getElementById('absenden');
	button.disabled = true;
	button.textContent = 'Wird gesendet …';
	const result = await anfrage('/api/feedback', { method: 'POST', body });
	button.disabled = false;
	button.textContent = 'Bogen abschicken';
	if (result.ok) {
		form.hidden = true;
		stand.textContent = '';
		document.getElementById('danke').hidden = false;
		document.getElementById('danke-titel').focus();
		return;
	}
	const reason = result.body && result.body.reason;
	if (result.status === 404 || result.status === 410 || (result.status === 409 && reason !== 'QUESTIONS_CHANGED')) {
		zeigeGrund(result);
		stand.focus();
		return;
	}
	const rest = zeigeFeldfehler(form, result, felder);
	const errors = (result.body && result.body.errors) || [];
	melde(meldung, errors.length > rest.length ? ['Bitte prüfe die markierten Antworten.', ...rest].join(' ')
		: (rest.length ? rest.join(' ') : detailText(result)), 'problem');
	if (errors.length === rest.length) {
		meldung.focus();
	}
});

lade();
