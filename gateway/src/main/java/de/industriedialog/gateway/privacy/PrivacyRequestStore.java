package de.industriedialog.gateway.privacy;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import de.industriedialog.platform.messaging.OutboxEvent;
import de.industriedialog.platform.privacy.PrivacyRequestKind;
import org.bson.Document;

import org.springframework.dao.DataAccessException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The collection {@value #COLLECTION}: one document per request, with the outbox entry of
 * its {@code PrivacyRequestVerified} (platform outbox relay). Blocking client: callers
 * run off the event loop.
 */
@Component
class PrivacyRequestStore {

	static final String COLLECTION = "privacy_requests";

	private final MongoTemplate mongo;

	PrivacyRequestStore(MongoTemplate mongo) {
		this.mongo = mongo;
		try {
			mongo.indexOps(COLLECTION).createIndex(new Index("tokenHash", Sort.Direction.ASC).unique());
			mongo.indexOps(COLLECTION).createIndex(new Index("expiresAt", Sort.Direction.ASC));
		}
		catch (DataAccessException ex) {
			// The store is away at start: the gateway serves what it can, the next start
			// creates them (a lookup by token works without the index, only slower).
		}
	}

	void insert(String id, String tokenHash, PrivacyRequestKind kind, String subjectKey, Instant createdAt,
			Instant expiresAt, String requestedBy) {
		this.mongo.insert(new Document("_id", id).append("tokenHash", tokenHash)
			.append("kind", kind.name())
			.append("subjectKey", subjectKey)
			.append("createdAt", Date.from(createdAt))
			.append("expiresAt", Date.from(expiresAt))
			.append("requestedBy", requestedBy)
			.append("answers", new Document())
			.append("outbox", List.of()), COLLECTION);
	}

	Optional<PrivacyRequestRecord> byToken(String tokenHash) {
		return find(Query.query(Criteria.where("tokenHash").is(tokenHash)));
	}

	Optional<PrivacyRequestRecord> byId(String id) {
		return find(Query.query(Criteria.where("_id").is(id)));
	}

	/**
	 * Marks the request verified and queues its event, in one atomic update: only the
	 * first of several clicks (on any replica) publishes.
	 * @return whether this call verified it
	 */
	boolean verify(String id, String verifiedBy, Instant at, OutboxEvent event) {
		Document before = this.mongo.findAndModify(Query.query(Criteria.where("_id").is(id).and("verifiedAt").is(null)),
				new Update().set("verifiedAt", Date.from(at))
					.set("verifiedBy", verifiedBy)
					.push("outbox", event.toDocument()),
				FindAndModifyOptions.options().returnNew(false), Document.class, COLLECTION);
		return before != null;
	}

	/** Keeps a final answer, so later polls need not ask the service again. */
	void recordAnswer(String id, String service, PrivacyRequestRecord.Answer answer) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
				new Update().set("answers." + service, answer.toDocument()), COLLECTION);
	}

	/**
	 * @return whether this was the first staff download of the request
	 */
	boolean markStaffDownloaded(String id, Instant at) {
		return this.mongo
			.updateFirst(Query.query(Criteria.where("_id").is(id).and("staffDownloadedAt").is(null)),
					new Update().set("staffDownloadedAt", Date.from(at)), COLLECTION)
			.getModifiedCount() == 1;
	}

	/**
	 * Deletes the requests whose link expired before the given time; returns how many.
	 */
	long deleteExpiredBefore(Instant before) {
		return this.mongo.remove(Query.query(Criteria.where("expiresAt").lt(Date.from(before))), COLLECTION)
			.getDeletedCount();
	}

	private Optional<PrivacyRequestRecord> find(Query query) {
		return Optional.ofNullable(this.mongo.findOne(query, Document.class, COLLECTION))
			.map(PrivacyRequestRecord::from);
	}

}
