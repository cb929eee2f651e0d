package de.industriedialog.events.registration;

import java.time.Instant;

import de.industriedialog.contracts.Topics;
import de.industriedialog.platform.messaging.OutboxEvent;
import de.industriedialog.platform.messaging.OutboxEvents;

import org.springframework.stereotype.Component;

/**
 * Turns registration changes into events on {@value Topics#REGISTRATIONS_V1}, key = event
 * id, so one event's registrations stay in order. Names and e-mail addresses stay here;
 * the JSON Schemas in {@code contracts/} are the contract.
 */
@Component
class RegistrationMessages {

	private final OutboxEvents outboxEvents;

	RegistrationMessages(OutboxEvents outboxEvents) {
		this.outboxEvents = outboxEvents;
	}

	OutboxEvent confirmed(Registration registration, Instant when) {
		return create("RegistrationConfirmed", registration,
				new Confirmed(registration.id(), registration.eventId(), registration.initiativeId(),
						registration.participantGroup(), RegistrationStatus.CONFIRMED, registration.version(), when,
						registration.registeredAt(), registration.representedInitiativeId()),
				when);
	}

	OutboxEvent waitlisted(Registration registration, Instant when) {
		return create("RegistrationWaitlisted", registration,
				new Waitlisted(registration.id(), registration.eventId(), registration.initiativeId(),
						registration.participantGroup(), RegistrationStatus.WAITLISTED, registration.version(), when,
						registration.registeredAt(), registration.waitlistPosition()),
				when);
	}

	/**
	 * @param version the version the registration has after the promotion
	 */
	OutboxEvent promoted(Registration registration, long version, Instant when) {
		return create("RegistrationPromoted", registration,
				new Registered(registration.id(), registration.eventId(), registration.initiativeId(),
						registration.participantGroup(), RegistrationStatus.CONFIRMED, version, when,
						registration.registeredAt()),
				when);
	}

	OutboxEvent cancelled(Registration registration, long version, CancelledBy by, Instant when) {
		return create("RegistrationCancelled", registration,
				new Cancelled(registration.id(), registration.eventId(), registration.initiativeId(),
						registration.participantGroup(), RegistrationStatus.CANCELLED, version, when,
						registration.status(), by),
				when);
	}

	OutboxEvent checkedIn(Registration registration, long version, String method, String feedbackTokenHash,
			Instant when) {
		return create("ParticipantCheckedIn", registration,
				new CheckedIn(registration.id(), registration.eventId(), registration.initiativeId(),
						registration.participantGroup(), RegistrationStatus.CONFIRMED, version, when, when, method,
						feedbackTokenHash, registration.representedInitiativeId()),
				when);
	}

	OutboxEvent checkInUndone(Registration registration, long version, String feedbackTokenHash, Instant when) {
		return create("ParticipantCheckInUndone", registration,
				new CheckInUndone(registration.id(), registration.eventId(), registration.initiativeId(),
						registration.participantGroup(), RegistrationStatus.CONFIRMED, version, when,
						feedbackTokenHash),
				when);
	}

	private OutboxEvent create(String type, Registration registration, Object payload, Instant when) {
		return this.outboxEvents.create(Topics.REGISTRATIONS_V1, type, registration.eventId(), registration.eventId(),
				payload, when);
	}

	enum CancelledBy {

		PARTICIPANT, ORGANISER

	}

	/**
	 * @param representedInitiativeId the initiative the person came for, or {@code null}
	 */
	record Confirmed(String registrationId, String eventId, String initiativeId, ParticipantGroup participantGroup,
			RegistrationStatus status, long version, Instant occurredAt, Instant registeredAt,
			String representedInitiativeId) {
	}

	record Registered(String registrationId, String eventId, String initiativeId, ParticipantGroup participantGroup,
			RegistrationStatus status, long version, Instant occurredAt, Instant registeredAt) {
	}

	record Waitlisted(String registrationId, String eventId, String initiativeId, ParticipantGroup participantGroup,
			RegistrationStatus status, long version, Instant occurredAt, Instant registeredAt, long waitlistPosition) {
	}

	record Cancelled(String registrationId, String eventId, String initiativeId, ParticipantGroup participantGroup,
			RegistrationStatus status, long version, Instant occurredAt, RegistrationStatus previousStatus,
			CancelledBy cancelledBy) {
	}

	record CheckedIn(String registrationId, String eventId, String initiativeId, ParticipantGroup participantGroup,
			RegistrationStatus status, long version, Instant occurredAt, Instant checkedInAt, String method,
			String feedbackTokenHash, String representedInitiativeId) {
	}

	record CheckInUndone(String registrationId, String eventId, String initiativeId, ParticipantGroup participantGroup,
			RegistrationStatus status, long version, Instant occurredAt, String feedbackTokenHash) {
	}

}
