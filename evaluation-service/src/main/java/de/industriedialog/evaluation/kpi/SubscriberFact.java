package de.industriedialog.evaluation.kpi;

import java.time.Instant;
import java.util.List;

/**
 * One Infobrief subscriber as the {@code Subscriber*} events on
 * {@code dialog.newsletter.v1} leave it ({@code kpi_subscribers}). No address or name:
 * the topic carries none.
 *
 * @param active confirmed and not unsubscribed since
 * @param audiences audience codes, kept as text (unknown ones are tolerated)
 * @param states Bundesland codes; empty means interested in all of Germany (bundesweit)
 * @param confirmedAt the last confirmation, {@code null} if its event is not known
 * @param reason why the subscription ended (UNSUBSCRIBED, BOUNCED, COMPLAINT);
 * {@code null} while active
 */
record SubscriberFact(String subscriberId, boolean active, List<String> audiences, List<String> states,
		Instant confirmedAt, Instant unsubscribedAt, String reason, long version) {

	SubscriberFact {
		audiences = (audiences != null) ? List.copyOf(audiences) : List.of();
		states = (states != null) ? List.copyOf(states) : List.of();
	}

	static SubscriberFact unknown(String subscriberId) {
		return new SubscriberFact(subscriberId, false, List.of(), List.of(), null, null, null, 0);
	}

}
