package de.industriedialog.evaluation.feedback;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A response whose right was spent but which is not stored yet. Without transactions,
 * spending the right (the token, the device) and storing the response are two writes; a
 * crash or a store outage between them must lose neither the answer nor let anybody
 * answer twice. So the first write spends the right and keeps the whole response beside
 * it ({@value #FIELD}), the second stores the response with its fixed id, the third
 * removes the copy. If the request ends between them, {@link #recover()} stores the copy
 * after a grace period; a participant who presses the button again meanwhile is told that
 * the answer was sent, which is true. Storing is idempotent by the response's id, so the
 * recovery racing a slow request stores the response once.
 * <p>
 * The copy links a token hash to an anonymous response only for the moments between the
 * writes (or until the recovery after an outage), and is removed then.
 */
@Component
class UnfinishedResponses {

	/** The field of a spent right that holds its unfinished response. */
	static final String FIELD = "unfinishedResponse";

	/** Where rights are spent: personal tokens and the shared link's devices. */
	private static final List<String> RIGHTS = List.of(FeedbackToken.COLLECTION, DeviceClaims.COLLECTION);

	private static final Logger log = LoggerFactory.getLogger(UnfinishedResponses.class);

	private final MongoTemplate mongo;

	private final ResponseWriter writer;

	private final Clock clock;

	private final Duration grace;

	UnfinishedResponses(MongoTemplate mongo, ResponseWriter writer, Clock clock, FeedbackProperties properties) {
		this.mongo = mongo;
		this.writer = writer;
		this.clock = clock;
		this.grace = properties.unfinishedGrace();
	}

	/**
	 * Stores the response and removes its copy from the right.
	 * @return the response's id
	 */
	String finish(String collection, String id, Document response) {
		this.writer.store(response);
		String responseId = response.getString("_id");
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and(FIELD + "._id").is(responseId)),
				new Update().unset(FIELD), collection);
		return responseId;
	}

	/**
	 * Every minute, on one replica: stores the responses of requests that spent their
	 * right longer ago than the grace period and did not get to store them (a crash, the
	 * store away), and whose participant did not try again.
	 */
	@Scheduled(fixedDelayString = "${industriedialog.feedback.unfinished-recovery-interval:PT30S}",
			initialDelayString = "${industriedialog.feedback.unfinished-recovery-interval:PT30S}")
	@SchedulerLock(name = "evaluation-unfinished-responses", lockAtMostFor = "10m")
	public void recover() {
		int recovered = recover(this.clock.instant().minus(this.grace));
		if (recovered > 0) {
			// a count only: nothing about the participants
			log.info("Stored {} responses whose request ended between spending the right and storing them", recovered);
		}
	}

	/**
	 * @param before responses submitted before this instant
	 * @return how many were stored
	 */
	int recover(Instant before) {
		int recovered = 0;
		for (String collection : RIGHTS) {
			Query query = Query.query(Criteria.where(FIELD + ".submittedAt").lt(Date.from(before)));
			query.fields().include(FIELD);
			for (Document right : this.mongo.find(query, Document.class, collection)) {
				finish(collection, right.getString("_id"), right.get(FIELD, Document.class));
				recovered++;
			}
		}
		return recovered;
	}

}
