package de.industriedialog.newsletter.subscriber;

/** Where a subscription stands; stored and sent by name. */
public enum SubscriberStatus {

	/** Asked for the Infobrief, has not used the confirmation link yet: never mailed. */
	PENDING("Unbestätigt"),

	/** Confirmed the double opt-in: receives the Infobrief unless suppressed. */
	CONFIRMED("Angemeldet"),

	/** Unsubscribed or bounced: receives nothing until a new double opt-in. */
	UNSUBSCRIBED("Abgemeldet");

	private final String label;

	SubscriberStatus(String label) {
		this.label = label;
	}

	public String label() {
		return this.label;
	}

}
