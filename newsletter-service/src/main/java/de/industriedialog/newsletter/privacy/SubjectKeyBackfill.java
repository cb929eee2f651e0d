package de.industriedialog.newsletter.privacy;

import de.industriedialog.newsletter.delivery.DeliveryRecords;
import de.industriedialog.newsletter.infobrief.InfobriefAuthors;
import de.industriedialog.newsletter.subscriber.SubscriberStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Keys the subscribers, delivery records and Infobrief authors stored before subject keys
 * existed (docs/adr/0015), once at startup. Idempotent and safe on several replicas at
 * once (each write is conditional on the key still missing); logs counts only.
 */
@Component
class SubjectKeyBackfill implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(SubjectKeyBackfill.class);

	private final SubscriberStore subscribers;

	private final DeliveryRecords deliveries;

	private final InfobriefAuthors authors;

	SubjectKeyBackfill(SubscriberStore subscribers, DeliveryRecords deliveries, InfobriefAuthors authors) {
		this.subscribers = subscribers;
		this.deliveries = deliveries;
		this.authors = authors;
	}

	@Override
	public void run(ApplicationArguments args) {
		int subscribers = this.subscribers.backfillSubjectKeys();
		long deliveries = this.deliveries.backfillSubjectKeys();
		int issues = this.authors.backfillSubjectKeys();
		if (subscribers > 0 || deliveries > 0 || issues > 0) {
			log.info("Privacy: {} subscriber(s), {} delivery record(s) and {} Infobrief author(s) given their "
					+ "subject key", subscribers, deliveries, issues);
		}
	}

}
