package de.industriedialog.platform.messaging;

import com.mongodb.client.result.UpdateResult;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Applies an event to a per-aggregate read model document in one conditional upsert that
 * also records the event's {@code ce_id}: the write happens only if the document is older
 * than the event and has not seen that id. Redelivery, replay from offset 0 and late
 * stale events therefore change nothing, on any MongoDB-compatible store and without
 * transactions.
 */
public final class IdempotentProjection {

	/** The field holding the ids of the events applied to a document. */
	public static final String APPLIED_EVENT_IDS = "appliedEventIds";

	private IdempotentProjection() {
	}

	/**
	 * @return whether the event changed the document
	 */
	public static boolean applyIfNewer(MongoOperations mongo, String collection, Object id, long version,
			String eventId, Update update) {
		Query olderAndUnseen = Query
			.query(Criteria.where("_id").is(id).and("version").lt(version).and(APPLIED_EVENT_IDS).ne(eventId));
		update.set("version", version).push(APPLIED_EVENT_IDS, eventId);
		try {
			UpdateResult result = mongo.upsert(olderAndUnseen, update, collection);
			return result.getModifiedCount() > 0 || result.getUpsertedId() != null;
		}
		catch (DuplicateKeyException ex) {
			// The document exists at this or a newer version: the event is applied
			// already or stale.
			return false;
		}
	}

}
