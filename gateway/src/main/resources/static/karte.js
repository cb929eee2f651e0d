// Draws the Länder from the bundled SVG (no tile server, works offline) and places each
// published initiative at its seat. The SVG spans Germany's bounding box in Mercator.
const BOUNDS = { west: 5.866, east: 15.042, south: 47.270, north: 55.058 };
const VIEW = { width: 586, height: 793 };
const SVG_NS = 'http://www.w3.org/2000/svg';

function mercator(lat) {
	return Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
}

function project(lon, lat) {
	const x = ((lon - BOUNDS.west) / (BOUNDS.east - BOUNDS.west)) * VIEW.width;
	const top = mercator(BOUNDS.north);
	const y = ((top - mercator(lat)) / (top - mercator(BOUNDS.south))) * VIEW.height;
	return { x, y };
}

async function drawMap() {
	const status = document.getElementById('kartenstand');
	try {
		const [svgText, response] = await Promise.all([
			fetch('/germany.svg').then((r) => r.text()),
			fetch('/api/initiatives/map', { headers: { Accept: 'application/geo+json, application/json' } })
		]);
		if (!response.ok) {
			throw new Error((await response.json()).detail || response.statusText);
		}
		const geo = await response.json();
		const container = document.getElementById('karte');
		container.innerHTML = svgText;
		const svg = container.querySelector('svg');
		svg.removeAttribute('aria-label');
		svg.setAttribute('aria-hidden', 'true');
		svg.classList.add('laender');
		const list = document.getElementById('initiativen');
		list.replaceChildren();
		const features = [...geo.features].sort((a, b) => a.properties.name.localeCompare(b.properties.name, 'de'));
		for (const feature of features) {
			const [lon, lat] = feature.geometry.coordinates;
			const { x, y } = project(lon, lat);
			const link = document.createElementNS(SVG_NS, 'a');
			link.setAttribute('href', `/initiative.html?id=${encodeURIComponent(feature.properties.id)}`);
			link.setAttribute('class', 'marker');
			const dot = document.createElementNS(SVG_NS, 'circle');
			dot.setAttribute('cx', x.toFixed(1));
			dot.setAttribute('cy', y.toFixed(1));
			dot.setAttribute('r', '6');
			const title = document.createElementNS(SVG_NS, 'title');
			title.textContent = `${feature.properties.name} (${feature.properties.city || ''})`;
			dot.append(title);
			link.append(dot);
			svg.append(link);
			const item = document.createElement('li');
			const anchor = document.createElement('a');
			anchor.href = link.getAttribute('href');
			anchor.textContent = feature.properties.name;
			item.append(anchor);
			if (feature.properties.city) {
				item.append(` – ${feature.properties.city}`);
			}
			list.append(item);
		}
		status.textContent = `${features.length} Initiativen auf der Karte`;
	}
	catch (error) {
		status.textContent = `Die Karte ist gerade nicht verfügbar (${error.message}).`;
	}
}

drawMap();
