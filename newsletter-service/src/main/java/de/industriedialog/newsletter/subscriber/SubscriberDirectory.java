package de.industriedialog.newsletter.subscriber;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the Infobrief needs to know about subscribers: who is in a segment and may be
 * mailed, and where a permanent delivery failure is recorded.
 */
public interface SubscriberDirectory {

	/**
	 * @return the confirmed subscribers of the segment whose address is not suppressed,
	 * ordered by id
	 */
	List<Recipient> recipients(Segment segment);

	/** The number of {@link #recipients(Segment)}. */
	long count(Segment segment);

	/** Whether the address must not be mailed (unsubscribed, bounced, complained). */
	boolean isSuppressed(String email);

	/**
	 * A permanent delivery failure: the address is suppressed, the subscription ends, and
	 * {@code SubscriberUnsubscribed} (reason BOUNCED) is published.
	 */
	void recordBounce(String email, String detail);

	/**
	 * The subscriber, if still confirmed and not suppressed (checked right before a mail
	 * goes out).
	 */
	Optional<Recipient> confirmed(String subscriberId);

	/**
	 * Those of the addresses that must not be mailed any more: checked for a whole batch
	 * of an Infobrief right before it goes out. Unsubscribing and bouncing both suppress
	 * the address, so this also catches a subscriber who left since the send started.
	 * @return the suppressed ones, lower-cased
	 */
	Set<String> suppressedAmong(Collection<String> emails);

}
