package de.industriedialog.events.dialogueevent.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import de.industriedialog.events.dialogueevent.DialogueEvent;
import de.industriedialog.events.dialogueevent.EventStatus;
import de.industriedialog.events.dialogueevent.TargetGroup;

/**
 * A dialogue event as the public API shows it: times in Europe/Berlin, where the events
 * take place, whatever zone the client wrote them in.
 */
record EventView(String id, String initiativeId, String title, String description, String format, OffsetDateTime start,
		OffsetDateTime end, String timeZone, String venue, String city, String state, int capacity,
		List<TargetGroup> targetGroups, OffsetDateTime registrationOpens, OffsetDateTime registrationCloses,
		boolean campaignSupported, boolean recordedAfterwards, EventStatus status, long version) {

	static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	static EventView of(DialogueEvent event) {
		return new EventView(event.id(), event.initiativeId(), event.title(), event.description(), event.format(),
				berlin(event.start()), berlin(event.end()), BERLIN.getId(), event.venue(), event.city(), event.state(),
				event.capacity(), event.targetGroups(), berlin(event.registrationOpens()),
				berlin(event.registrationCloses()), event.campaignSupported(), event.recordedAfterwards(),
				event.status(), event.eventVersion());
	}

	private static OffsetDateTime berlin(Instant instant) {
		return (instant != null) ? instant.atZone(BERLIN).toOffsetDateTime() : null;
	}

}
