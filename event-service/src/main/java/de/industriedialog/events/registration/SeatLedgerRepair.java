package de.industriedialog.events.registration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Recounts the confirmed seats of every event at start. A crash between taking a seat and
 * storing the registration leaves the count one too high (see {@link SeatLedger}); the
 * registrations themselves are the truth, so the count is set from them, and seats that
 * turn out free go to the people waiting.
 */
@Component
class SeatLedgerRepair {

	private static final Logger log = LoggerFactory.getLogger(SeatLedgerRepair.class);

	private final SeatLedger ledger;

	private final RegistrationStore store;

	private final Registrations registrations;

	SeatLedgerRepair(SeatLedger ledger, RegistrationStore store, Registrations registrations) {
		this.ledger = ledger;
		this.store = store;
		this.registrations = registrations;
	}

	@EventListener(ApplicationReadyEvent.class)
	void recount() {
		for (String eventId : this.ledger.eventIds()) {
			long actual = this.store.countConfirmed(eventId);
			if (actual != this.ledger.confirmed(eventId)) {
				log.warn("Seat count of event {} was {}, registrations say {}; corrected", eventId,
						this.ledger.confirmed(eventId), actual);
				this.ledger.setConfirmed(eventId, actual);
				this.registrations.promoteWaiting(eventId);
			}
		}
	}

}
