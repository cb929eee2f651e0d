package de.industriedialog.events.dialogueevent;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import de.industriedialog.contracts.Topics;
import de.industriedialog.platform.messaging.OutboxEvent;
import de.industriedialog.platform.messaging.OutboxEvents;

import org.springframework.stereotype.Component;

/**
 * Turns changes of a dialogue event into events on {@value Topics#EVENTS_V1}, key = event
 * id. Every type carries the full public snapshot, so consumers (evaluation, newsletter)
 * never need to ask this service. The payload record is this service's own; the JSON
 * Schemas in {@code contracts/} are the contract.
 */
@Component
class DialogueEventMessages {

	static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	private final OutboxEvents outboxEvents;

	DialogueEventMessages(OutboxEvents outboxEvents) {
		this.outboxEvents = outboxEvents;
	}

	OutboxEvent scheduled(DialogueEvent event, Instant when) {
		return create("DialogueEventScheduled", event, when);
	}

	OutboxEvent updated(DialogueEvent event, Instant when) {
		return create("DialogueEventUpdated", event, when);
	}

	OutboxEvent cancelled(DialogueEvent event, Instant when) {
		return create("DialogueEventCancelled", event, when);
	}

	OutboxEvent held(DialogueEvent event, Instant when) {
		return create("DialogueEventHeld", event, when);
	}

	private OutboxEvent create(String type, DialogueEvent event, Instant when) {
		return this.outboxEvents.create(Topics.EVENTS_V1, type, event.id(), snapshot(event, when), when);
	}

	private static DialogueEventSnapshot snapshot(DialogueEvent event, Instant when) {
		return new DialogueEventSnapshot(event.id(), event.initiativeId(), event.title(), event.description(),
				event.format(), berlin(event.start()), berlin(event.end()), BERLIN.getId(), event.venue(), event.city(),
				event.state(), event.capacity(), event.targetGroups(), berlin(event.registrationOpens()),
				berlin(event.registrationCloses()), event.campaignSupported(), event.status(), event.nextEventVersion(),
				when);
	}

	private static OffsetDateTime berlin(Instant instant) {
		return (instant != null) ? instant.atZone(BERLIN).toOffsetDateTime() : null;
	}

	/** Payload of all four event types on {@value Topics#EVENTS_V1}. */
	record DialogueEventSnapshot(String eventId, String initiativeId, String title, String description, String format,
			OffsetDateTime start, OffsetDateTime end, String timeZone, String venue, String city, String state,
			int capacity, List<TargetGroup> targetGroups, OffsetDateTime registrationOpens,
			OffsetDateTime registrationCloses, boolean campaignSupported, EventStatus status, long version,
			Instant occurredAt) {
	}

}
