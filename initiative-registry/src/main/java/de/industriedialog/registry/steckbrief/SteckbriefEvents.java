package de.industriedialog.registry.steckbrief;

import java.time.Instant;
import java.util.List;

import de.industriedialog.platform.messaging.OutboxEvent;
import de.industriedialog.platform.messaging.OutboxEvents;

import org.springframework.stereotype.Component;

/**
 * Turns changes of a Steckbrief into events on {@value #TOPIC}. The payload records here
 * are this service's own; the JSON Schemas in {@code contracts/} are the contract.
 */
@Component
class SteckbriefEvents {

	static final String TOPIC = "dialog.initiatives.v1";

	private final OutboxEvents outboxEvents;

	SteckbriefEvents(OutboxEvents outboxEvents) {
		this.outboxEvents = outboxEvents;
	}

	OutboxEvent published(Steckbrief steckbrief, Instant when) {
		return this.outboxEvents.create(TOPIC, "SteckbriefPublished", steckbrief.id(), snapshot(steckbrief, when),
				when);
	}

	private static SteckbriefSnapshot snapshot(Steckbrief steckbrief, Instant when) {
		return new SteckbriefSnapshot(steckbrief.id(), steckbrief.name(), steckbrief.level(), steckbrief.type(),
				steckbrief.state(), steckbrief.city(), steckbrief.website(), steckbrief.foundingYear(),
				steckbrief.actorGroups().stream().sorted().toList(), steckbrief.composition(),
				steckbrief.goalCategories().stream().sorted().toList(), steckbrief.coordinates(),
				steckbrief.nextEventVersion(), when);
	}

	/** Payload of {@code SteckbriefPublished} and {@code SteckbriefUpdated}. */
	record SteckbriefSnapshot(String initiativeId, String name, Level level, InitiativeType type, String state,
			String city, String website, Integer foundingYear, List<ActorGroup> actorGroups, Composition composition,
			List<GoalCategory> goalCategories, Coordinates coordinates, long version, Instant occurredAt) {
	}

}
