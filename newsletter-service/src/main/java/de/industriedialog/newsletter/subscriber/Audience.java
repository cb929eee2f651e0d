package de.industriedialog.newsletter.subscriber;

/** Who a subscriber is, as the campaign addresses its distribution list (study VI.3). */
public enum Audience {

	INITIATIVE_REPRESENTATIVE("Vertreter:in einer Initiative"), ALLIANCE_PARTNER("Bündnispartner"),
	COMPANY("Unternehmen"), ASSOCIATION("Verband"), UNION("Gewerkschaft"), PUBLIC("Interessierte Öffentlichkeit");

	private final String label;

	Audience(String label) {
		this.label = label;
	}

	/** German label for pages and mails. */
	public String label() {
		return this.label;
	}

}
