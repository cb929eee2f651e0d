package de.industriedialog.newsletter.subscriber;

import java.time.Instant;

/**
 * One entry of a subscriber's consent history: the proof, kept with the subscriber, of
 * when the person asked for the Infobrief, confirmed it, changed it and ended it.
 *
 * @param action {@code REQUESTED}, {@code CONFIRMED}, {@code PREFERENCES_CHANGED},
 * {@code UNSUBSCRIBED} or {@code RESUBSCRIBED}
 * @param at when
 * @param textVersion the version of the consent text shown, for requests and
 * confirmations
 * @param source where it happened, e.g. {@code website}, {@code preference-page},
 * {@code staff}, {@code bounce}
 * @param channel how an unsubscription came in ({@code ONE_CLICK},
 * {@code PREFERENCE_PAGE}, {@code STAFF}, {@code BOUNCE}), else {@code null}
 */
public record Consent(String action, Instant at, String textVersion, String source, String channel) {

	public static final String REQUESTED = "REQUESTED";

	public static final String CONFIRMED = "CONFIRMED";

	public static final String PREFERENCES_CHANGED = "PREFERENCES_CHANGED";

	public static final String UNSUBSCRIBED = "UNSUBSCRIBED";

	public static final String RESUBSCRIBED = "RESUBSCRIBED";

	org.bson.Document toDocument() {
		return new org.bson.Document("action", this.action).append("at", java.util.Date.from(this.at))
			.append("textVersion", this.textVersion)
			.append("source", this.source)
			.append("channel", this.channel);
	}

}
