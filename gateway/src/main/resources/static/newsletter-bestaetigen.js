// The link in the confirmation mail opens this page, which confirms at once by POST: one
// click for the person, while link scanners that only GET the page confirm nothing.
const token = parameter('token');
const meldung = document.getElementById('meldung');

function zustand(name, text, kind) {
	meldung.dataset.zustand = name;
	melde(meldung, text, kind);
}

async function bestaetige() {
	if (!token) {
		zustand('unvollstaendig', 'Dieser Link ist unvollständig. Öffne bitte den Link aus der E-Mail, die wir dir geschickt haben – am besten mit einem Klick darauf.', 'problem');
		document.getElementById('nochmal').hidden = false;
		return;
	}
	const result = await anfrage('/api/newsletter/subscriptions/confirm', { method: 'POST', body: { token } });
	if (result.ok && result.body) {
		document.getElementById('titel').textContent = 'Anmeldung bestätigt';
		zustand(result.body.alreadyConfirmed ? 'schon-bestaetigt' : 'bestaetigt',
			result.body.alreadyConfirmed
				? 'Deine Anmeldung war schon bestätigt. Du bekommst den Infobrief bereits – es ist alles in Ordnung.'
				: 'Danke! Deine Anmeldung zum Infobrief ist bestätigt.', 'erfolg');
		if (result.body.preferencesToken) {
			document.getElementById('einstellungen-link').href = `/newsletter-einstellungen.html?token=${encodeURIComponent(result.body.preferencesToken)}`;
		}
		else {
			document.getElementById('einstellungen-link').parentElement.hidden = true;
		}
		document.getElementById('bestaetigt').hidden = false;
		return;
	}
	if (result.status === 410) {
		document.getElementById('titel').textContent = 'Link abgelaufen';
		zustand('abgelaufen', `${detailText(result, 'Dieser Bestätigungslink ist abgelaufen.')} Melde dich einfach noch einmal an – du bekommst dann einen neuen Link.`, 'problem');
	}
	else if (result.status === 404) {
		document.getElementById('titel').textContent = 'Link unbekannt';
		zustand('unbekannt', 'Diesen Bestätigungslink kennen wir nicht. Vielleicht wurde er beim Kopieren abgeschnitten? Öffne ihn bitte direkt aus der E-Mail oder melde dich noch einmal an.', 'problem');
	}
	else {
		zustand('fehler', detailText(result), 'problem');
	}
	document.getElementById('nochmal').hidden = false;
	document.getElementById('titel').focus();
}

bestaetige();
