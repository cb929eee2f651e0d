package de.industriedialog.newsletter.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import de.industriedialog.newsletter.NewsletterProperties;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Drops the address copies on the delivery records of finished sends once their report
 * period is over (issue 16, docs/adr/0014). A delivery needs the address only while the
 * send runs; afterwards the subscriber document has it as long as the person is
 * subscribed, and the record of the send keeps only ids, states and counts. The send
 * report reads the counters of the finished job, which stay as they are.
 * <p>
 * Idempotent: each send is cleared by one conditional update of its deliveries and then
 * marked, so a second run (or a second replica) finds nothing to do.
 */
@Component
public class DeliveryAddressRetention {

	private static final Logger log = LoggerFactory.getLogger(DeliveryAddressRetention.class);

	private final DeliveryStore store;

	private final Duration reportPeriod;

	private final Clock clock;

	DeliveryAddressRetention(DeliveryStore store, NewsletterProperties properties, Clock clock) {
		this.store = store;
		this.reportPeriod = properties.retention().deliveryAddresses();
		this.clock = clock;
	}

	/** Daily, on one replica (the lock is a document in the store). */
	@Scheduled(cron = "${industriedialog.newsletter.retention.cron:0 30 3 * * *}", zone = "Europe/Berlin")
	@SchedulerLock(name = "newsletter-retention-delivery-addresses", lockAtLeastFor = "1m", lockAtMostFor = "30m")
	public void run() {
		dropAddresses(this.clock.instant());
	}

	/**
	 * @return how many deliveries held an address
	 */
	long dropAddresses(Instant now) {
		long dropped = 0;
		int sends = 0;
		for (String issueId : this.store.finishedWithAddresses(now.minus(this.reportPeriod))) {
			dropped += this.store.dropAddresses(issueId);
			this.store.markAddressesDropped(issueId, now);
			sends++;
		}
		log.info("Retention: addresses dropped from {} deliveries of {} finished sends", dropped, sends);
		return dropped;
	}

}
