package de.industriedialog.newsletter.content;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;

import de.industriedialog.platform.messaging.IdempotentProjection;
import de.industriedialog.platform.messaging.IncomingEvent;
import de.industriedialog.platform.messaging.UnprocessableEventException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Keeps what the content suggestions need from the other services' topics, one
 * single-document write per event: snapshots and registrations with the conditional
 * upsert of {@link IdempotentProjection} (newer version and unseen {@code ce_id} only),
 * responses with one insert keyed by the response id. Redelivery, replay from offset 0
 * and late stale events therefore change nothing. Tolerant reader: own records with just
 * the fields needed, enums as text, unknown fields and event types ignored.
 */
@Component
class ContentProjection {

	private final MongoTemplate mongo;

	private final JsonMapper jsonMapper;

	ContentProjection(MongoTemplate mongo, JsonMapper jsonMapper) {
		this.mongo = mongo;
		this.jsonMapper = jsonMapper;
	}

	void initiativeEvent(IncomingEvent event) {
		Boolean published = switch (event.eventType()) {
			case "SteckbriefPublished", "SteckbriefUpdated" -> true;
			case "SteckbriefWithdrawn" -> false;
			default -> null;
		};
		if (published == null) {
			return;
		}
		SteckbriefPayload p = event.data(this.jsonMapper, SteckbriefPayload.class);
		if (p.initiativeId() == null || p.version() == null) {
			throw new UnprocessableEventException(
					event.eventType() + " " + event.id() + " lacks initiativeId or version");
		}
		Update update = new Update().set("withdrawn", !published);
		if (published) {
			update.set("name", p.name()).set("level", p.level()).set("state", p.state()).set("city", p.city());
		}
		IdempotentProjection.applyIfNewer(this.mongo, NewsInitiative.COLLECTION, p.initiativeId(), p.version(),
				event.id(), update);
		Instant occurredAt = (p.occurredAt() != null) ? p.occurredAt().toInstant() : event.time();
		if ("SteckbriefPublished".equals(event.eventType()) && occurredAt != null && p.importedFrom() == null) {
			// Apart from the version check: even a publication that arrives after a newer
			// snapshot still tells when the Steckbrief first appeared, and a
			// republication after a withdrawal does not make it new again. An imported
			// Steckbrief was public in its earlier registry: its publication here is the
			// import, not news.
			this.mongo.updateFirst(Query.query(Criteria.where("_id").is(p.initiativeId())),
					new Update().min("firstPublishedAt", occurredAt), NewsInitiative.COLLECTION);
		}
	}

	void dialogueEvent(IncomingEvent event) {
		switch (event.eventType()) {
			case "DialogueEventScheduled", "DialogueEventUpdated", "DialogueEventHeld", "DialogueEventCancelled" -> {
				DialogueEventPayload p = event.data(this.jsonMapper, DialogueEventPayload.class);
				if (p.eventId() == null || p.version() == null) {
					throw new UnprocessableEventException(
							event.eventType() + " " + event.id() + " lacks eventId or version");
				}
				Update update = new Update().set("initiativeId", p.initiativeId())
					.set("title", p.title())
					.set("format", p.format())
					.set("start", (p.start() != null) ? p.start().toInstant() : null)
					.set("end", (p.end() != null) ? p.end().toInstant() : null)
					.set("city", p.city())
					.set("state", p.state())
					.set("status", p.status());
				IdempotentProjection.applyIfNewer(this.mongo, NewsEvent.COLLECTION, p.eventId(), p.version(),
						event.id(), update);
			}
			default -> {
				// a type the suggestions do not need
			}
		}
	}

	void registrationEvent(IncomingEvent event) {
		switch (event.eventType()) {
			// Every registration event is a snapshot of the registration, so the latest
			// version of those that can change attendance decides. Confirmations and the
			// waitlist never make anyone attended: skipping them spares a write per
			// registration when an event opens and hundreds register at once.
			case "ParticipantCheckedIn", "ParticipantCheckInUndone", "RegistrationCancelled" -> {
				RegistrationPayload p = event.data(this.jsonMapper, RegistrationPayload.class);
				if (p.registrationId() == null || p.eventId() == null || p.version() == null) {
					throw new UnprocessableEventException(
							event.eventType() + " " + event.id() + " lacks registrationId, eventId or version");
				}
				boolean checkedIn = "ParticipantCheckedIn".equals(event.eventType()) && "CONFIRMED".equals(p.status());
				IdempotentProjection.applyIfNewer(this.mongo, NewsAttendance.COLLECTION, p.registrationId(),
						p.version(), event.id(), new Update().set("eventId", p.eventId()).set("checkedIn", checkedIn));
			}
			default -> {
				// a type the suggestions do not need
			}
		}
	}

	void feedbackEvent(IncomingEvent event) {
		if (!"FeedbackSubmitted".equals(event.eventType())) {
			return;
		}
		FeedbackPayload p = event.data(this.jsonMapper, FeedbackPayload.class);
		if (p.responseId() == null || p.eventId() == null) {
			throw new UnprocessableEventException(
					event.eventType() + " " + event.id() + " lacks responseId or eventId");
		}
		String q1 = (p.answers() != null) ? p.answers().get(ExpectationsMet.ITEM) : null;
		try {
			this.mongo.insert(new NewsFeedback(p.responseId(), p.eventId(), q1));
		}
		catch (DuplicateKeyException ex) {
			// known already: redelivered, or sent again under a new id
		}
	}

	/** The fields of {@code Steckbrief*} the suggestions read. */
	record SteckbriefPayload(String initiativeId, String name, String level, String state, String city, Long version,
			OffsetDateTime occurredAt, String importedFrom) {

	}

	/** The fields of {@code DialogueEvent*} the suggestions read. */
	record DialogueEventPayload(String eventId, String initiativeId, String title, String format, OffsetDateTime start,
			OffsetDateTime end, String city, String state, String status, Long version) {

	}

	/** The fields of the registration events the attendance needs. */
	record RegistrationPayload(String registrationId, String eventId, String status, Long version) {

	}

	/** The fields of {@code FeedbackSubmitted} the suggestions read. */
	record FeedbackPayload(String responseId, String eventId, Map<String, String> answers) {

	}

}
