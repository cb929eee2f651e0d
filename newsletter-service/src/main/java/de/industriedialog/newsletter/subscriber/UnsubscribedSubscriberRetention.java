package de.industriedialog.newsletter.subscriber;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import de.industriedialog.newsletter.NewsletterProperties;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes the subscribers whose subscription ended (unsubscribed or bounced) longer than
 * {@code industriedialog.newsletter.retention.unsubscribed} ago (issue 16,
 * docs/adr/0014). Until then the document is the proof of the consent and of its end
 * (Art. 7(1) GDPR); afterwards nothing needs the address, the name or the history.
 * <p>
 * The suppression entry stays: it holds only the keyed hash of the address, so an import
 * or a send prepared from an old read never mails the address again, and only a new
 * confirmed double opt-in lifts it, as before. Nothing is published: the end of the
 * subscription was announced when it happened ({@code SubscriberUnsubscribed}), so the
 * KPI figures stay as they are. A document whose outbox still holds entries (its
 * unsubscription event, not yet out) stays until the relay has published them and is
 * taken by a later run.
 * <p>
 * One conditional delete: a former subscriber who asks again at the same moment is
 * {@code PENDING} then, and either the delete or the request wins (the request re-reads
 * and starts a new subscription); running again or on two replicas changes nothing more.
 */
@Component
public class UnsubscribedSubscriberRetention {

	private static final Logger log = LoggerFactory.getLogger(UnsubscribedSubscriberRetention.class);

	private final MongoOperations mongo;

	private final Duration period;

	private final Clock clock;

	UnsubscribedSubscriberRetention(MongoOperations mongo, NewsletterProperties properties, Clock clock) {
		this.mongo = mongo;
		this.period = properties.retention().unsubscribed();
		this.clock = clock;
	}

	/** Daily, on one replica (the lock is a document in the store). */
	@Scheduled(cron = "${industriedialog.newsletter.retention.cron:0 30 3 * * *}", zone = "Europe/Berlin")
	@SchedulerLock(name = "newsletter-retention-unsubscribed-subscribers", lockAtLeastFor = "1m", lockAtMostFor = "30m")
	public void run() {
		deleteEnded(this.clock.instant());
	}

	/**
	 * @return how many subscribers were deleted
	 */
	long deleteEnded(Instant now) {
		Criteria ended = Criteria.where("status")
			.is(SubscriberStatus.UNSUBSCRIBED)
			.and("unsubscribedAt")
			.lt(Date.from(now.minus(this.period)));
		long deleted = this.mongo.remove(
				Query.query(ended.orOperator(Criteria.where("outbox").exists(false), Criteria.where("outbox").size(0))),
				Subscriber.class)
			.getDeletedCount();
		// What is left past the period still has an event to publish (the relay is behind
		// or away); the next run takes it.
		long waiting = this.mongo.count(Query.query(Criteria.where("status")
			.is(SubscriberStatus.UNSUBSCRIBED)
			.and("unsubscribedAt")
			.lt(Date.from(now.minus(this.period)))), Subscriber.class);
		// Counts only: no address, name or id of a former subscriber.
		log.info("Retention: {} unsubscribed subscribers deleted, {} kept until their events are published", deleted,
				waiting);
		return deleted;
	}

}
