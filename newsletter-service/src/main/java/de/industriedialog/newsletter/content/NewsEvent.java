package de.industriedialog.newsletter.content;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The latest snapshot of a dialogue event, kept from {@code dialog.events.v1}. Cancelled
 * events stay, with their status, so a late older snapshot cannot bring them back.
 *
 * @param status PLANNED, OPEN, CLOSED, HELD or CANCELLED (kept as text: a new state must
 * not break the consumer)
 */
@Document(NewsEvent.COLLECTION)
record NewsEvent(@Id String eventId, String initiativeId, String title, String format, Instant start, Instant end,
		String city, String state, String status, long version) {

	static final String COLLECTION = "news_events";

	static final String HELD = "HELD";

	static final String CANCELLED = "CANCELLED";

}
