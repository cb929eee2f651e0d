// Calls the API through the gateway with the session and the CSRF token, and turns
// problem details into German messages a person can act on.
function csrfToken() {
	const cookie = document.cookie.split('; ').find((entry) => entry.startsWith('XSRF-TOKEN='));
	return cookie ? decodeURIComponent(cookie.substring('XSRF-TOKEN='.length)) : '';
}

async function api(path, options = {}) {
	const headers = { Accept: 'application/json', 'X-XSRF-TOKEN': csrfToken() };
	if (options.body !== undefined) {
		headers['Content-Type'] = 'application/json';
	}
	const response = await fetch(path, {
		method: options.method || 'GET',
		headers,
		body: options.body !== undefined ? JSON.stringify(options.body) : undefined
	});
	const text = await response.text();
	const body = text ? JSON.parse(text) : null;
	return { ok: response.ok, status: response.status, body };
}

function problemText(result) {
	const body = result.body || {};
	const fields = (body.errors || []).map((error) => `${error.field}: ${error.message}`).join(' ');
	return `${body.detail || 'Das hat nicht geklappt.'} ${fields}`.trim();
}

function element(tag, text, attributes = {}) {
	const node = document.createElement(tag);
	if (text !== undefined && text !== null) {
		node.textContent = text;
	}
	Object.entries(attributes).forEach(([name, value]) => node.setAttribute(name, value));
	return node;
}
