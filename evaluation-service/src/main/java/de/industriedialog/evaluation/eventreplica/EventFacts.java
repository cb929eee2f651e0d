package de.industriedialog.evaluation.eventreplica;

import java.time.OffsetDateTime;

/**
 * The fields of {@code DialogueEventScheduled/Updated/Held/Cancelled} this service reads
 * (tolerant reader: the events are full snapshots, everything else is ignored).
 */
record EventFacts(String eventId, String initiativeId, String title, OffsetDateTime start, OffsetDateTime end,
		String format, String city, String state, String status, Long version) {

}
