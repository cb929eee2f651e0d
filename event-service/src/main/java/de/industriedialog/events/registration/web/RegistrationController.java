package de.industriedialog.events.registration.web;

import java.time.Clock;

import de.industriedialog.events.dialogueevent.DialogueEvent;
import de.industriedialog.events.dialogueevent.DialogueEvents;
import de.industriedialog.events.dialogueevent.EventStatus;
import de.industriedialog.events.registration.ParticipantForm;
import de.industriedialog.events.registration.Registration;
import de.industriedialog.events.registration.RegistrationStatus;
import de.industriedialog.events.registration.RegistrationTokens;
import de.industriedialog.events.registration.Registrations;
import de.industriedialog.platform.web.NotFoundException;
import de.industriedialog.platform.web.QrCodeSvg;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Registration for participants, without an account: the personal token in the link
 * returned here (and mailed) is the key to view and cancel.
 */
@RestController
@Tag(name = "Anmeldungen", description = "Anmeldung von Teilnehmenden, persönliche Anmeldeseite")
class RegistrationController {

	private final Registrations registrations;

	private final DialogueEvents events;

	private final RegistrationTokens tokens;

	private final String publicUrl;

	private final Clock clock;

	RegistrationController(Registrations registrations, DialogueEvents events, RegistrationTokens tokens,
			@Value("${industriedialog.public-url}") String publicUrl, Clock clock) {
		this.registrations = registrations;
		this.events = events;
		this.tokens = tokens;
		this.publicUrl = publicUrl;
		this.clock = clock;
	}

	@PostMapping("/api/events/{eventId}/registrations")
	@Operation(summary = "Register for an open event (public)",
			description = "201 with the personal link for a new registration (CONFIRMED or WAITLISTED); 200 without "
					+ "link if the address is already registered.")
	@ApiResponse(responseCode = "400", description = "Invalid input, German problem details with errors[]")
	@ApiResponse(responseCode = "409", description = "Registration not open (planned, closed, cancelled, window)")
	ResponseEntity<RegistrationReceipt> register(@PathVariable String eventId,
			@RequestBody RegistrationRequest request) {
		Registrations.Registered result = this.registrations.register(eventId, request.form());
		Registration registration = result.registration();
		if (!result.created()) {
			return ResponseEntity.ok(new RegistrationReceipt(false, registration.status(), null, null,
					"Mit dieser E-Mail-Adresse bist du für diese Veranstaltung schon angemeldet ("
							+ registration.status().germanName()
							+ "). Deinen persönlichen Link findest du in der Bestätigungs-E-Mail."));
		}
		String token = this.tokens.personalToken(registration.id());
		String message = (registration.status() == RegistrationStatus.CONFIRMED)
				? "Du bist angemeldet. Wir haben dir eine Bestätigung per E-Mail geschickt."
				: "Alle Plätze sind vergeben: Du stehst auf der Warteliste und bekommst eine E-Mail, sobald ein Platz "
						+ "für dich frei wird.";
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(new RegistrationReceipt(true, registration.status(), token, link(token), message));
	}

	@GetMapping("/api/registrations/{token}")
	@Operation(summary = "The personal registration page (public with the token)")
	RegistrationView view(@PathVariable String token) {
		return view(this.registrations.byToken(token));
	}

	@PostMapping("/api/registrations/{token}/cancel")
	@Operation(summary = "Cancel through the personal link (public with the token)")
	@ApiResponse(responseCode = "409", description = "The event has begun or taken place")
	RegistrationView cancel(@PathVariable String token) {
		return view(this.registrations.cancel(token));
	}

	@GetMapping(path = "/api/registrations/{token}/qr.svg", produces = "image/svg+xml")
	@Operation(summary = "QR code of the personal link, scanned at check-in (public with the token)")
	ResponseEntity<String> qrCode(@PathVariable String token) {
		Registration registration = this.registrations.byToken(token);
		return ResponseEntity.ok()
			.cacheControl(org.springframework.http.CacheControl.noStore())
			.body(QrCodeSvg.of(link(this.tokens.personalToken(registration.id())), "QR-Code für den Check-in"));
	}

	@GetMapping("/api/events/{eventId}/availability")
	@Operation(summary = "Free seats and whether registration is open (public)")
	Availability availability(@PathVariable String eventId) {
		DialogueEvent event = this.events.find(eventId)
			.orElseThrow(() -> new NotFoundException("Diese Veranstaltung gibt es nicht."));
		int confirmed = this.registrations.confirmedSeats(eventId);
		var now = this.clock.instant();
		boolean open = event.status() == EventStatus.OPEN && now.isBefore(event.start())
				&& (event.registrationOpens() == null || !now.isBefore(event.registrationOpens()))
				&& (event.registrationCloses() == null || now.isBefore(event.registrationCloses()));
		return new Availability(event.capacity(), confirmed, Math.max(0, event.capacity() - confirmed), open);
	}

	private RegistrationView view(Registration registration) {
		DialogueEvent event = this.events.find(registration.eventId()).orElseThrow();
		boolean cancellable = registration.status() != RegistrationStatus.CANCELLED
				&& event.status() != EventStatus.HELD && this.clock.instant().isBefore(event.start());
		return RegistrationView.of(registration, event, this.registrations.waitlistRank(registration), cancellable);
	}

	private String link(String token) {
		return this.publicUrl + "/anmeldung.html?token=" + token;
	}

	record RegistrationRequest(String name, String email, String organisation,
			de.industriedialog.events.registration.ParticipantGroup participantGroup, Boolean consent,
			String consentVersion,
			@Schema(description = "Optional: the initiative the person comes for (\"Ich vertrete die Initiative …\"), "
					+ "an id from GET /api/initiatives") String representedInitiativeId) {

		ParticipantForm form() {
			return new ParticipantForm(this.name, this.email, this.organisation, this.participantGroup,
					Boolean.TRUE.equals(this.consent), this.consentVersion, this.representedInitiativeId);
		}

	}

	/**
	 * @param created {@code false} if the address was already registered (then without
	 * token and link, which only the mailbox owner may have)
	 */
	record RegistrationReceipt(boolean created, RegistrationStatus status, String token, String link, String message) {
	}

	record Availability(int capacity, int confirmed, int seatsLeft, boolean registrationOpen) {
	}

}
