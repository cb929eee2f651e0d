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
 * Deletes subscriptions nobody confirmed (issue 16, docs/adr/0014): once the last
 * confirmation link has expired and the grace period is over, the address and name were
 * only ever typed into a form, possibly by a stranger, and nothing may be done with them.
 * <p>
 * A former subscriber who asked anew and did not confirm is pending again, and its
 * document still holds the record of the earlier consent and unsubscription: it goes by
 * the same rule, but not before that record's own period
 * ({@code industriedialog.newsletter.retention.unsubscribed}, as for any unsubscribed
 * subscriber) is over as well, so asking again never cuts short how long the proof is
 * kept. Its end was announced when it unsubscribed; the new request was not, so no event
 * is due for either kind. One conditional delete: a request that renewed the link
 * meanwhile moved its expiry out of reach, so running again or on two replicas at once
 * changes nothing more.
 */
@Component
public class UnconfirmedSubscriptionRetention {

	private static final Logger log = LoggerFactory.getLogger(UnconfirmedSubscriptionRetention.class);

	private final MongoOperations mongo;

	private final Duration grace;

	private final Duration unsubscribed;

	private final Clock clock;

	UnconfirmedSubscriptionRetention(MongoOperations mongo, NewsletterProperties properties, Clock clock) {
		this.mongo = mongo;
		this.grace = properties.retention().unconfirmedGrace();
		this.unsubscribed = properties.retention().unsubscribed();
		this.clock = clock;
	}

	/** Daily, on one replica (the lock is a document in the store). */
	@Scheduled(cron = "${industriedialog.newsletter.retention.cron:0 30 3 * * *}", zone = "Europe/Berlin")
	@SchedulerLock(name = "newsletter-retention-unconfirmed-subscriptions", lockAtLeastFor = "1m",
			lockAtMostFor = "30m")
	public void run() {
		long deleted = deleteExpired(this.clock.instant());
		// A count only: no address, name or id of a person who never consented.
		log.info("Retention: {} unconfirmed subscriptions deleted", deleted);
	}

	/**
	 * @return how many subscriptions were deleted
	 */
	long deleteExpired(Instant now) {
		// Never confirmed; or confirmed once and ended longer ago than an unsubscribed
		// subscriber is kept (no end recorded: nothing to keep as proof of it).
		Criteria noProofDue = new Criteria().orOperator(Criteria.where("confirmedAt").exists(false),
				Criteria.where("unsubscribedAt").lt(Date.from(now.minus(this.unsubscribed))),
				Criteria.where("unsubscribedAt").exists(false));
		// A request is never announced, so a pending subscriber has no outbox entry
		// unless the relay is behind with an earlier unsubscription; an entry not
		// published yet is never deleted with its document.
		Criteria published = new Criteria().orOperator(Criteria.where("outbox").exists(false),
				Criteria.where("outbox").size(0));
		Query expired = Query.query(Criteria.where("status")
			.is(SubscriberStatus.PENDING)
			.and("confirmationExpiresAt")
			.lt(Date.from(now.minus(this.grace)))
			.andOperator(noProofDue, published));
		return this.mongo.remove(expired, Subscriber.class).getDeletedCount();
	}

}
