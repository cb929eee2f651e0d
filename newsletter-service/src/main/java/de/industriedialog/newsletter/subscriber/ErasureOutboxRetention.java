package de.industriedialog.newsletter.subscriber;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes the documents that carried the last events of erased subscribers once the relay
 * has published them ({@link SubscriberStore#removeErased}). They hold no personal data,
 * only a subscriber id that the delivery records keep anyway, but nothing needs them
 * after the events are out. Daily with the other retention jobs, on one replica; one
 * conditional delete, so a second run or replica changes nothing more.
 */
@Component
public class ErasureOutboxRetention {

	private static final Logger log = LoggerFactory.getLogger(ErasureOutboxRetention.class);

	private final SubscriberStore store;

	ErasureOutboxRetention(SubscriberStore store) {
		this.store = store;
	}

	@Scheduled(cron = "${industriedialog.newsletter.retention.cron:0 30 3 * * *}", zone = "Europe/Berlin")
	@SchedulerLock(name = "newsletter-retention-erasure-outbox", lockAtLeastFor = "1m", lockAtMostFor = "30m")
	public void run() {
		deletePublished();
	}

	/**
	 * @return how many documents were deleted
	 */
	public long deletePublished() {
		long deleted = this.store.deletePublishedErasures();
		log.info("Retention: {} published erasure outbox documents deleted", deleted);
		return deleted;
	}

}
