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
import de.industriedialog.platform.web.ClientAddress;
import de.industriedialog.platform.web.NotFoundException;
import de.industriedialog.platform.web.QrCodeSvg;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

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
			description = "202 with a message for every accepted request, whether the address was new (a seat or a "
					+ "place on the waitlist) or already registered (nothing changes, the person gets a mail "
					+ "saying so, at most once a day): the answer must not tell anyone whether an address is "
					+ "registered. The status and the personal link come by mail only. An address whose "
					+ "registration was cancelled registers anew. Limited per client address, per address and "
					+ "event, and per event (industriedialog.registration.rate-limit.*).")
	@ApiResponse(responseCode = "202", description = "Accepted; the outcome and the personal link come by mail")
	@ApiResponse(responseCode = "400", description = "Invalid input, German problem details with errors[]")
	@ApiResponse(responseCode = "409", description = "Registration not open (planned, closed, cancelled, window)")
	@ApiResponse(responseCode = "429",
			description = "Too many registrations from this address or for this event; German problem details and "
					+ "Retry-After in seconds")
	ResponseEntity<RegistrationReceipt> register(@PathVariable String eventId, @RequestBody RegistrationRequest request,
			HttpServletRequest http) {
		this.registrations.register(eventId, request.form(), ClientAddress.of(http));
		// The same answer whatever happened: see the description above.
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(RegistrationReceipt.ACCEPTED);
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
	 * The answer to every accepted registration: nothing in it may depend on whether the
	 * address was registered before, so neither the status nor the link (only the mailbox
	 * owner may have it).
	 */
	record RegistrationReceipt(String message) {

		static final RegistrationReceipt ACCEPTED = new RegistrationReceipt(
				"Danke für deine Anmeldung! Wir schicken dir gleich eine E-Mail: Darin steht, ob du einen Platz hast "
						+ "oder auf der Warteliste stehst, und der Link zu deiner persönlichen Anmeldeseite. "
						+ "Falls keine E-Mail ankommt, schau bitte auch im Spam-Ordner nach.");

	}

	record Availability(int capacity, int confirmed, int seatsLeft, boolean registrationOpen) {
	}

}
