package de.industriedialog.events.registration.web;

import java.time.OffsetDateTime;
import java.time.ZoneId;

import de.industriedialog.events.dialogueevent.DialogueEvent;
import de.industriedialog.events.registration.ParticipantGroup;
import de.industriedialog.events.registration.Registration;
import de.industriedialog.events.registration.RegistrationStatus;

/**
 * What the personal registration page shows. No token in it: whoever sees this view
 * already holds the link.
 */
record RegistrationView(String id, EventSummary event, String name, String email, String organisation,
		ParticipantGroup participantGroup, RegistrationStatus status, String statusText, Long waitlistRank,
		boolean checkedIn, boolean cancellable, OffsetDateTime registeredAt) {

	static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	static RegistrationView of(Registration registration, DialogueEvent event, long waitlistRank, boolean cancellable) {
		return new RegistrationView(registration.id(), EventSummary.of(event), registration.name(),
				registration.email(), registration.organisation(), registration.participantGroup(),
				registration.status(), registration.status().germanName(), (waitlistRank > 0) ? waitlistRank : null,
				registration.checkedIn(), cancellable, registration.registeredAt().atZone(BERLIN).toOffsetDateTime());
	}

	record EventSummary(String id, String title, String format, OffsetDateTime start, OffsetDateTime end, String venue,
			String city, String state, String status) {

		static EventSummary of(DialogueEvent event) {
			return new EventSummary(event.id(), event.title(), event.format(),
					event.start().atZone(BERLIN).toOffsetDateTime(), event.end().atZone(BERLIN).toOffsetDateTime(),
					event.venue(), event.city(), event.state(), event.status().name());
		}

	}

}
