package de.industriedialog.events.registration;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import de.industriedialog.events.dialogueevent.DialogueEvent;
import de.industriedialog.events.dialogueevent.DialogueEvents;
import de.industriedialog.events.initiative.InitiativeReplication;
import de.industriedialog.platform.security.CurrentUser;
import de.industriedialog.platform.web.ConflictException;
import de.industriedialog.platform.web.GermanProblemDetails.FieldProblem;
import de.industriedialog.platform.web.InvalidInputException;
import de.industriedialog.platform.web.NotFoundException;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * "Anmeldung an der Tür": the organiser registers a person who came without registering
 * and checks them in at once. The seat comes from the same {@link SeatLedger} as every
 * registration, so a full event stays full (no waitlist at the door: the person is
 * standing there), and the registration window does not matter, only that check-in is
 * possible (event open or closed). Published like a registration plus a check-in.
 */
@Service
public class WalkIns {

	private final DialogueEvents events;

	private final RegistrationStore store;

	private final SeatLedger ledger;

	private final RegistrationMessages messages;

	private final RegistrationTokens tokens;

	private final InitiativeReplication initiatives;

	private final Clock clock;

	private final MeterRegistry meterRegistry;

	private final Registrations registrations;

	WalkIns(DialogueEvents events, RegistrationStore store, SeatLedger ledger, RegistrationMessages messages,
			RegistrationTokens tokens, InitiativeReplication initiatives, Clock clock, MeterRegistry meterRegistry,
			Registrations registrations) {
		this.registrations = registrations;
		this.events = events;
		this.store = store;
		this.ledger = ledger;
		this.messages = messages;
		this.tokens = tokens;
		this.initiatives = initiatives;
		this.clock = clock;
		this.meterRegistry = meterRegistry;
	}

	/**
	 * @return the new registration, confirmed and checked in
	 * @throws ConflictException if the event is full, not open or closed, or the address
	 * is already registered for it
	 */
	public Registration admit(CurrentUser user, String eventId, WalkInForm form) {
		DialogueEvent event = this.events.find(eventId)
			.orElseThrow(() -> new NotFoundException("Diese Veranstaltung gibt es nicht."));
		user.requireActFor(event.initiativeId());
		List<FieldProblem> problems = form.problems();
		if (problems.isEmpty() && form.representedInitiativeId() != null
				&& this.initiatives.find(form.representedInitiativeId()).isEmpty()) {
			problems = List.of(new FieldProblem("representedInitiativeId", WalkInForm.UNKNOWN_INITIATIVE));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(
					"Bitte prüfen Sie die Angaben: "
							+ String.join(", ", problems.stream().map(FieldProblem::field).distinct().toList()) + ".",
					problems);
		}
		CheckIns.requireCheckInPossible(event);
		if (form.emailKey() != null && this.store.findByEmail(eventId, form.emailKey()).isPresent()) {
			throw alreadyRegistered();
		}
		if (!this.ledger.claimSeat(eventId, event.capacity())) {
			throw full(event);
		}
		String id = UUID.randomUUID().toString();
		Instant now = this.clock.instant();
		Registration registration = Registration.walkIn(id, eventId, event.initiativeId(), form, now);
		registration.raise(this.messages.confirmed(registration, now));
		registration.advanceVersion();
		registration.raise(this.messages.checkedIn(registration, registration.version(), CheckIns.MANUAL,
				RegistrationTokens.sha256(this.tokens.feedbackToken(id)), now));
		try {
			Registration stored = this.store.insert(registration);
			this.meterRegistry.counter("registrations", "outcome", "walk_in").increment();
			return stored;
		}
		catch (DuplicateKeyException ex) {
			// The same address at the same moment through another request: it has the
			// seat.
			this.ledger.releaseSeat(eventId);
			this.registrations.promoteWaiting(eventId);
			throw alreadyRegistered();
		}
	}

	private static ConflictException full(DialogueEvent event) {
		return new ConflictException("Die Veranstaltung ist ausgebucht: alle " + event.capacity()
				+ " Plätze sind vergeben. Erhöhen Sie die Kapazität, wenn im Raum noch Platz ist.");
	}

	private static ConflictException alreadyRegistered() {
		return new ConflictException("Mit dieser E-Mail-Adresse gibt es schon eine Anmeldung für diese "
				+ "Veranstaltung. Bitte checken Sie die Person über die Liste ein.");
	}

}
