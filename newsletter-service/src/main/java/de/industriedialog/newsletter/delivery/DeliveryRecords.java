package de.industriedialog.newsletter.delivery;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bson.Document;

import org.springframework.stereotype.Component;

/**
 * The delivery records that hold a copy of a person's address, found by its subject key,
 * for access and erasure requests (docs/adr/0015).
 */
@Component
public class DeliveryRecords {

	private final DeliveryStore store;

	private final IssueContent content;

	DeliveryRecords(DeliveryStore store, IssueContent content) {
		this.store = store;
		this.content = content;
	}

	public List<Delivered> ofSubject(String subjectKey) {
		return this.store.ofSubject(subjectKey).stream().map(this::delivered).toList();
	}

	public int countOfSubject(String subjectKey) {
		return Math.toIntExact(this.store.countOfSubject(subjectKey));
	}

	/**
	 * Drops the address copies; the states and so the counts of the send reports stay.
	 * @return how many deliveries held the address
	 */
	public int erase(String subjectKey) {
		return Math.toIntExact(this.store.eraseSubject(subjectKey));
	}

	/** Once at startup, for deliveries recorded before subject keys existed. */
	public long backfillSubjectKeys() {
		return this.store.backfillSubjectKeys();
	}

	private Delivered delivered(Document delivery) {
		String issueId = delivery.getString("issueId");
		return new Delivered(issueId, this.content.subject(issueId).orElse(null), delivery.getString("state"),
				instant(delivery.getDate("sentAt")), ((Number) delivery.getOrDefault("attempts", 0)).intValue(),
				delivery.getString("email"), delivery.getString("lastError"));
	}

	private static Instant instant(Date date) {
		return (date != null) ? date.toInstant() : null;
	}

	/**
	 * One Infobrief delivered (or meant) to the person.
	 *
	 * @param issueId the Infobrief
	 * @param subject its subject line
	 * @param state {@code PENDING}, {@code SENDING}, {@code SENT}, {@code FAILED} or
	 * {@code SKIPPED}
	 * @param sentAt when the mail server accepted it
	 * @param attempts how often it was handed to the mail server
	 * @param email the address copy it went to
	 * @param error the last reply of the mail server, if it refused
	 */
	public record Delivered(String issueId, String subject, String state, Instant sentAt, int attempts, String email,
			String error) {
	}

}
