package de.industriedialog.evaluation.questionnaire;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A shared feedback link of an event, for audiences without registration (QR code on a
 * slide). Only the SHA-256 of its token is stored.
 */
@Document(EventLink.COLLECTION)
public record EventLink(@Id String tokenHash, String eventId, boolean enabled, Instant createdAt) {

	static final String COLLECTION = "event_links";

}
