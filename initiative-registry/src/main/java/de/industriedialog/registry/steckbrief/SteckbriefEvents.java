package de.industriedialog.registry.steckbrief;

import java.time.Instant;
import java.util.List;

import de.industriedialog.contracts.Topics;
import de.industriedialog.platform.messaging.OutboxEvent;
import de.industriedialog.platform.messaging.OutboxEvents;

import org.springframework.stereotype.Component;

/**
 * Turns changes of a Steckbrief into events on {@value Topics#INITIATIVES_V1}. The
 * payload records here are this service's own; the JSON Schemas in {@code contracts/} are
 * the contract. The contact person is deliberately missing from every payload: it is not
 * public.
 */
@Component
class SteckbriefEvents {

	private final OutboxEvents outboxEvents;

	SteckbriefEvents(OutboxEvents outboxEvents) {
		this.outboxEvents = outboxEvents;
	}

	OutboxEvent published(Steckbrief steckbrief, Instant when) {
		return this.outboxEvents.create(Topics.INITIATIVES_V1, "SteckbriefPublished", steckbrief.id(),
				snapshot(steckbrief, when), when);
	}

	OutboxEvent updated(Steckbrief steckbrief, Instant when) {
		return this.outboxEvents.create(Topics.INITIATIVES_V1, "SteckbriefUpdated", steckbrief.id(),
				snapshot(steckbrief, when), when);
	}

	OutboxEvent withdrawn(Steckbrief steckbrief, String reason, Instant when) {
		return this.outboxEvents.create(Topics.INITIATIVES_V1, "SteckbriefWithdrawn", steckbrief.id(),
				new SteckbriefWithdrawn(steckbrief.id(), steckbrief.nextEventVersion(), when, reason), when);
	}

	/**
	 * The public content of a Steckbrief without version and time: two equal fingerprints
	 * mean consumers would see no difference, so no {@code SteckbriefUpdated} is needed.
	 */
	static SteckbriefSnapshot publicContent(Steckbrief steckbrief) {
		return snapshot(steckbrief, 0, null);
	}

	private static SteckbriefSnapshot snapshot(Steckbrief steckbrief, Instant when) {
		return snapshot(steckbrief, steckbrief.nextEventVersion(), when);
	}

	private static SteckbriefSnapshot snapshot(Steckbrief steckbrief, long version, Instant when) {
		return new SteckbriefSnapshot(steckbrief.id(), steckbrief.name(), steckbrief.level(), steckbrief.type(),
				steckbrief.state(), steckbrief.city(), steckbrief.website(), steckbrief.foundingYear(),
				steckbrief.actorGroups().stream().sorted().toList(), steckbrief.composition(), steckbrief.isBuendnis(),
				steckbrief.founderGroups().stream().sorted().toList(), steckbrief.legalForm(), steckbrief.office(),
				steckbrief.goalCategories().stream().sorted().toList(), steckbrief.activities(), steckbrief.financing(),
				steckbrief.linkedInitiativeIds(), steckbrief.coordinates(), steckbrief.importedFrom(), version, when);
	}

	/** Payload of {@code SteckbriefPublished} and {@code SteckbriefUpdated}. */
	record SteckbriefSnapshot(String initiativeId, String name, Level level, InitiativeType type, String state,
			String city, String website, Integer foundingYear, List<ActorGroup> actorGroups, Composition composition,
			boolean buendnis, List<ActorGroup> founderGroups, String legalForm, String office,
			List<GoalCategory> goalCategories, List<String> activities, String financing,
			List<String> linkedInitiativeIds, Coordinates coordinates, String importedFrom, long version,
			Instant occurredAt) {
	}

	/** Payload of {@code SteckbriefWithdrawn}. */
	record SteckbriefWithdrawn(String initiativeId, long version, Instant occurredAt, String reason) {
	}

}
