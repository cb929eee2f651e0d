package de.industriedialog.newsletter.subscriber;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Keys the suppression entries stored by plain address before subject keys existed
 * (docs/adr/0015), once at startup ({@link SubscriberStore#migrateSuppressions}); logs a
 * count only.
 */
@Component
class SuppressionMigration implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(SuppressionMigration.class);

	private final SubscriberStore store;

	SuppressionMigration(SubscriberStore store) {
		this.store = store;
	}

	@Override
	public void run(ApplicationArguments args) {
		int moved = this.store.migrateSuppressions();
		if (moved > 0) {
			log.info("Privacy: {} suppression entr(y/ies) moved from the address to its subject key", moved);
		}
	}

}
