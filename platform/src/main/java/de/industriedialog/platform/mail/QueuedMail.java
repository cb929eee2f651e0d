package de.industriedialog.platform.mail;

import java.time.Instant;

/**
 * A mail in the queue as staff see it: what it is, where it stands, why it is stuck. The
 * address is shown while the mail is not sent (so staff can reach the person another
 * way); a sent mail keeps no address or body.
 *
 * @param key the mail's key ({@link OutgoingMail#key()})
 * @param type what kind of mail
 * @param reference what it belongs to, e.g. the registration id
 * @param status where it stands
 * @param to the address, {@code null} once sent
 * @param subject the subject
 * @param attempts how often sending was tried
 * @param queuedAt when it was queued
 * @param nextAttemptAt when it is tried next (pending mails)
 * @param sentAt when the mail server took it
 * @param lastError the mail server's last answer or the connection problem
 * @param messageId the {@code Message-ID} header it is sent with
 */
public record QueuedMail(String key, String type, String reference, Status status, String to, String subject,
		int attempts, Instant queuedAt, Instant nextAttemptAt, Instant sentAt, String lastError, String messageId) {

	/** Where a queued mail stands. */
	public enum Status {

		/** Not sent yet; tried (again) at {@code nextAttemptAt}. */
		PENDING,
		/** Taken by the mail server. */
		SENT,
		/**
		 * Refused for good (e.g. the address does not exist) or given up; never retried.
		 */
		FAILED

	}

}
