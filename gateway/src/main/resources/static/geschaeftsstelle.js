// The network office: review queue with publish/rework, new drafts, invitations.
const message = document.getElementById('meldung');

function say(text) {
	message.textContent = text;
}

async function act(id, action, done) {
	const result = await api(`/api/initiatives/${encodeURIComponent(id)}/${action}`, { method: 'POST' });
	say(result.ok ? done : problemText(result));
	await Promise.all([showQueue(), showPublished()]);
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

async function showPublished() {
	const result = await api('/api/initiatives?size=100');
	if (!result.ok) {
		return;
	}
	const initiatives = result.body.content;
	document.getElementById('einladung-initiative')
		.replaceChildren(...initiatives.map((initiative) => element('option', initiative.name, { value: initiative.id })));
	document.getElementById('veroeffentlichte').replaceChildren(...initiatives.map((initiative) => {
		const item = element('li', initiative.name);
		const withdraw = element('button', 'Zurückziehen', { type: 'button' });
		withdraw.addEventListener('click', async () => {
			if (!window.confirm(`„${initiative.name}“ wirklich zurückziehen? Der Steckbrief ist dann nicht mehr öffentlich.`)) {
				return;
			}
			const done = await api(`/api/initiatives/${encodeURIComponent(initiative.id)}/withdraw`, { method: 'POST', body: {} });
			say(done.ok ? `„${initiative.name}“ ist zurückgezogen.` : problemText(done));
			await showPublished();
		});
		item.append(' ', withdraw);
		return item;
	}));
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
showPublished();
