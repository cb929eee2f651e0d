// Shared by the two pages for privacy requests (docs/adr/0015): the public one
// (datenschutz-anfrage.js) and the staff one (datenschutz-geschaeftsstelle.js), so that both name
// the services and records alike and follow a request's progress the same way.
// Loaded after api.js and formular.js, before the page's own script.
const POLL_MS = 2000;
/** Polling slows down after this long: a service that is down answers only when it is back. */
const POLL_LANGSAM_NACH_MS = 10 * 60 * 1000;
const POLL_LANGSAM_MS = 15000;

/** The services' names, the same as ServiceTitles in the gateway. */
const DIENSTE = {
	'initiative-registry': 'Initiativen-Register (Steckbrief-Kontakte)',
	'event-service': 'Veranstaltungen (Anmeldungen)',
	'newsletter-service': 'Infobrief',
	gateway: 'Konto und Einladungen'
};

/** German names of the kinds of records (PersonalData.name() of the services). */
const DATENARTEN = {
	registrations: 'Anmeldungen',
	mails: 'E-Mails',
	steckbriefContacts: 'Steckbrief-Kontakte',
	subscribers: 'Abonnement',
	subscriptions: 'Abonnement',
	consents: 'Einwilligungen',
	consentHistory: 'Einwilligungsverlauf',
	deliveries: 'Versandnachweise',
	suppressions: 'Sperrliste',
	accounts: 'Konto',
	invitations: 'Einladungen',
	sessions: 'Sitzungen',
	infobriefDeliveries: 'Zugestellte Infobriefe',
	infobriefAuthorship: 'Angelegte Infobriefe'
};

const ZEITPUNKT = new Intl.DateTimeFormat('de-DE', {
	day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Berlin'
});

/** The page's own checks before sending; only the text for a missing address differs per page. */
function eingabeFehler(email, art, ohneAdresse) {
	const fehler = [];
	if (!email) {
		fehler.push({ field: 'email', message: ohneAdresse });
	}
	else if (!/^[^\s@]+@[^\s@]+$/.test(email)) {
		fehler.push({ field: 'email', message: 'Das sieht nicht wie eine E-Mail-Adresse aus. Bitte prüfen Sie die Schreibweise (zum Beispiel name@beispiel.de).' });
	}
	if (!art) {
		fehler.push({ field: 'kind', message: 'Bitte wählen Sie Auskunft oder Löschung.' });
	}
	return fehler;
}

// ---- Progress -------------------------------------------------------------------------

function zustandText(part) {
	switch (part.status) {
		case 'DONE': return 'erledigt';
		case 'NOTHING_FOUND': return 'keine Daten';
		case 'PENDING': return 'ausstehend';
		default: return part.status || 'ausstehend';
	}
}

function anzahlen(part) {
	return Object.entries(part.records || {})
		.filter(([, count]) => Number(count) > 0)
		.map(([name, count]) => `${DATENARTEN[name] || name}: ${count}`)
		.join(', ');
}

/** One line of the progress list: the service, what it found and how far it is. */
function fortschrittZeile(part) {
	const li = element('li', null, { 'data-dienst': part.service, 'data-zustand': part.status || 'PENDING' });
	const links = element('span', null, { class: 'person' });
	links.append(element('strong', DIENSTE[part.service] || part.title || part.service));
	const zahlen = anzahlen(part);
	if (zahlen) {
		links.append(element('span', zahlen));
	}
	li.append(links, element('span', zustandText(part), { class: 'zustand' }));
	return li;
}

/** Replaced only when something changed, so that a screen reader in the list keeps its place. */
function ersetzeZeilen(liste, zeilen) {
	const neu = zeilen.map((li) => li.outerHTML).join('');
	if (liste.innerHTML !== neu) {
		liste.replaceChildren(...zeilen);
	}
}

function inArbeitText(parts) {
	const fertig = parts.filter((part) => part.status === 'DONE' || part.status === 'NOTHING_FOUND').length;
	return `In Arbeit: ${fertig} von ${parts.length || '…'} Bereichen fertig`;
}

// ---- Polling --------------------------------------------------------------------------

/** One request is followed at a time: when polling started (for the slower pace) and the timer. */
const polling = { start: 0, timer: null };

/** Asks again after a pause: POLL_MS at first, POLL_LANGSAM_MS once it has taken long. */
function planePolling(naechster) {
	stoppePolling();
	if (!polling.start) {
		polling.start = Date.now();
	}
	const pause = Date.now() - polling.start > POLL_LANGSAM_NACH_MS ? POLL_LANGSAM_MS : POLL_MS;
	polling.timer = window.setTimeout(() => {
		polling.timer = null;
		naechster();
	}, pause);
}

function stoppePolling() {
	if (polling.timer) {
		window.clearTimeout(polling.timer);
		polling.timer = null;
	}
}

/** A different request is followed from now on: it starts again at the fast pace. */
function neuesPolling() {
	stoppePolling();
	polling.start = 0;
}
