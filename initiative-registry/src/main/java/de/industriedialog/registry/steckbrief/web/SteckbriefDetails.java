package de.industriedialog.registry.steckbrief.web;

import java.time.Instant;
import java.util.List;

import de.industriedialog.registry.steckbrief.Contact;
import de.industriedialog.registry.steckbrief.Steckbrief;
import de.industriedialog.registry.steckbrief.SteckbriefStatus;
import de.industriedialog.registry.steckbrief.Transition;

/**
 * A Steckbrief as its own initiative and staff see it: the public profile plus the
 * contact, the workflow state with its history, and the version to send back with the
 * next edit.
 */
record SteckbriefDetails(InitiativeView profile, Contact contact, SteckbriefStatus status, List<Transition> transitions,
		long version, Instant createdAt, Instant updatedAt, Instant withdrawnAt, String withdrawalReason) {

	static SteckbriefDetails of(Steckbrief steckbrief) {
		return new SteckbriefDetails(InitiativeView.of(steckbrief), steckbrief.contact(), steckbrief.status(),
				steckbrief.transitions(), (steckbrief.version() != null) ? steckbrief.version() : 0,
				steckbrief.createdAt(), steckbrief.updatedAt(), steckbrief.withdrawnAt(),
				steckbrief.withdrawalReason());
	}

}
