package de.industriedialog.evaluation.feedback;

import java.time.Duration;

import de.industriedialog.platform.ratelimit.RateLimit;
import de.industriedialog.platform.ratelimit.RateLimits;
import org.bson.Document;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Bounds what an event's shared link takes; the link needs no account, so without bounds
 * one script could flood an event's results. Both bounds are kept in the store and so
 * shared by every replica:
 * <ul>
 * <li>per client address and event, a rate ({@link RateLimits}; the client address is
 * stored only as an HMAC); generous, because a school class sits behind one address;</li>
 * <li>per event, a cap on all answers through the link together
 * ({@code industriedialog.feedback.event-link-max-answers}), one counter document per
 * event in {@value #COLLECTION} taken with a conditional increment, so concurrent answers
 * on all replicas never pass it.</li>
 * </ul>
 * A flat number rather than one derived from the participants: this service does not
 * learn an event's capacity, and the link exists precisely for people who did not
 * register. The default is above the largest dialogue formats; the organiser sees in the
 * results how many answers came through the link.
 */
@Component
class EventLinkLimits {

	static final String COLLECTION = "feedback_link_answers";

	private final RateLimit perAddress;

	private final int maxAnswers;

	private final MongoTemplate mongo;

	EventLinkLimits(RateLimits limits, FeedbackProperties properties, MongoTemplate mongo) {
		this.perAddress = limits.limit("feedback-event-link", properties.eventLinkRateLimit().maxSubmissions(),
				properties.eventLinkRateLimit().window());
		this.maxAnswers = properties.eventLinkMaxAnswers();
		this.mongo = mongo;
	}

	/**
	 * Counts one submission attempt of an address.
	 * @return {@link Duration#ZERO} if allowed, else how long until the next one is
	 */
	Duration tryAcquire(String eventId, String clientAddress) {
		RateLimit.Decision decision = this.perAddress.tryAcquire(eventId + "|" + clientAddress);
		return decision.allowed() ? Duration.ZERO : decision.retryAfter();
	}

	/**
	 * Takes one of the event's answers through the link.
	 * @return {@code false} if all are taken
	 */
	boolean takeAnswer(String eventId) {
		Query below = Query.query(Criteria.where("_id").is(eventId).and("answers").lt(this.maxAnswers));
		if (this.mongo.updateFirst(below, new Update().inc("answers", 1), COLLECTION).getModifiedCount() == 1) {
			return true;
		}
		// No counter yet, or a full one, or one that a concurrent first answer created
		// just now: make sure it exists and try once more, which only a full one refuses.
		if (!this.mongo.exists(Query.query(Criteria.where("_id").is(eventId)), COLLECTION)) {
			try {
				this.mongo.insert(new Document("_id", eventId).append("answers", 0), COLLECTION);
			}
			catch (DuplicateKeyException ex) {
				// Another request created it a moment ago: fine.
			}
		}
		return this.mongo.updateFirst(below, new Update().inc("answers", 1), COLLECTION).getModifiedCount() == 1;
	}

	/** Gives an answer back that was taken but not stored (the device had answered). */
	void returnAnswer(String eventId) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(eventId).and("answers").gt(0)),
				new Update().inc("answers", -1), COLLECTION);
	}

}
