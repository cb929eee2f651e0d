package de.industriedialog.newsletter.subscriber;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import de.industriedialog.contracts.Topics;
import de.industriedialog.platform.messaging.OutboxEvent;
import de.industriedialog.platform.messaging.OutboxEvents;
import de.industriedialog.platform.privacy.SubjectKeys;
import org.bson.Document;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * {@link SubscriberDirectory} on the {@code subscribers} and {@code suppressions}
 * collections. The segment is matched in memory: the local store ignores non-unique
 * indexes and the list is at most some ten thousand documents, read once per send.
 */
@Component
class MongoSubscriberDirectory implements SubscriberDirectory {

	static final String SUBSCRIBERS = "subscribers";

	static final String SUPPRESSIONS = "suppressions";

	private final MongoOperations mongo;

	private final OutboxEvents outboxEvents;

	private final Clock clock;

	private final SubscriberStore store;

	private final SubjectKeys subjectKeys;

	MongoSubscriberDirectory(MongoOperations mongo, OutboxEvents outboxEvents, Clock clock, SubscriberStore store,
			SubjectKeys subjectKeys) {
		this.subjectKeys = subjectKeys;
		this.mongo = mongo;
		this.outboxEvents = outboxEvents;
		this.store = store;
		this.clock = clock;
	}

	@Override
	public List<Recipient> recipients(Segment segment) {
		Query query = Query.query(Criteria.where("status").is("CONFIRMED")).with(Sort.by("_id"));
		query.fields().include("_id", "email", "emailKey", "name", "audiences", "states");
		List<Document> confirmed = this.mongo.find(query, Document.class, SUBSCRIBERS);
		Query suppressedQuery = new Query();
		suppressedQuery.fields().include("_id");
		java.util.Set<String> suppressed = new java.util.HashSet<>();
		this.mongo.find(suppressedQuery, Document.class, SUPPRESSIONS)
			.forEach((document) -> suppressed.add(document.getString("_id")));
		List<Recipient> recipients = new ArrayList<>();
		for (Document subscriber : confirmed) {
			if (!suppressed.contains(this.subjectKeys.of(subscriber.getString("emailKey"))) && segment
				.includes(audiences(subscriber.getList("audiences", String.class)), strings(subscriber, "states"))) {
				recipients.add(recipient(subscriber));
			}
		}
		return recipients;
	}

	@Override
	public long count(Segment segment) {
		return recipients(segment).size();
	}

	@Override
	public boolean isSuppressed(String email) {
		return email != null
				&& this.mongo.exists(Query.query(Criteria.where("_id").is(this.subjectKeys.of(email))), SUPPRESSIONS);
	}

	@Override
	public void recordBounce(String email, String detail) {
		String key = emailKey(email);
		Instant now = this.clock.instant();
		try {
			this.mongo.insert(new Document("_id", this.subjectKeys.of(key)).append("reason", "BOUNCED")
				.append("at", Date.from(now))
				.append("detail", detail), SUPPRESSIONS);
		}
		catch (DuplicateKeyException alreadySuppressed) {
			// Suppressed before (unsubscribed or bounced): the suppression stands.
		}
		// Optimistic: a concurrent change of the subscriber makes us read it again.
		for (int attempt = 0; attempt < 5; attempt++) {
			Document subscriber = this.mongo.findOne(Query.query(Criteria.where("emailKey").is(key)), Document.class,
					SUBSCRIBERS);
			if (subscriber == null || !"CONFIRMED".equals(subscriber.getString("status"))) {
				return;
			}
			long version = subscriber.get("version", Number.class).longValue();
			String id = subscriber.getString("_id");
			Map<String, Object> payload = new LinkedHashMap<>();
			payload.put("subscriberId", id);
			payload.put("reason", "BOUNCED");
			payload.put("channel", "BOUNCE");
			payload.put("unsubscribedAt", now.toString());
			payload.put("version", version + 1);
			payload.put("occurredAt", now.toString());
			OutboxEvent event = this.outboxEvents.create(Topics.NEWSLETTER_V1, "SubscriberUnsubscribed", id, payload,
					now);
			Update update = new Update().set("status", "UNSUBSCRIBED")
				.set("unsubscribedAt", Date.from(now))
				.inc("version", 1)
				.push("consents",
						new Document("action", "UNSUBSCRIBED").append("at", Date.from(now))
							.append("source", "bounce")
							.append("channel", "BOUNCE"))
				.push("outbox", event.toDocument());
			Query current = Query.query(Criteria.where("_id").is(id).and("version").is(version));
			if (this.mongo.updateFirst(current, update, SUBSCRIBERS).getModifiedCount() == 1) {
				this.store.hint(id);
				return;
			}
		}
		throw new IllegalStateException("Subscriber of a bounced address changed five times in a row");
	}

	@Override
	public Optional<Recipient> confirmed(String subscriberId) {
		Document subscriber = this.mongo.findOne(
				Query.query(Criteria.where("_id").is(subscriberId).and("status").is("CONFIRMED")), Document.class,
				SUBSCRIBERS);
		if (subscriber == null || isSuppressed(subscriber.getString("email"))) {
			return Optional.empty();
		}
		return Optional.of(recipient(subscriber));
	}

	@Override
	public Set<String> suppressedAmong(Collection<String> emails) {
		if (emails.isEmpty()) {
			return Set.of();
		}
		// The suppression list is short next to the subscribers; by id on real MongoDB.
		// The list holds subject keys only (docs/adr/0015): the addresses are keyed here.
		Map<String, String> byKey = new java.util.HashMap<>();
		emails.forEach((email) -> byKey.put(this.subjectKeys.of(email), emailKey(email)));
		Query query = Query.query(Criteria.where("_id").in(byKey.keySet()));
		query.fields().include("_id");
		Set<String> suppressed = new HashSet<>();
		this.mongo.find(query, Document.class, SUPPRESSIONS)
			.forEach((suppression) -> suppressed.add(byKey.get(suppression.getString("_id"))));
		return suppressed;
	}

	static String emailKey(String email) {
		return email.strip().toLowerCase(Locale.ROOT);
	}

	private static Recipient recipient(Document subscriber) {
		return new Recipient(subscriber.getString("_id"), subscriber.getString("email"), subscriber.getString("name"));
	}

	private static List<Audience> audiences(List<String> codes) {
		List<Audience> audiences = new ArrayList<>();
		if (codes != null) {
			for (String code : codes) {
				try {
					audiences.add(Audience.valueOf(code));
				}
				catch (IllegalArgumentException unknown) {
					// A value from a newer version: matches no segment audience.
				}
			}
		}
		return audiences;
	}

	private static List<String> strings(Document document, String field) {
		List<String> values = document.getList(field, String.class);
		return (values != null) ? values : List.of();
	}

}
