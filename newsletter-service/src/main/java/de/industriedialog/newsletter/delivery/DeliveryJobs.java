package de.industriedialog.newsletter.delivery;

import java.util.Optional;

import de.industriedialog.newsletter.subscriber.Segment;

/**
 * Starts the send of an Infobrief and tells how far it is (implemented in this package).
 */
public interface DeliveryJobs {

	/**
	 * Records one delivery per recipient of the segment and starts sending. Idempotent: a
	 * second call for the same issue changes nothing and returns the progress.
	 */
	SendProgress start(String issueId, Segment segment);

	Optional<SendProgress> progress(String issueId);

	/**
	 * Mails the issue once to one address (the test send to oneself), exactly as a
	 * recipient would get it, subject prefixed „[Test] ". Not recorded as a delivery.
	 */
	void sendTest(String issueId, String to);

}
