package de.industriedialog.evaluation.kpi;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import de.industriedialog.evaluation.kpi.SubscriberUpdate.Kind;
import de.industriedialog.platform.messaging.IncomingEvent;
import de.industriedialog.platform.messaging.UnprocessableEventException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Reads the KPI facts out of the events of {@code dialog.events.v1},
 * {@code dialog.registrations.v1}, {@code dialog.feedback.v1} and
 * {@code dialog.newsletter.v1}, for the live consumers and the rebuild alike (tolerant
 * reader: own records with just the fields needed, enums as text, unknown fields and
 * event types ignored).
 */
@Component
class KpiPayloads {

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

	/**
	 * @return what the event changes about a subscriber, {@code null} for a type the KPIs
	 * do not read here
	 * @throws UnprocessableEventException if the data lacks the id, the version or what
	 * the type must carry
	 */
	SubscriberUpdate subscriberUpdate(IncomingEvent event) {
		Kind kind = switch (event.eventType()) {
			case "SubscriberConfirmed" -> Kind.CONFIRMED;
			case "SubscriberPreferencesChanged" -> Kind.PREFERENCES_CHANGED;
			case "SubscriberUnsubscribed" -> Kind.UNSUBSCRIBED;
			default -> null;
		};
		if (kind == null) {
			return null;
		}
		SubscriberPayload p = event.data(this.jsonMapper, SubscriberPayload.class);
		if (p.subscriberId() == null || p.version() == null) {
			throw new UnprocessableEventException(
					event.eventType() + " " + event.id() + " lacks subscriberId or version");
		}
		if (kind != Kind.UNSUBSCRIBED && p.audiences() == null) {
			throw new UnprocessableEventException(event.eventType() + " " + event.id() + " lacks audiences");
		}
		if (kind == Kind.UNSUBSCRIBED && p.reason() == null) {
			throw new UnprocessableEventException(event.eventType() + " " + event.id() + " lacks reason");
		}
		return new SubscriberUpdate(kind, p.subscriberId(), p.audiences(), p.states(), instant(p.confirmedAt()),
				instant(p.unsubscribedAt()), p.reason(), p.version());
	}

	/**
	 * @return the issue's figures, {@code null} for a type the KPIs do not read
	 * @throws UnprocessableEventException if the data lacks the id or the version
	 */
	InfobriefFact infobriefFact(IncomingEvent event) {
		if (!"InfobriefSent".equals(event.eventType())) {
			return null;
		}
		InfobriefPayload p = event.data(this.jsonMapper, InfobriefPayload.class);
		if (p.issueId() == null || p.version() == null) {
			throw new UnprocessableEventException(event.eventType() + " " + event.id() + " lacks issueId or version");
		}
		SegmentPayload segment = (p.segment() != null) ? p.segment() : new SegmentPayload(List.of(), List.of());
		return new InfobriefFact(p.issueId(), p.subject(), instant(p.startedAt()), orZero(p.recipients()),
				orZero(p.delivered()), orZero(p.failed()), segment.audiences(), segment.states(), p.version());
	}

	// Millisecond precision, as the store keeps dates: the figures right after an event
	// and after a reload from the facts must be the same.
	private static Instant instant(OffsetDateTime time) {
		return (time != null) ? time.toInstant().truncatedTo(ChronoUnit.MILLIS) : null;
	}

	private static long orZero(Long value) {
		return (value != null) ? value : 0L;
	}

	/** The fields of {@code Subscriber*} the KPIs read. */
	record SubscriberPayload(String subscriberId, List<String> audiences, List<String> states,
			OffsetDateTime confirmedAt, OffsetDateTime unsubscribedAt, String reason, Long version) {

	}

	/** The fields of {@code InfobriefSent} the KPIs read. */
	record InfobriefPayload(String issueId, String subject, SegmentPayload segment, OffsetDateTime startedAt,
			Long recipients, Long delivered, Long failed, Long version) {

	}

	record SegmentPayload(List<String> audiences, List<String> states) {

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
