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

/** A published Steckbrief as the public API shows it. */
record InitiativeView(String id, String name, Level level, InitiativeType type, String state, String city,
		String website, Integer foundingYear, List<ActorGroup> actorGroups, Composition composition, boolean buendnis,
		List<GoalCategory> goalCategories, Coordinates coordinates, Instant publishedAt) {

	static InitiativeView of(Steckbrief steckbrief) {
		Composition composition = steckbrief.composition();
		return new InitiativeView(steckbrief.id(), steckbrief.name(), steckbrief.level(), steckbrief.type(),
				steckbrief.state(), steckbrief.city(), steckbrief.website(), steckbrief.foundingYear(),
				steckbrief.actorGroups().stream().sorted().toList(), composition,
				composition != null && composition.isBuendnis(), steckbrief.goalCategories().stream().sorted().toList(),
				steckbrief.coordinates(), steckbrief.publishedAt());
	}

}
