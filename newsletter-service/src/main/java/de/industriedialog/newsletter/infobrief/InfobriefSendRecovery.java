package de.industriedialog.newsletter.infobrief;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;

import de.industriedialog.newsletter.delivery.DeliveryJobs;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Closes the gap between „issue is SENDING" and „delivery job exists": if the instance
 * died between the two writes, the job is started here (starting is idempotent).
 */
@Component
class InfobriefSendRecovery {

	private static final Logger log = LoggerFactory.getLogger(InfobriefSendRecovery.class);

	private static final Duration GRACE = Duration.ofSeconds(5);

	private final MongoOperations mongo;

	private final DeliveryJobs deliveryJobs;

	private final Clock clock;

	InfobriefSendRecovery(MongoOperations mongo, DeliveryJobs deliveryJobs, Clock clock) {
		this.mongo = mongo;
		this.deliveryJobs = deliveryJobs;
		this.clock = clock;
	}

	@Scheduled(fixedDelay = 5000, initialDelay = 2000)
	@SchedulerLock(name = "infobrief-send-recovery", lockAtLeastFor = "4s", lockAtMostFor = "5m")
	void startForgottenSends() {
		Query stale = Query.query(Criteria.where("status")
			.is(Infobrief.SENDING)
			.and("sendStartedAt")
			.lt(Date.from(this.clock.instant().minus(GRACE))));
		for (Infobrief issue : this.mongo.find(stale, Infobrief.class)) {
			if (this.deliveryJobs.progress(issue.id()).isEmpty()) {
				log.info("Infobrief {} is marked as sending but has no delivery job; starting it", issue.id());
				this.deliveryJobs.start(issue.id(), issue.segment().toSegment());
			}
		}
	}

}
