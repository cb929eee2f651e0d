package de.industriedialog.evaluation.feedback;

/**
 * Why a participant cannot answer, with the German text they see. Addressed with "du":
 * many participants are pupils.
 */
public enum Refusal {

	UNKNOWN_TOKEN("Link ungültig",
			"Dieser Link ist ungültig. Bitte prüfe, ob du ihn vollständig aus der E-Mail übernommen hast."),

	TOKEN_USED("Schon abgeschickt",
			"Mit diesem Link wurde schon ein Bogen abgeschickt. Jeder Link gilt nur einmal – danke für deine Rückmeldung!"),

	TOKEN_REVOKED("Link nicht mehr gültig",
			"Dieser Link gilt nicht mehr, weil dein Einlass bei der Veranstaltung zurückgenommen wurde. "
					+ "Falls das ein Irrtum ist, melde dich bitte bei den Veranstaltern."),

	UNKNOWN_LINK("Link ungültig",
			"Dieser Link ist ungültig. Bitte prüfe, ob du ihn vollständig übernommen hast, "
					+ "oder scanne den QR-Code noch einmal."),

	LINK_DISABLED("Befragung beendet",
			"Über diesen Link kann kein Bogen mehr abgeschickt werden: die Veranstalter haben ihn abgeschaltet."),

	EVENT_CANCELLED("Veranstaltung abgesagt", "Diese Veranstaltung wurde abgesagt, deshalb gibt es keinen Bogen dazu."),

	DEVICE_USED("Schon abgeschickt",
			"Von diesem Gerät wurde für diese Veranstaltung schon ein Bogen abgeschickt. "
					+ "Jede Person antwortet nur einmal – danke für deine Rückmeldung!"),

	QUESTIONS_CHANGED("Fragen geändert",
			"Die Veranstalter haben die Fragen gerade geändert. "
					+ "Bitte lade die Seite neu und schicke den Bogen dann noch einmal ab."),

	LINK_FULL("Keine weiteren Bögen",
			"Über den Link dieser Veranstaltung sind schon sehr viele Bögen eingegangen; weitere nehmen wir "
					+ "darüber nicht an. Wenn du eine Einladung per E-Mail bekommen hast, antworte bitte über den Link "
					+ "darin."),

	TOO_MANY_SUBMISSIONS("Zu viele Bögen", "Aus deinem Netz kamen in kurzer Zeit sehr viele Bögen zu dieser "
			+ "Veranstaltung. Bitte warte ein paar Minuten und schicke deinen Bogen dann noch einmal ab.");

	private final String title;

	private final String detail;

	Refusal(String title, String detail) {
		this.title = title;
		this.detail = detail;
	}

	public String title() {
		return this.title;
	}

	public String detail() {
		return this.detail;
	}

}
