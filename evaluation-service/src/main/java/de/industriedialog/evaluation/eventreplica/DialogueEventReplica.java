package de.industriedialog.evaluation.eventreplica;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What this service knows about a dialogue event, kept from {@code dialog.events.v1}: who
 * organises it (for the organiser's rights on its questionnaire and results) and what the
 * feedback form shows about it.
 *
 * @param status PLANNED, OPEN, CLOSED, HELD or CANCELLED (kept as text: a new state must
 * not break the consumer)
 */
@Document(DialogueEventReplica.COLLECTION)
public record DialogueEventReplica(@Id String eventId, String initiativeId, String title, Instant start, Instant end,
		String format, String city, String state, String status, long version, List<String> appliedEventIds) {

	static final String COLLECTION = "event_replicas";

	/** Where the events take place; times are shown in this zone. */
	public static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	public boolean cancelled() {
		return "CANCELLED".equals(this.status);
	}

	public OffsetDateTime startInBerlin() {
		return (this.start != null) ? this.start.atZone(BERLIN).toOffsetDateTime() : null;
	}

}
