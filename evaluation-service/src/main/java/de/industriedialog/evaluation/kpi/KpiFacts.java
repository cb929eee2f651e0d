package de.industriedialog.evaluation.kpi;

import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import de.industriedialog.platform.messaging.IdempotentProjection;
import org.bson.Document;
import org.bson.conversions.Bson;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The KPI facts in MongoDB, each written with one single-document operation so that no
 * transaction is needed (docs/adr/0003, 0008): dialogue events and registrations with a
 * conditional upsert (older version and unseen {@code ce_id} only) that returns the
 * document before the write, so the caller knows the exact delta; responses with one
 * insert keyed by the response id (a duplicate key means "applied already").
 */
@Component
class KpiFacts {

	static final String EVENTS = "kpi_events";

	static final String REGISTRATIONS = "kpi_registrations";

	static final String FEEDBACK = "kpi_feedback";

	static final String SUBSCRIBERS = "kpi_subscribers";

	static final String INFOBRIEFE = "kpi_infobriefe";

	private static final String APPLIED = IdempotentProjection.APPLIED_EVENT_IDS;

	private static final FindOneAndUpdateOptions RETURN_BEFORE = new FindOneAndUpdateOptions().upsert(true)
		.returnDocument(ReturnDocument.BEFORE)
		.projection(Projections.exclude(APPLIED));

	private final MongoTemplate mongo;

	KpiFacts(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/**
	 * @return the change, or {@code null} if the event was applied already or is stale
	 */
	FactChange.EventChanged apply(String ceId, EventFact fact, Instant occurredAt) {
		Written written = applyIfNewer(EVENTS, fact.eventId(), fact.version(), ceId, document(fact));
		return (written != null) ? new FactChange.EventChanged(eventFact(written.before()), fact, occurredAt) : null;
	}

	/**
	 * @return the change, or {@code null} if the event was applied already or is stale
	 */
	FactChange.RegistrationChanged apply(String ceId, RegistrationFact fact, Instant occurredAt) {
		Written written = applyIfNewer(REGISTRATIONS, fact.registrationId(), fact.version(), ceId, document(fact));
		return (written != null)
				? new FactChange.RegistrationChanged(registrationFact(written.before()), fact, occurredAt) : null;
	}

	/**
	 * @return the change, or {@code null} if the response is known already
	 */
	FactChange.FeedbackAdded apply(FeedbackFact fact, Instant occurredAt) {
		try {
			collection(FEEDBACK).insertOne(document(fact));
			return new FactChange.FeedbackAdded(fact, occurredAt);
		}
		catch (MongoException ex) {
			if (duplicateKey(ex)) {
				return null;
			}
			throw ex;
		}
	}

	/**
	 * Sets the fields the subscriber event names, if the fact is older and the event
	 * unseen.
	 * @return the change, or {@code null} if the event was applied already or is stale
	 */
	FactChange.SubscriberChanged apply(String ceId, SubscriberUpdate update, Instant occurredAt) {
		Written written = applyIfNewer(SUBSCRIBERS, update.subscriberId(), update.version(), ceId, fields(update));
		if (written == null) {
			return null;
		}
		SubscriberFact before = subscriberFact(written.before());
		return new FactChange.SubscriberChanged(before, update.applyTo(before), occurredAt);
	}

	/**
	 * @return the change, or {@code null} if the event was applied already or is stale
	 */
	FactChange.InfobriefChanged apply(String ceId, InfobriefFact fact, Instant occurredAt) {
		Written written = applyIfNewer(INFOBRIEFE, fact.issueId(), fact.version(), ceId, document(fact));
		return (written != null) ? new FactChange.InfobriefChanged(infobriefFact(written.before()), fact, occurredAt)
				: null;
	}

	/**
	 * For the rebuild: per subscriber the updates of one poll in the order sequential
	 * writes would apply them (rising versions), folded into one conditional upsert at
	 * the last version; the later update's fields win.
	 */
	void applySubscribers(Collection<List<Stamped<SubscriberUpdate>>> updates) {
		bulk(SUBSCRIBERS, updates.stream().filter((list) -> !list.isEmpty()).map((list) -> {
			Document fields = new Document();
			list.forEach((stamped) -> fields.putAll(fields(stamped.fact())));
			Stamped<SubscriberUpdate> last = list.get(list.size() - 1);
			return upsertIfNewer(last.fact().subscriberId(), last.fact().version(), last.ceId(), fields);
		}).toList());
	}

	/** Like {@link #applyEvents(Collection)} for Infobriefe. */
	void applyInfobriefe(Collection<Stamped<InfobriefFact>> facts) {
		bulk(INFOBRIEFE,
				facts.stream()
					.map((s) -> upsertIfNewer(s.fact().issueId(), s.fact().version(), s.ceId(), document(s.fact())))
					.toList());
	}

	/**
	 * The same conditional upserts as {@link #apply(String, EventFact, Instant)}, many at
	 * once and without returning the previous state (for the rebuild, which recomputes
	 * the view from the facts afterwards).
	 */
	void applyEvents(Collection<Stamped<EventFact>> facts) {
		bulk(EVENTS,
				facts.stream()
					.map((s) -> upsertIfNewer(s.fact().eventId(), s.fact().version(), s.ceId(), document(s.fact())))
					.toList());
	}

	/** Like {@link #applyEvents(Collection)} for registrations. */
	void applyRegistrations(Collection<Stamped<RegistrationFact>> facts) {
		bulk(REGISTRATIONS, facts.stream()
			.map((s) -> upsertIfNewer(s.fact().registrationId(), s.fact().version(), s.ceId(), document(s.fact())))
			.toList());
	}

	/** Inserts responses, unordered; those known already are left as they are. */
	void applyFeedback(List<FeedbackFact> facts) {
		if (facts.isEmpty()) {
			return;
		}
		try {
			collection(FEEDBACK).insertMany(facts.stream().map(KpiFacts::document).toList(),
					new InsertManyOptions().ordered(false));
		}
		catch (MongoBulkWriteException ex) {
			rethrowUnlessOnlyDuplicates(ex);
		}
	}

	/** Empties the KPI facts before a replay from offset 0. */
	void clear() {
		for (String name : List.of(EVENTS, REGISTRATIONS, FEEDBACK, SUBSCRIBERS, INFOBRIEFE)) {
			collection(name).drop();
		}
	}

	void forEachEvent(Consumer<EventFact> action) {
		collection(EVENTS).find().projection(Projections.exclude(APPLIED)).forEach((d) -> action.accept(eventFact(d)));
	}

	void forEachRegistration(Consumer<RegistrationFact> action) {
		collection(REGISTRATIONS).find()
			.projection(Projections.exclude(APPLIED))
			.forEach((d) -> action.accept(registrationFact(d)));
	}

	void forEachFeedback(Consumer<FeedbackFact> action) {
		collection(FEEDBACK).find().forEach((d) -> action.accept(feedbackFact(d)));
	}

	void forEachSubscriber(Consumer<SubscriberFact> action) {
		collection(SUBSCRIBERS).find()
			.projection(Projections.exclude(APPLIED))
			.forEach((d) -> action.accept(subscriberFact(d)));
	}

	void forEachInfobrief(Consumer<InfobriefFact> action) {
		collection(INFOBRIEFE).find()
			.projection(Projections.exclude(APPLIED))
			.forEach((d) -> action.accept(infobriefFact(d)));
	}

	private Written applyIfNewer(String collection, String id, long version, String ceId, Document facts) {
		try {
			Document before = collection(collection).findOneAndUpdate(olderAndUnseen(id, version, ceId),
					update(facts, version, ceId), RETURN_BEFORE);
			return new Written(before);
		}
		catch (MongoException ex) {
			if (duplicateKey(ex)) {
				// The document exists at this or a newer version: applied already or
				// stale.
				return null;
			}
			throw ex;
		}
	}

	private static UpdateOneModel<Document> upsertIfNewer(String id, long version, String ceId, Document facts) {
		return new UpdateOneModel<>(olderAndUnseen(id, version, ceId), update(facts, version, ceId),
				new UpdateOptions().upsert(true));
	}

	private static Bson olderAndUnseen(String id, long version, String ceId) {
		return Filters.and(Filters.eq("_id", id), Filters.lt("version", version), Filters.ne(APPLIED, ceId));
	}

	private static Document update(Document facts, long version, String ceId) {
		Document set = new Document(facts);
		set.remove("_id");
		set.put("version", version);
		return new Document("$set", set).append("$push", new Document(APPLIED, ceId));
	}

	private void bulk(String collection, List<? extends WriteModel<Document>> writes) {
		if (writes.isEmpty()) {
			return;
		}
		try {
			collection(collection).bulkWrite(writes, new BulkWriteOptions().ordered(false));
		}
		catch (MongoBulkWriteException ex) {
			rethrowUnlessOnlyDuplicates(ex);
		}
	}

	private static void rethrowUnlessOnlyDuplicates(MongoBulkWriteException ex) {
		boolean onlyDuplicates = ex.getWriteConcernError() == null
				&& ex.getWriteErrors().stream().allMatch((error) -> error.getCategory() == ErrorCategory.DUPLICATE_KEY);
		if (!onlyDuplicates) {
			throw ex;
		}
	}

	private static boolean duplicateKey(MongoException ex) {
		return ErrorCategory.fromErrorCode(ex.getCode()) == ErrorCategory.DUPLICATE_KEY;
	}

	private MongoCollection<Document> collection(String name) {
		return this.mongo.getCollection(name);
	}

	private static Document document(EventFact fact) {
		return new Document("_id", fact.eventId()).append("initiativeId", fact.initiativeId())
			.append("title", fact.title())
			.append("format", fact.format())
			.append("start", (fact.start() != null) ? Date.from(fact.start()) : null)
			.append("city", fact.city())
			.append("state", fact.state())
			.append("campaignSupported", fact.campaignSupported())
			.append("status", fact.status());
	}

	private static Document document(RegistrationFact fact) {
		return new Document("_id", fact.registrationId()).append("eventId", fact.eventId())
			.append("group", fact.group())
			.append("status", fact.status())
			.append("attended", fact.attended())
			.append("representedInitiativeId", fact.representedInitiativeId());
	}

	private static Document document(FeedbackFact fact) {
		return new Document("_id", fact.responseId()).append("eventId", fact.eventId())
			.append("group", fact.group())
			.append("answers", new Document(new LinkedHashMap<>(fact.answers())));
	}

	/** Just the fields the update changes; the others stay as the fact has them. */
	private static Document fields(SubscriberUpdate update) {
		Document fields = new Document("_id", update.subscriberId());
		switch (update.kind()) {
			case CONFIRMED -> fields.append("active", true)
				.append("audiences", update.audiences())
				.append("states", update.states())
				.append("confirmedAt", date(update.confirmedAt()))
				.append("unsubscribedAt", null)
				.append("reason", null);
			case PREFERENCES_CHANGED ->
				fields.append("audiences", update.audiences()).append("states", update.states());
			case UNSUBSCRIBED -> fields.append("active", false)
				.append("unsubscribedAt", date(update.unsubscribedAt()))
				.append("reason", update.reason());
		}
		return fields;
	}

	private static Document document(InfobriefFact fact) {
		return new Document("_id", fact.issueId()).append("subject", fact.subject())
			.append("sentAt", date(fact.sentAt()))
			.append("recipients", fact.recipients())
			.append("delivered", fact.delivered())
			.append("failed", fact.failed())
			.append("segment",
					new Document("audiences", fact.segmentAudiences()).append("states", fact.segmentStates()));
	}

	private static SubscriberFact subscriberFact(Document d) {
		if (d == null) {
			return null;
		}
		return new SubscriberFact(d.getString("_id"), Boolean.TRUE.equals(d.getBoolean("active")),
				strings(d, "audiences"), strings(d, "states"), instant(d, "confirmedAt"), instant(d, "unsubscribedAt"),
				d.getString("reason"), number(d, "version"));
	}

	private static InfobriefFact infobriefFact(Document d) {
		if (d == null) {
			return null;
		}
		Document segment = d.get("segment", Document.class);
		return new InfobriefFact(d.getString("_id"), d.getString("subject"), instant(d, "sentAt"),
				number(d, "recipients"), number(d, "delivered"), number(d, "failed"),
				(segment != null) ? strings(segment, "audiences") : List.of(),
				(segment != null) ? strings(segment, "states") : List.of(), number(d, "version"));
	}

	private static Date date(Instant instant) {
		return (instant != null) ? Date.from(instant) : null;
	}

	private static Instant instant(Document d, String field) {
		Date date = d.getDate(field);
		return (date != null) ? date.toInstant() : null;
	}

	private static List<String> strings(Document d, String field) {
		Object value = d.get(field);
		if (!(value instanceof List<?> list)) {
			return List.of();
		}
		return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
	}

	private static EventFact eventFact(Document d) {
		if (d == null) {
			return null;
		}
		Date start = d.getDate("start");
		return new EventFact(d.getString("_id"), d.getString("initiativeId"), d.getString("title"),
				d.getString("format"), (start != null) ? start.toInstant() : null, d.getString("city"),
				d.getString("state"), Boolean.TRUE.equals(d.getBoolean("campaignSupported")), d.getString("status"),
				number(d, "version"));
	}

	private static RegistrationFact registrationFact(Document d) {
		if (d == null) {
			return null;
		}
		return new RegistrationFact(d.getString("_id"), d.getString("eventId"), d.getString("group"),
				d.getString("status"), Boolean.TRUE.equals(d.getBoolean("attended")),
				d.getString("representedInitiativeId"), number(d, "version"));
	}

	private static FeedbackFact feedbackFact(Document d) {
		Map<String, String> answers = new LinkedHashMap<>();
		Document stored = d.get("answers", Document.class);
		if (stored != null) {
			stored.forEach((item, code) -> {
				if (code != null) {
					answers.put(item, code.toString());
				}
			});
		}
		return new FeedbackFact(d.getString("_id"), d.getString("eventId"), d.getString("group"), answers);
	}

	private static long number(Document d, String field) {
		Object value = d.get(field);
		return (value instanceof Number n) ? n.longValue() : 0L;
	}

	/** A fact and the {@code ce_id} of the event that carried it. */
	record Stamped<T>(String ceId, T fact) {

	}

	/** A conditional write that matched; {@code before} is {@code null} for an insert. */
	private record Written(Document before) {

	}

}
