package de.industriedialog.registry.privacy;

import de.industriedialog.registry.steckbrief.Steckbriefe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Keys the contacts stored before subject keys existed (docs/adr/0015), once at startup.
 * Idempotent and safe on several replicas at once ({@link Steckbriefe#keyContacts}); logs
 * a count only.
 */
@Component
class ContactKeyBackfill implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(ContactKeyBackfill.class);

	private final Steckbriefe steckbriefe;

	ContactKeyBackfill(Steckbriefe steckbriefe) {
		this.steckbriefe = steckbriefe;
	}

	@Override
	public void run(ApplicationArguments args) {
		int keyed = this.steckbriefe.keyContacts();
		if (keyed > 0) {
			log.info("Privacy: {} Steckbrief contact(s) given their subject key", keyed);
		}
	}

}
