package de.industriedialog.gateway.account;

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
 * Deletes unused sign-ups (issue 16, docs/adr/0014). A sign-up makes an account at once,
 * without confirming the address; it is in use from its first login. One nobody ever
 * logged in with holds an address that may not even belong to whoever typed it, and its
 * initiative has no Steckbrief (writing one needs a login), so nothing else refers to it.
 * <p>
 * Only accounts made by a sign-up carry the mark ({@link Account#unusedSince()}):
 * accounts from invitations, the first staff account and sign-ups from before the mark
 * are never touched. One conditional delete, so running again or on two replicas at once
 * changes nothing more.
 */
@Component
public class UnusedSignUpRetention {

	private static final Logger log = LoggerFactory.getLogger(UnusedSignUpRetention.class);

	private final ReactiveMongoTemplate mongo;

	private final Duration period;

	private final Clock clock;

	UnusedSignUpRetention(ReactiveMongoTemplate mongo,
			@Value("${industriedialog.gateway.retention.unused-sign-ups:30d}") Duration period, Clock clock) {
		this.mongo = mongo;
		this.period = period;
		this.clock = clock;
	}

	/**
	 * Daily, on one replica (the lock is a document in the store). Runs on the
	 * scheduler's thread, never an event loop, so it may wait for the store.
	 */
	@Scheduled(cron = "${industriedialog.gateway.retention.cron:0 30 3 * * *}", zone = "Europe/Berlin")
	@SchedulerLock(name = "gateway-retention-unused-sign-ups", lockAtLeastFor = "1m", lockAtMostFor = "30m")
	public void run() {
		Long deleted = deleteUnused(this.clock.instant()).block(Duration.ofMinutes(10));
		// A count only: no address in the log.
		log.info("Retention: {} unused sign-ups deleted", deleted);
	}

	/** Deletes the sign-ups nobody logged in with for the period; emits how many. */
	Mono<Long> deleteUnused(Instant now) {
		return this.mongo
			.remove(Query.query(Criteria.where("unusedSince").lt(Date.from(now.minus(this.period)))), Account.class)
			.map((result) -> result.getDeletedCount());
	}

}
