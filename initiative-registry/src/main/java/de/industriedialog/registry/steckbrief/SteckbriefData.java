package de.industriedialog.registry.steckbrief;

import java.util.List;
import java.util.Set;

/**
 * The editable content of a Steckbrief, already validated for form by the web layer.
 * Composition and the Bündnis flag are not here on purpose: they are derived from the
 * actor groups.
 *
 * @param founderGroups the actor groups among the founders, a subset of
 * {@code actorGroups}
 */
public record SteckbriefData(String name, String website, Contact contact, String state, String city,
		Coordinates coordinates, Level level, InitiativeType type, Integer foundingYear, String legalForm,
		String office, Set<ActorGroup> actorGroups, Set<ActorGroup> founderGroups, Set<GoalCategory> goalCategories,
		List<String> activities, String financing, List<String> linkedInitiativeIds) {

	public SteckbriefData {
		actorGroups = (actorGroups != null) ? Set.copyOf(actorGroups) : Set.of();
		founderGroups = (founderGroups != null) ? Set.copyOf(founderGroups) : Set.of();
		goalCategories = (goalCategories != null) ? Set.copyOf(goalCategories) : Set.of();
		activities = (activities != null) ? List.copyOf(activities) : List.of();
		linkedInitiativeIds = (linkedInitiativeIds != null) ? List.copyOf(linkedInitiativeIds) : List.of();
	}

}
