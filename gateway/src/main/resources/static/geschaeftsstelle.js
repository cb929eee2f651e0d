// The network office: review queue with publish/rework, new drafts, invitations.
const message = document.getElementById('meldung');

function say(text) {
	message.textContent = text;
}

async function act(id, action, done) {
	const result = await api(`/api/initiatives/${encodeURIComponent(id)}/${action}`, { method: 'POST' });
	say(result.ok ? done : problemText(result));
	await showQueue();
}

function actionItem(details, buttons) {
	const item = element('li');
	item.append(element('span', `${details.profile.name} (${details.status})`));
	for (const [label, handler] of buttons) {
		const button = element('button', label, { type: 'button' });
		button.addEventListener('click', handler);
		item.append(' ', button);
	}
	return item;
}

async function showQueue() {
	const result = await api('/api/initiatives/review-queue');
	if (!result.ok) {
		say(result.status === 401 || result.status === 403
			? 'Bitte melden Sie sich mit einem Konto der Geschäftsstelle an.' : problemText(result));
		return;
	}
	const list = document.getElementById('warteschlange');
	list.replaceChildren(...result.body.map((details) => actionItem(details, [
		['Veröffentlichen', () => act(details.profile.id, 'publish', `„${details.profile.name}“ ist veröffentlicht.`)],
		['Zur Überarbeitung', () => act(details.profile.id, 'rework', `„${details.profile.name}“ geht zurück an die Initiative.`)]
	])));
	document.getElementById('leer').hidden = result.body.length > 0;
}

async function showInitiativesForInvitation() {
	const result = await api('/api/initiatives?size=100');
	const select = document.getElementById('einladung-initiative');
	if (result.ok) {
		select.replaceChildren(...result.body.content.map((initiative) => element('option', initiative.name, { value: initiative.id })));
	}
}

document.getElementById('anlegen').addEventListener('submit', async (event) => {
	event.preventDefault();
	const value = (id) => document.getElementById(id).value.trim();
	const body = { name: value('name'), level: value('ebene'), type: value('typ'), state: value('land') || null, city: value('ort') || null };
	if (value('breite') && value('laenge')) {
		body.coordinates = { lat: Number(value('breite')), lon: Number(value('laenge')) };
	}
	const result = await api('/api/initiatives', { method: 'POST', body });
	if (!result.ok) {
		say(problemText(result));
		return;
	}
	const details = result.body;
	say(`Entwurf „${details.profile.name}“ angelegt.`);
	document.getElementById('entwuerfe').append(actionItem(details, [
		['Zur Prüfung einreichen', () => act(details.profile.id, 'submit', `„${details.profile.name}“ wartet auf Prüfung.`)]
	]));
});

document.getElementById('einladung').addEventListener('submit', async (event) => {
	event.preventDefault();
	const result = await api('/account/invitations', {
		method: 'POST',
		body: { email: document.getElementById('einladung-email').value.trim(), initiativeId: document.getElementById('einladung-initiative').value }
	});
	say(result.ok ? `Die Einladung an ${result.body.email} ist verschickt.` : problemText(result));
});

document.getElementById('abmelden').addEventListener('click', async (event) => {
	event.preventDefault();
	await fetch('/logout', { method: 'POST', headers: { 'X-XSRF-TOKEN': csrfToken() } });
	window.location.assign('/login?logout');
});

showQueue();
showInitiativesForInvitation();
