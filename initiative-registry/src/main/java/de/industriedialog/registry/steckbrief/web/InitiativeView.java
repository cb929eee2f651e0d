package de.industriedialog.registry.steckbrief.web;

import java.time.Instant;
import java.util.List;

import de.industriedialog.registry.steckbrief.ActorGroup;
import de.industriedialog.registry.steckbrief.Composition;
import de.industriedialog.registry.steckbrief.Coordinates;
import de.industriedialog.registry.steckbrief.GoalCategory;
import de.industriedialog.registry.steckbrief.InitiativeType;
import de.industriedialog.registry.steckbrief.Level;
import de.industriedialog.registry.steckbrief.Steckbrief;

/** A published Steckbrief as the public API shows it: without the contact person. */
record InitiativeView(String id, String name, Level level, InitiativeType type, String state, String city,
		String website, Integer foundingYear, String legalForm, String office, List<ActorGroup> actorGroups,
		List<ActorGroup> founderGroups, Composition composition, boolean buendnis, List<GoalCategory> goalCategories,
		List<String> activities, String financing, List<String> linkedInitiativeIds, Coordinates coordinates,
		Instant publishedAt) {

	static InitiativeView of(Steckbrief steckbrief) {
		return new InitiativeView(steckbrief.id(), steckbrief.name(), steckbrief.level(), steckbrief.type(),
				steckbrief.state(), steckbrief.city(), steckbrief.website(), steckbrief.foundingYear(),
				steckbrief.legalForm(), steckbrief.office(), steckbrief.actorGroups().stream().sorted().toList(),
				steckbrief.founderGroups().stream().sorted().toList(), steckbrief.composition(),
				steckbrief.isBuendnis(), steckbrief.goalCategories().stream().sorted().toList(),
				steckbrief.activities(), steckbrief.financing(), steckbrief.linkedInitiativeIds(),
				steckbrief.coordinates(), steckbrief.publishedAt());
	}

}
