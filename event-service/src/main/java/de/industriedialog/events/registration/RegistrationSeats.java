package de.industriedialog.events.registration;

import de.industriedialog.events.dialogueevent.EventCapacityRaised;
import de.industriedialog.events.dialogueevent.SeatOccupancy;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Connects event edits with the seats: tells how many are taken, and fills new seats from
 * the waitlist.
 */
@Component
class RegistrationSeats implements SeatOccupancy {

	private final SeatLedger ledger;

	private final Registrations registrations;

	RegistrationSeats(SeatLedger ledger, Registrations registrations) {
		this.ledger = ledger;
		this.registrations = registrations;
	}

	@Override
	public int confirmedSeats(String eventId) {
		return this.ledger.confirmed(eventId);
	}

	@EventListener
	void onCapacityRaised(EventCapacityRaised raised) {
		this.registrations.promoteWaiting(raised.eventId());
	}

}
