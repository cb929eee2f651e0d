package de.industriedialog.events.registration;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import de.industriedialog.events.dialogueevent.DialogueEvent;
import de.industriedialog.events.dialogueevent.DialogueEvents;
import de.industriedialog.events.dialogueevent.EventStatus;
import de.industriedialog.events.initiative.InitiativeReplication;
import de.industriedialog.events.registration.RegistrationMessages.CancelledBy;
import de.industriedialog.platform.security.CurrentUser;
import de.industriedialog.platform.web.ConflictException;
import de.industriedialog.platform.web.GermanProblemDetails.FieldProblem;
import de.industriedialog.platform.web.InvalidInputException;
import de.industriedialog.platform.web.NotFoundException;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Registering, cancelling and moving up from the waitlist. Seats are handed out by
 * {@link SeatLedger}: never more confirmed than the capacity, however many requests
 * arrive at once; everyone beyond it waits in the order they came.
 */
@Service
public class Registrations {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	private static final DateTimeFormatter GERMAN = DateTimeFormatter.ofPattern("dd.MM.yyyy 'um' HH:mm 'Uhr'")
		.withZone(BERLIN);

	/** Bounds one promotion run; each round either promotes someone or stops. */
	private static final int MAX_PROMOTIONS_PER_RUN = 10_000;

	private final DialogueEvents events;

	private final RegistrationStore store;

	private final SeatLedger ledger;

	private final RegistrationMessages messages;

	private final RegistrationTokens tokens;

	private final Clock clock;

	private final MeterRegistry meterRegistry;

	private final InitiativeReplication initiatives;

	private final RegistrationLimits limits;

	private final ApplicationEventPublisher publisher;

	Registrations(DialogueEvents events, RegistrationStore store, SeatLedger ledger, RegistrationMessages messages,
			RegistrationTokens tokens, Clock clock, MeterRegistry meterRegistry, InitiativeReplication initiatives,
			RegistrationLimits limits, ApplicationEventPublisher publisher) {
		this.initiatives = initiatives;
		this.limits = limits;
		this.publisher = publisher;
		this.events = events;
		this.store = store;
		this.ledger = ledger;
		this.messages = messages;
		this.tokens = tokens;
		this.clock = clock;
		this.meterRegistry = meterRegistry;
	}

	/**
	 * Registers a person: a seat if one is free, else a place on the waitlist. An address
	 * that is already registered (confirmed or waiting) keeps its registration and is
	 * told so by mail ({@link AlreadyRegisteredAttempt}); the caller answers both alike,
	 * so that the answer does not tell whether an address is registered. An address whose
	 * registration was cancelled registers anew.
	 * @param clientAddress where the request came from, for the rate limits
	 * @throws RegistrationLimitedException if a rate limit is reached
	 */
	public Registered register(String eventId, ParticipantForm form, String clientAddress) {
		var problems = form.problems();
		if (problems.isEmpty() && form.representedInitiativeId() != null
				&& this.initiatives.find(form.representedInitiativeId()).isEmpty()) {
			problems = List.of(new FieldProblem("representedInitiativeId", ParticipantForm.UNKNOWN_INITIATIVE));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException("Bitte prüfe deine Angaben.", problems);
		}
		DialogueEvent event = this.events.find(eventId)
			.orElseThrow(() -> new NotFoundException("Diese Veranstaltung gibt es nicht."));
		Instant now = this.clock.instant();
		requireRegistrationOpen(event, now);
		// Before the address is looked up: an existing address counts like a new one.
		this.limits.acquire(eventId, event.capacity(), clientAddress);
		for (int attempt = 1;; attempt++) {
			Optional<Registration> existing = this.store.findByEmail(eventId, form.emailKey());
			if (existing.isPresent()) {
				return alreadyRegistered(existing.get(), now);
			}
			String id = UUID.randomUUID().toString();
			long waitlistPosition = this.ledger.claimSeatOrWaitlistPosition(eventId, event.capacity());
			boolean seat = waitlistPosition == 0;
			Registration registration = seat ? Registration.confirmed(id, eventId, event.initiativeId(), form, now)
					: Registration.waitlisted(id, eventId, event.initiativeId(), form, waitlistPosition, now);
			registration
				.raise(seat ? this.messages.confirmed(registration, now) : this.messages.waitlisted(registration, now));
			try {
				Registration stored = this.store.insert(registration);
				this.meterRegistry.counter("registrations", "outcome", stored.status().name().toLowerCase())
					.increment();
				return new Registered(stored, true);
			}
			catch (DuplicateKeyException ex) {
				// The same address in two requests at the same moment: the other one won.
				if (seat) {
					this.ledger.releaseSeat(eventId);
					// The winner may have been put on the waitlist while this request
					// held
					// the seat it gives back now: hand the seat on.
					promoteWaiting(eventId);
				}
				// Looked up again: the winner, or nobody if it was cancelled in between
				// (then this request registers after all).
				if (attempt == 3) {
					throw new ConflictException(
							"Die Anmeldung wird gerade geändert. Bitte versuche es gleich noch einmal.");
				}
			}
		}
	}

	private Registered alreadyRegistered(Registration registration, Instant now) {
		this.meterRegistry.counter("registrations", "outcome", "already_registered").increment();
		// Synchronous: the mail is queued before the answer goes out, and a store that
		// is away fails this request as it would fail a new registration.
		this.publisher.publishEvent(new AlreadyRegisteredAttempt(registration, now));
		return new Registered(registration, false);
	}

	/**
	 * @throws RegistrationErasedException if the link is genuine but the registration was
	 * anonymised: the page, cancelling and the QR code then answer 410 Gone
	 */
	public Registration byToken(String token) {
		Registration registration = this.tokens.registrationIdOf(token)
			.flatMap(this.store::find)
			.orElseThrow(() -> new NotFoundException("Diesen Anmelde-Link kennen wir nicht. Bitte prüfe, ob du ihn "
					+ "vollständig aus der Bestätigungs-E-Mail übernommen hast."));
		if (registration.anonymised()) {
			throw new RegistrationErasedException();
		}
		return registration;
	}

	/** Position on the waitlist right now (1 = next); 0 unless waiting. */
	public long waitlistRank(Registration registration) {
		return (registration.status() == RegistrationStatus.WAITLISTED) ? this.store.waitlistRank(registration) : 0;
	}

	/**
	 * Cancels through the personal link. Cancelling twice is harmless; a freed seat goes
	 * to the first person waiting.
	 */
	public Registration cancel(String token) {
		return cancel(byToken(token), CancelledBy.PARTICIPANT);
	}

	/**
	 * Cancels on behalf of a participant (who phoned, or cannot come), for the event's
	 * initiative and staff.
	 */
	public Registration cancelByOrganiser(CurrentUser user, String eventId, String registrationId) {
		DialogueEvent event = this.events.find(eventId)
			.orElseThrow(() -> new NotFoundException("Diese Veranstaltung gibt es nicht."));
		user.requireActFor(event.initiativeId());
		Registration registration = this.store.find(registrationId)
			.filter((r) -> r.eventId().equals(eventId))
			.orElseThrow(() -> new NotFoundException("Diese Anmeldung gibt es bei dieser Veranstaltung nicht."));
		if (registration.anonymised()) {
			// An anonymous seat stays as it is: the figures of the event count it.
			throw new RegistrationErasedException();
		}
		return cancel(registration, CancelledBy.ORGANISER);
	}

	/**
	 * Cancels for an erasure request (GDPR Art. 17) as if the participant had cancelled:
	 * the seat goes to the waitlist and {@code RegistrationCancelled} is published as
	 * usual. Only for events that have not started.
	 */
	public Registration cancelForErasure(Registration registration) {
		return cancel(registration, CancelledBy.PARTICIPANT);
	}

	private Registration cancel(Registration registration, CancelledBy by) {
		DialogueEvent event = this.events.find(registration.eventId()).orElseThrow();
		for (int attempt = 0; attempt < 5; attempt++) {
			if (registration.status() == RegistrationStatus.CANCELLED) {
				return registration;
			}
			Instant now = this.clock.instant();
			if (event.status() == EventStatus.HELD || !now.isBefore(event.start())) {
				throw new ConflictException("Die Veranstaltung hat schon begonnen oder stattgefunden; eine Stornierung "
						+ "ist nicht mehr möglich.");
			}
			// The address key is released in the same write: the address may register
			// again, and while this write has not happened it may not.
			Update update = RegistrationStore.set("status", RegistrationStatus.CANCELLED)
				.set("cancelledAt", java.util.Date.from(now))
				.set("addressKey", registration.releasedAddressKey());
			Optional<Registration> cancelled = this.store.change(registration, update,
					this.messages.cancelled(registration, registration.version() + 1, by, now));
			if (cancelled.isPresent()) {
				this.meterRegistry.counter("registrations.cancelled", "by", by.name().toLowerCase()).increment();
				if (registration.status() == RegistrationStatus.CONFIRMED) {
					this.ledger.releaseSeat(registration.eventId());
					promoteWaiting(registration.eventId());
				}
				return cancelled.get();
			}
			// Changed meanwhile (promoted, checked in): decide again on the new state.
			registration = this.store.find(registration.id()).orElseThrow();
		}
		throw new ConflictException("Die Anmeldung wird gerade geändert. Bitte versuche es gleich noch einmal.");
	}

	/**
	 * Gives free seats to the people waiting, first come first served, as long as seats
	 * are free. Safe to run concurrently: a seat is taken before the waiting person is
	 * moved, and given back if someone else moved that person first.
	 */
	public int promoteWaiting(String eventId) {
		DialogueEvent event = this.events.find(eventId).orElse(null);
		if (event == null || event.status().isFinal()) {
			return 0;
		}
		int promoted = 0;
		for (int round = 0; round < MAX_PROMOTIONS_PER_RUN; round++) {
			Optional<Registration> next = this.store.firstWaiting(eventId);
			if (next.isEmpty() || !this.ledger.claimSeat(eventId, event.capacity())) {
				return promoted;
			}
			Registration waiting = next.get();
			Instant now = this.clock.instant();
			Update update = RegistrationStore.set("status", RegistrationStatus.CONFIRMED)
				.set("confirmedAt", java.util.Date.from(now));
			if (this.store.change(waiting, update, this.messages.promoted(waiting, waiting.version() + 1, now))
				.isPresent()) {
				promoted++;
				this.meterRegistry.counter("registrations.promoted").increment();
			}
			else {
				this.ledger.releaseSeat(eventId);
			}
		}
		return promoted;
	}

	public int confirmedSeats(String eventId) {
		return this.ledger.confirmed(eventId);
	}

	private static void requireRegistrationOpen(DialogueEvent event, Instant now) {
		String refusal = switch (event.status()) {
			case PLANNED -> "Die Anmeldung zu dieser Veranstaltung ist noch nicht geöffnet.";
			case CLOSED -> "Die Anmeldung zu dieser Veranstaltung ist geschlossen.";
			case CANCELLED -> "Diese Veranstaltung wurde abgesagt; eine Anmeldung ist nicht möglich.";
			case HELD -> "Diese Veranstaltung hat bereits stattgefunden.";
			case OPEN -> null;
		};
		if (refusal == null && event.registrationOpens() != null && now.isBefore(event.registrationOpens())) {
			refusal = "Die Anmeldung öffnet am " + GERMAN.format(event.registrationOpens()) + ".";
		}
		if (refusal == null && event.registrationCloses() != null && !now.isBefore(event.registrationCloses())) {
			refusal = "Die Anmeldefrist ist am " + GERMAN.format(event.registrationCloses()) + " abgelaufen.";
		}
		if (refusal == null && !now.isBefore(event.start())) {
			refusal = "Die Veranstaltung hat bereits begonnen; eine Anmeldung ist nicht mehr möglich.";
		}
		if (refusal != null) {
			throw new ConflictException(refusal);
		}
	}

	/**
	 * @param registration the new or the existing registration
	 * @param created {@code false} if the address was already registered
	 */
	public record Registered(Registration registration, boolean created) {
	}

}
