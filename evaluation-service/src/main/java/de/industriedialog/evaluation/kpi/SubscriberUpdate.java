package de.industriedialog.evaluation.kpi;

import java.time.Instant;
import java.util.List;

/**
 * What one {@code Subscriber*} event changes. Unlike the registration events these are
 * not snapshots: each names only the fields it changes, so the fact is the fields of the
 * events applied in version order, each written as a {@code $set} of just those fields.
 */
record SubscriberUpdate(Kind kind, String subscriberId, List<String> audiences, List<String> states,
		Instant confirmedAt, Instant unsubscribedAt, String reason, long version) {

	/**
	 * The fact after this update, given the fact before ({@code null}: not known yet).
	 */
	SubscriberFact applyTo(SubscriberFact before) {
		SubscriberFact b = (before != null) ? before : SubscriberFact.unknown(this.subscriberId);
		return switch (this.kind) {
			case CONFIRMED -> new SubscriberFact(this.subscriberId, true, this.audiences, this.states, this.confirmedAt,
					null, null, this.version);
			case PREFERENCES_CHANGED -> new SubscriberFact(this.subscriberId, b.active(), this.audiences, this.states,
					b.confirmedAt(), b.unsubscribedAt(), b.reason(), this.version);
			case UNSUBSCRIBED -> new SubscriberFact(this.subscriberId, false, b.audiences(), b.states(),
					b.confirmedAt(), this.unsubscribedAt, this.reason, this.version);
		};
	}

	enum Kind {

		/** Active with these audiences and states; a former unsubscription is over. */
		CONFIRMED,

		/** New audiences and states; nothing else changes. */
		PREFERENCES_CHANGED,

		/** Inactive for this reason; audiences and states stay as they were. */
		UNSUBSCRIBED

	}

}
