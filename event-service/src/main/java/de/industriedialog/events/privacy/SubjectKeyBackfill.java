package de.industriedialog.events.privacy;

import de.industriedialog.events.registration.RegistrationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Keys the registrations stored before subject keys existed (docs/adr/0015), once at
 * startup. Idempotent and safe on several replicas at once
 * ({@link RegistrationStore#backfillSubjectKeys}); logs a count only.
 */
@Component
class SubjectKeyBackfill implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(SubjectKeyBackfill.class);

	private final RegistrationStore store;

	SubjectKeyBackfill(RegistrationStore store) {
		this.store = store;
	}

	@Override
	public void run(ApplicationArguments args) {
		int keyed = this.store.backfillSubjectKeys();
		if (keyed > 0) {
			log.info("Privacy: {} registration(s) given their subject key", keyed);
		}
	}

}
