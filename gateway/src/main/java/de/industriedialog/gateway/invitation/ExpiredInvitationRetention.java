package de.industriedialog.gateway.invitation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes expired invitations (issue 16, docs/adr/0014). After its expiry an invitation's
 * link no longer works, used or not; the document still holds the invited address and who
 * invited. Kept for the period after expiry, so a late click still gets „abgelaufen" or
 * „schon benutzt" rather than „unbekannt"; then deleted. A used invitation's account
 * keeps the address and initiative for itself.
 * <p>
 * One conditional delete, so running again or on two replicas at once changes nothing
 * more.
 */
@Component
public class ExpiredInvitationRetention {

	private static final Logger log = LoggerFactory.getLogger(ExpiredInvitationRetention.class);

	private final ReactiveMongoTemplate mongo;

	private final Duration period;

	private final Clock clock;

	ExpiredInvitationRetention(ReactiveMongoTemplate mongo,
			@Value("${industriedialog.gateway.retention.expired-invitations:30d}") Duration period, Clock clock) {
		this.mongo = mongo;
		this.period = period;
		this.clock = clock;
	}

	/**
	 * Daily, on one replica (the lock is a document in the store). Runs on the
	 * scheduler's thread, never an event loop, so it may wait for the store.
	 */
	@Scheduled(cron = "${industriedialog.gateway.retention.cron:0 30 3 * * *}", zone = "Europe/Berlin")
	@SchedulerLock(name = "gateway-retention-expired-invitations", lockAtLeastFor = "1m", lockAtMostFor = "30m")
	public void run() {
		Long deleted = deleteExpired(this.clock.instant()).block(Duration.ofMinutes(10));
		// A count only: no address in the log.
		log.info("Retention: {} expired invitations deleted", deleted);
	}

	/** Deletes the invitations expired longer than the period ago; emits how many. */
	Mono<Long> deleteExpired(Instant now) {
		return this.mongo
			.remove(Query.query(Criteria.where("expiresAt").lt(Date.from(now.minus(this.period)))), Invitation.class)
			.map((result) -> result.getDeletedCount());
	}

}
