package de.industriedialog.evaluation.kpi;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import de.industriedialog.platform.messaging.IncomingEvent;
import de.industriedialog.platform.messaging.UnprocessableEventException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Reads the KPI facts out of the events of {@code dialog.events.v1},
 * {@code dialog.registrations.v1} and {@code dialog.feedback.v1}, for the live consumers
 * and the rebuild alike (tolerant reader: own records with just the fields needed, enums
 * as text, unknown fields and event types ignored).
 */
@Component
class KpiPayloads {

	static final String EVENTS_TOPIC = "dialog.events.v1";

	static final String REGISTRATIONS_TOPIC = "dialog.registrations.v1";

	static final String FEEDBACK_TOPIC = "dialog.feedback.v1";

	private final JsonMapper jsonMapper;

	KpiPayloads(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	/**
	 * @return the event's dimensions, {@code null} for a type the KPIs do not read
	 * @throws UnprocessableEventException if the data lacks the ids or the version
	 */
	EventFact eventFact(IncomingEvent event) {
		return switch (event.eventType()) {
			case "DialogueEventScheduled", "DialogueEventUpdated", "DialogueEventHeld", "DialogueEventCancelled" -> {
				DialogueEventPayload p = event.data(this.jsonMapper, DialogueEventPayload.class);
				if (p.eventId() == null || p.version() == null) {
					throw new UnprocessableEventException(
							event.eventType() + " " + event.id() + " lacks eventId or version");
				}
				yield new EventFact(p.eventId(), p.initiativeId(), p.title(), p.format(),
						(p.start() != null) ? p.start().toInstant() : null, p.city(), p.state(),
						Boolean.TRUE.equals(p.campaignSupported()), p.status(), p.version());
			}
			default -> null;
		};
	}

	/**
	 * @return the registration's state after the event, {@code null} for a type the KPIs
	 * do not read
	 * @throws UnprocessableEventException if the data lacks the ids or the version
	 */
	RegistrationFact registrationFact(IncomingEvent event) {
		return switch (event.eventType()) {
			case "RegistrationConfirmed", "RegistrationWaitlisted", "RegistrationPromoted", "RegistrationCancelled",
					"ParticipantCheckedIn", "ParticipantCheckInUndone" -> {
				RegistrationPayload p = event.data(this.jsonMapper, RegistrationPayload.class);
				if (p.registrationId() == null || p.eventId() == null || p.version() == null) {
					throw new UnprocessableEventException(
							event.eventType() + " " + event.id() + " lacks registrationId, eventId or version");
				}
				yield new RegistrationFact(p.registrationId(), p.eventId(), p.participantGroup(), p.status(),
						"ParticipantCheckedIn".equals(event.eventType()), p.representedInitiativeId(), p.version());
			}
			default -> null;
		};
	}

	/**
	 * @return the response, {@code null} for a type the KPIs do not read
	 * @throws UnprocessableEventException if the data lacks the ids
	 */
	FeedbackFact feedbackFact(IncomingEvent event) {
		if (!"FeedbackSubmitted".equals(event.eventType())) {
			return null;
		}
		FeedbackPayload p = event.data(this.jsonMapper, FeedbackPayload.class);
		if (p.responseId() == null || p.eventId() == null) {
			throw new UnprocessableEventException(
					event.eventType() + " " + event.id() + " lacks responseId or eventId");
		}
		Map<String, String> answers = new LinkedHashMap<>();
		if (p.answers() != null) {
			p.answers().forEach((item, code) -> {
				if (code != null) {
					answers.put(item, code);
				}
			});
		}
		return new FeedbackFact(p.responseId(), p.eventId(), p.participantGroup(), answers);
	}

	/** The fields of {@code DialogueEvent*} the KPIs read. */
	record DialogueEventPayload(String eventId, String initiativeId, String title, String format, OffsetDateTime start,
			String city, String state, Boolean campaignSupported, String status, Long version) {

	}

	/**
	 * The fields of the registration events the KPIs read.
	 *
	 * @param representedInitiativeId optional, on {@code RegistrationConfirmed} and
	 * {@code ParticipantCheckedIn} of network meetings
	 */
	record RegistrationPayload(String registrationId, String eventId, String participantGroup, String status,
			String representedInitiativeId, Long version) {

	}

	/** The fields of {@code FeedbackSubmitted} the KPIs read. */
	record FeedbackPayload(String responseId, String eventId, String participantGroup, Map<String, String> answers) {

	}

}
