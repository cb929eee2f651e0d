package de.industriedialog.platform.privacy;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import de.industriedialog.contracts.Topics;
import de.industriedialog.platform.messaging.IncomingEvent;
import de.industriedialog.platform.messaging.OutboxEvent;
import de.industriedialog.platform.messaging.OutboxEvents;
import de.industriedialog.platform.messaging.UnprocessableEventException;
import org.bson.Document;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * A service's part of the privacy requests on {@code dialog.privacy.v1}: on a
 * {@link PrivacyRequestVerified} it counts (access) or erases (erasure) the subject's
 * records of every {@link PersonalData} of the service and answers with a
 * {@link PrivacyRequestAnswered}, stored with its outbox entry in {@value #COLLECTION}
 * (which must be one of the service's outbox collections).
 *
 * <p>
 * Idempotent by request id: the answer document is the mark. A crash after the erasure
 * and before the answer erases again on redelivery, which the {@link PersonalData}
 * contract makes harmless.
 */
public class PrivacyRequests {

	/** The answers given, one document per request id, no personal data. */
	public static final String COLLECTION = "privacy_answers";

	private static final Pattern SUBJECT_KEY = Pattern.compile("^[0-9a-f]{64}$");

	private final MongoTemplate mongo;

	private final OutboxEvents outboxEvents;

	private final JsonMapper jsonMapper;

	private final List<PersonalData> parts;

	private final String service;

	private final Clock clock;

	public PrivacyRequests(MongoTemplate mongo, OutboxEvents outboxEvents, JsonMapper jsonMapper,
			List<PersonalData> parts, String service, Clock clock) {
		this.mongo = mongo;
		this.outboxEvents = outboxEvents;
		this.jsonMapper = jsonMapper;
		this.parts = List.copyOf(parts);
		this.service = service;
		this.clock = clock;
	}

	public List<PersonalData> parts() {
		return this.parts;
	}

	public String service() {
		return this.service;
	}

	public void apply(IncomingEvent event) {
		if (!PrivacyRequestVerified.TYPE.equals(event.eventType())) {
			// The answers of the other services travel on the same topic.
			return;
		}
		PrivacyRequestVerified request = event.data(this.jsonMapper, PrivacyRequestVerified.class);
		if (request.requestId() == null || request.requestId().isBlank() || request.kind() == null
				|| request.subjectKey() == null || !SUBJECT_KEY.matcher(request.subjectKey()).matches()) {
			throw new UnprocessableEventException(
					event.eventType() + " " + event.id() + " lacks requestId or kind, or subjectKey is no HMAC");
		}
		answer(request);
	}

	/**
	 * Answers a verified request once: counts or erases, stores the answer with its
	 * outbox entry. The gateway calls this directly for its own part, the services on
	 * each delivery from the topic.
	 * @return the answer, the stored one when the request was answered before
	 */
	public PrivacyRequestAnswered answer(PrivacyRequestVerified request) {
		Optional<PrivacyRequestAnswered> given = answerOf(request.requestId());
		if (given.isPresent()) {
			return given.get();
		}
		Map<String, Integer> records = PersonalData.counts(this.parts, (request.kind() == PrivacyRequestKind.ERASURE)
				? (part) -> part.erase(request.subjectKey()) : (part) -> part.count(request.subjectKey()));
		boolean found = records.values().stream().anyMatch((n) -> n > 0);
		Instant now = this.clock.instant();
		PrivacyRequestAnswered answer = new PrivacyRequestAnswered(request.requestId(), this.service, request.kind(),
				found ? PrivacyRequestAnswered.DONE : PrivacyRequestAnswered.NOTHING_FOUND, records, now);
		OutboxEvent outbox = this.outboxEvents.create(Topics.PRIVACY_V1, PrivacyRequestAnswered.TYPE,
				request.requestId(), request.requestId(), answer, now);
		Document document = new Document("_id", request.requestId()).append("kind", request.kind().name())
			.append("status", answer.status())
			.append("records", new Document(records))
			.append("answeredAt", Date.from(now))
			.append("outbox", List.of(outbox.toDocument()));
		try {
			this.mongo.insert(document, COLLECTION);
		}
		catch (DuplicateKeyException ex) {
			// Another replica answered the same delivery first.
			return answerOf(request.requestId()).orElse(answer);
		}
		return answer;
	}

	/** The answer this service gave to a request, if it has answered it. */
	public Optional<PrivacyRequestAnswered> answerOf(String requestId) {
		Document document = this.mongo.findOne(Query.query(Criteria.where("_id").is(requestId)), Document.class,
				COLLECTION);
		if (document == null) {
			return Optional.empty();
		}
		Map<String, Integer> records = new LinkedHashMap<>();
		Document stored = document.get("records", Document.class);
		if (stored != null) {
			stored.forEach((name, count) -> records.put(name, ((Number) count).intValue()));
		}
		return Optional.of(new PrivacyRequestAnswered(requestId, this.service,
				PrivacyRequestKind.valueOf(document.getString("kind")), document.getString("status"), records,
				document.getDate("answeredAt").toInstant()));
	}

	/** The export of every part, by name, for the export endpoint. */
	public Map<String, Object> export(String subjectKey) {
		Map<String, Object> export = new LinkedHashMap<>();
		for (PersonalData part : this.parts) {
			export.put(part.name(), Map.of("title", part.title(), "records", part.export(subjectKey)));
		}
		return export;
	}

}
