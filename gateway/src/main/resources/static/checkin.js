// The door list of one event for its initiative (and staff): counts, check-in by QR code
// (hardware scanner, camera or typed) or from the list, and undo. Tablet first.
const eventId = parameter('event');
const stand = document.getElementById('stand');
const ergebnis = document.getElementById('ergebnis');
const codeField = document.getElementById('code');
const suche = document.getElementById('suche');
const tuerForm = document.getElementById('tuer-form');
const tuerMeldung = document.getElementById('tuer-meldung');
const TUER_FELDER = {
	name: { field: 'tuer-name', message: 'tuer-name-fehler' },
	email: { field: 'tuer-email', message: 'tuer-email-fehler' },
	organisation: { field: 'tuer-organisation', message: 'tuer-organisation-fehler' },
	participantGroup: { field: 'tuer-gruppe', message: 'tuer-gruppe-fehler' },
	representedInitiativeId: { field: 'tuer-initiative', message: 'tuer-initiative-fehler' }
};
let eintraege = [];
let kamera = null;
let veranstaltungStatus = null;

function anmeldeHinweis(text) {
	stand.replaceChildren(element('span', `${text} `), element('a', 'Zur Anmeldung', { href: '/login' }));
}

function zustand(entry) {
	if (entry.checkedIn) {
		return entry.checkedInAt ? `eingecheckt um ${BERLIN_ZEIT.format(new Date(entry.checkedInAt))} Uhr` : 'eingecheckt';
	}
	switch (entry.status) {
		case 'CONFIRMED': return 'bestätigt, noch nicht da';
		case 'WAITLISTED': return entry.waitlistPosition ? `Warteliste (Nr. ${entry.waitlistPosition})` : 'Warteliste';
		case 'CANCELLED': return 'storniert';
		default: return entry.status;
	}
}

function passt(entry, needle) {
	return !needle || [entry.name, entry.email, entry.organisation]
		.some((value) => value && value.toLocaleLowerCase('de-DE').includes(needle));
}

function zeigeListe(focusId) {
	const needle = suche.value.trim().toLocaleLowerCase('de-DE');
	const sichtbar = eintraege.filter((entry) => passt(entry, needle));
	const items = sichtbar.map((entry) => {
		const item = element('li', null, { 'data-id': entry.id });
		if (entry.checkedIn) {
			item.classList.add('eingecheckt');
		}
		const person = element('div', null, { class: 'person' });
		person.append(element('strong', entry.name),
			element('span', [entry.organisation, GRUPPEN_KURZ[entry.participantGroup]].filter((part) => part).join(' · ')),
			element('span', entry.email),
			element('span', zustand(entry)));
		item.append(person);
		if (entry.checkedIn) {
			const undo = element('button', 'Rückgängig', { type: 'button', class: 'zweitrangig', 'aria-label': `Rückgängig: ${entry.name} auschecken` });
			undo.addEventListener('click', () => rueckgaengig(entry));
			item.append(undo);
		}
		else if (entry.status === 'CONFIRMED') {
			const checkIn = element('button', 'Einchecken', { type: 'button', class: 'primaer', 'aria-label': `Einchecken: ${entry.name}` });
			checkIn.addEventListener('click', () => einchecken({ registrationId: entry.id }, false));
			item.append(checkIn);
		}
		if (!entry.checkedIn && (entry.status === 'CONFIRMED' || entry.status === 'WAITLISTED')
			&& (veranstaltungStatus === 'OPEN' || veranstaltungStatus === 'CLOSED')) {
			// Deliberately small and on its own line below the row: nobody should hit it
			// instead of "Einchecken".
			const neben = element('div', null, { class: 'nebenaktion' });
			const abmelden = element('button', 'Abmelden', { type: 'button', class: 'leise', 'aria-label': `Abmelden: ${entry.name}`, 'aria-expanded': 'false' });
			abmelden.addEventListener('click', () => abmeldenFragen(entry, item, abmelden));
			neben.append(abmelden);
			item.append(neben);
		}
		return item;
	});
	document.getElementById('teilnehmende').replaceChildren(...items);
	document.getElementById('treffer').textContent = needle
		? `${sichtbar.length} von ${eintraege.length} Anmeldungen passen zur Suche.`
		: `${eintraege.length} Anmeldungen`;
	if (focusId) {
		const row = document.querySelector(`#teilnehmende li[data-id="${CSS.escape(focusId)}"]`);
		const button = row && row.querySelector('button:not(.leise)');
		if (button) {
			button.focus();
		}
		else if (row) {
			row.setAttribute('tabindex', '-1');
			row.focus();
		}
	}
}

function zeigeZahlen(summary) {
	document.getElementById('anzahl-bestaetigt').textContent = String(summary.confirmed);
	document.getElementById('anzahl-eingecheckt').textContent = String(summary.checkedIn);
	document.getElementById('anzahl-warteliste').textContent = String(summary.waitlisted);
	document.getElementById('anzahl-storniert').textContent = String(summary.cancelled);
	const rows = Object.keys(GRUPPEN_KURZ).map((group) => {
		const counts = (summary.byGroup || {})[group] || { confirmed: 0, checkedIn: 0 };
		const row = element('tr');
		row.append(element('th', GRUPPEN[group], { scope: 'row' }), element('td', String(counts.confirmed)),
			element('td', String(counts.checkedIn)));
		return row;
	});
	document.querySelector('#gruppen tbody').replaceChildren(...rows);
}

async function lade(focusId) {
	const result = await anfrage(`/api/events/${encodeURIComponent(eventId)}/registrations`);
	if (!result.ok) {
		if (result.status === 401) {
			anmeldeHinweis('Ihre Anmeldung ist abgelaufen. Bitte melden Sie sich neu an.');
		}
		else if (result.status === 403) {
			stand.textContent = 'Diese Veranstaltung gehört nicht zu Ihrer Initiative; die Liste sehen nur die Initiative und die Geschäftsstelle.';
		}
		else {
			stand.textContent = detailText(result);
		}
		return false;
	}
	const list = result.body;
	veranstaltungStatus = list.eventStatus;
	document.getElementById('veranstaltung').textContent = list.eventTitle;
	document.title = `Check-in: ${list.eventTitle} – Industriedialog`;
	zeigeZahlen(list.summary);
	// After the retention period a registration keeps only its group and status (no
	// name): it stays in the counts and is listed as an anonymous seat, last.
	eintraege = list.registrations.map((entry) => entry.name ? entry : { ...entry, name: 'Anonymisierte Anmeldung', anonym: true })
		.sort((a, b) => (a.anonym === b.anonym ? a.name.localeCompare(b.name, 'de') : (a.anonym ? 1 : -1)));
	zeigeListe(focusId);
	const checkInPossible = list.eventStatus === 'OPEN' || list.eventStatus === 'CLOSED';
	document.getElementById('tuer-bereich').hidden = !checkInPossible;
	stand.textContent = checkInPossible ? ''
		: 'Check-in ist nur möglich, solange die Anmeldung offen oder geschlossen ist; diese Veranstaltung ist schon abgeschlossen oder abgesagt.';
	document.getElementById('bereich').hidden = false;
	return true;
}

async function einchecken(body, scanned) {
	const result = await anfrage(`/api/events/${encodeURIComponent(eventId)}/check-ins`, { method: 'POST', body });
	if (result.ok) {
		const entry = result.body.registration;
		const since = entry.checkedInAt ? ` (seit ${BERLIN_ZEIT.format(new Date(entry.checkedInAt))} Uhr)` : '';
		melde(ergebnis, result.body.alreadyCheckedIn ? `${entry.name} war schon eingecheckt${since}.`
			: `✓ ${entry.name} ist eingecheckt.`, result.body.alreadyCheckedIn ? null : 'erfolg');
	}
	else if (result.status === 401) {
		melde(ergebnis, 'Ihre Anmeldung ist abgelaufen. Bitte melden Sie sich neu an.', 'problem');
	}
	else {
		melde(ergebnis, detailText(result), 'problem');
	}
	await lade(scanned ? null : body.registrationId);
	if (scanned) {
		codeField.focus();
	}
	return result.ok;
}

async function rueckgaengig(entry) {
	const result = await anfrage(`/api/events/${encodeURIComponent(eventId)}/check-ins/${encodeURIComponent(entry.id)}`, { method: 'DELETE' });
	melde(ergebnis, result.ok ? `Der Check-in von ${entry.name} ist zurückgenommen.` : detailText(result), result.ok ? null : 'problem');
	await lade(entry.id);
}

/** Cancelling on behalf of a participant, after an inline question ("Abbrechen" has the focus). */
function abmeldenFragen(entry, item, trigger) {
	document.querySelectorAll('#teilnehmende .bestaetigen').forEach((open) => open.remove());
	document.querySelectorAll('#teilnehmende button.leise[aria-expanded="true"]').forEach((button) => button.setAttribute('aria-expanded', 'false'));
	const id = `abmelden-${entry.id}`;
	const box = element('div', null, { class: 'bestaetigen notiz', id, role: 'group', 'aria-labelledby': `${id}-frage` });
	const folgen = entry.status === 'WAITLISTED'
		? 'Die Person verliert ihren Platz auf der Warteliste.'
		: 'Ihr Platz geht an die nächste Person auf der Warteliste, falls jemand wartet.';
	const frage = element('p', null, { id: `${id}-frage` });
	frage.append(element('strong', `Anmeldung von ${entry.name} stornieren?`), ' ',
		element('span', `${folgen} Die Person bekommt darüber keine E-Mail. Das lässt sich nicht rückgängig machen.`));
	const ja = element('button', 'Ja, abmelden', { type: 'button', class: 'gefahr', 'aria-describedby': `${id}-frage` });
	const nein = element('button', 'Abbrechen', { type: 'button', class: 'zweitrangig' });
	const knoepfe = element('div', null, { class: 'knopfzeile' });
	knoepfe.append(ja, nein);
	box.append(frage, knoepfe);
	item.append(box);
	trigger.setAttribute('aria-expanded', 'true');
	trigger.setAttribute('aria-controls', id);
	nein.addEventListener('click', () => {
		box.remove();
		trigger.setAttribute('aria-expanded', 'false');
		trigger.focus();
	});
	ja.addEventListener('click', async () => {
		ja.disabled = true;
		nein.disabled = true;
		await abmelden(entry);
	});
	nein.focus();
}

async function abmelden(entry) {
	const result = await anfrage(`/api/events/${encodeURIComponent(eventId)}/registrations/${encodeURIComponent(entry.id)}/cancel`, { method: 'POST' });
	if (result.ok) {
		melde(ergebnis, `Die Anmeldung von ${entry.name} ist storniert.`, null);
	}
	else if (result.status === 401) {
		melde(ergebnis, 'Ihre Anmeldung ist abgelaufen. Bitte melden Sie sich neu an.', 'problem');
	}
	else {
		melde(ergebnis, detailText(result), 'problem');
	}
	await lade(entry.id);
}

/** "Anmeldung an der Tür": registers a person who came without registering and checks them in. */
async function tuerAnmelden() {
	loescheFeldfehler(tuerForm);
	melde(tuerMeldung, '');
	const value = (id) => document.getElementById(id).value.trim();
	const group = tuerForm.querySelector('input[name="tuer-gruppe"]:checked');
	const button = document.getElementById('tuer-absenden');
	button.disabled = true;
	button.textContent = 'Wird eingetragen …';
	const result = await anfrage(`/api/events/${encodeURIComponent(eventId)}/walk-ins`, {
		method: 'POST',
		body: {
			name: value('tuer-name'), email: value('tuer-email') || null, organisation: value('tuer-organisation') || null,
			participantGroup: group ? group.value : null, representedInitiativeId: value('tuer-initiative') || null
		}
	});
	button.disabled = false;
	button.textContent = 'Eintragen und einchecken';
	if (result.ok) {
		tuerForm.reset();
		await lade();
		// Focus first, then announce, so moving the focus does not cut the announcement off.
		document.getElementById('tuer-name').focus();
		melde(ergebnis, `${result.body.name} ist eingetragen und eingecheckt.`, 'erfolg');
		return;
	}
	if (result.status === 401) {
		melde(tuerMeldung, 'Ihre Anmeldung ist abgelaufen. Bitte melden Sie sich neu an.', 'problem');
		return;
	}
	if (result.status === 400) {
		const rest = zeigeFeldfehler(tuerForm, result, TUER_FELDER);
		const hasFieldErrors = ((result.body && result.body.errors) || []).length > rest.length;
		melde(tuerMeldung, [hasFieldErrors ? 'Bitte prüfen Sie die markierten Angaben.' : detailText(result), ...rest].join(' '), 'problem');
		return;
	}
	// 409: full ("ausgebucht"), no longer open or closed, or the address is already registered.
	melde(tuerMeldung, detailText(result), 'problem');
	if (result.status === 409) {
		await lade();
	}
}

tuerForm.addEventListener('submit', async (submitEvent) => {
	submitEvent.preventDefault();
	await tuerAnmelden();
});

document.getElementById('code-form').addEventListener('submit', async (submitEvent) => {
	submitEvent.preventDefault();
	const code = codeField.value.trim();
	if (!code) {
		melde(ergebnis, 'Bitte scannen Sie zuerst einen QR-Code oder geben Sie den Code ein.', 'problem');
		codeField.focus();
		return;
	}
	codeField.value = '';
	await einchecken({ token: code }, true);
});

['input', 'search'].forEach((type) => suche.addEventListener(type, () => zeigeListe()));

// The camera, where the browser can read QR codes itself (BarcodeDetector); otherwise the
// field above takes a hardware scanner or typing.
async function kameraAn() {
	const detector = new BarcodeDetector({ formats: ['qr_code'] });
	const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
	const video = document.getElementById('video');
	video.srcObject = stream;
	await video.play();
	document.getElementById('scanner').hidden = false;
	kamera = { stream, timer: null, busy: false, last: '' };
	kamera.timer = setInterval(async () => {
		if (!kamera || kamera.busy) {
			return;
		}
		kamera.busy = true;
		try {
			const codes = await detector.detect(video);
			const value = codes.length ? codes[0].rawValue : '';
			if (value && value !== kamera.last) {
				kamera.last = value;
				await einchecken({ token: value }, false);
				setTimeout(() => { if (kamera) kamera.last = ''; }, 3000);
			}
		}
		catch (error) {
			// A frame that cannot be read yet; try the next one.
		}
		if (kamera) {
			kamera.busy = false;
		}
	}, 400);
}

function kameraAus() {
	if (kamera) {
		clearInterval(kamera.timer);
		kamera.stream.getTracks().forEach((track) => track.stop());
		kamera = null;
	}
	document.getElementById('scanner').hidden = true;
	document.getElementById('kamera').focus();
}

document.getElementById('kamera').addEventListener('click', async () => {
	try {
		await kameraAn();
	}
	catch (error) {
		kameraAus();
		melde(ergebnis, 'Die Kamera lässt sich nicht verwenden. Erlauben Sie den Zugriff oder nutzen Sie das Eingabefeld.', 'problem');
	}
});
document.getElementById('kamera-aus').addEventListener('click', kameraAus);

async function ladeInitiativen() {
	const initiatives = await veroeffentlichteInitiativen();
	if (initiatives) {
		initiativenAuswahl(document.getElementById('tuer-initiative'), initiatives);
	}
	else {
		document.getElementById('tuer-initiative-hinweis').textContent = 'Das Verzeichnis der Initiativen ist gerade nicht erreichbar; das Feld kann leer bleiben.';
	}
}

(async () => {
	if (!eventId) {
		stand.textContent = 'Es fehlt, um welche Veranstaltung es geht. Öffnen Sie die Liste aus dem Portal Ihrer Initiative.';
		return;
	}
	document.getElementById('auswertung-link').href = `/ergebnisse.html?event=${encodeURIComponent(eventId)}`;
	if (!await sitzung()) {
		anmeldeHinweis('Die Teilnehmendenliste sehen nur die Initiative und die Geschäftsstelle. Bitte melden Sie sich an.');
		return;
	}
	document.getElementById('kamera').hidden = !('BarcodeDetector' in window && navigator.mediaDevices);
	ladeInitiativen();
	if (await lade()) {
		codeField.focus();
	}
})();
