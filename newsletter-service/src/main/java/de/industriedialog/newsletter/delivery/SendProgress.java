package de.industriedialog.newsletter.delivery;

import java.time.Instant;

/**
 * Where a send stands.
 *
 * @param issueId the Infobrief
 * @param status {@code PREPARING} (recipients being recorded), {@code SENDING},
 * {@code DONE}
 * @param recipients deliveries recorded for the send
 * @param sent mails the server accepted
 * @param failed deliveries that failed for good
 * @param pending deliveries still to go (including retries waiting for their time)
 * @param startedAt when the send started
 * @param finishedAt when the last delivery became final, or {@code null}
 * @param mailsPerSecond sent mails per second since the start (or over the whole send)
 */
public record SendProgress(String issueId, String status, long recipients, long sent, long failed, long pending,
		Instant startedAt, Instant finishedAt, double mailsPerSecond) {
}
