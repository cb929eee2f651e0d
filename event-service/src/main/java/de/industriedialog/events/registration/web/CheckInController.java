package de.industriedialog.events.registration.web;

import java.time.OffsetDateTime;
import java.util.List;

import de.industriedialog.events.registration.CheckIns;
import de.industriedialog.events.registration.ParticipantGroup;
import de.industriedialog.events.registration.Registration;
import de.industriedialog.events.registration.RegistrationStatus;
import de.industriedialog.events.registration.Registrations;
import de.industriedialog.events.registration.WalkInForm;
import de.industriedialog.events.registration.WalkIns;
import de.industriedialog.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The door list and check-in for the event's initiative and staff.
 */
@RestController
@Tag(name = "Check-in", description = "Teilnehmendenliste und Check-in für die Initiative")
class CheckInController {

	private final CheckIns checkIns;

	private final Registrations registrations;

	private final WalkIns walkIns;

	CheckInController(CheckIns checkIns, Registrations registrations, WalkIns walkIns) {
		this.checkIns = checkIns;
		this.registrations = registrations;
		this.walkIns = walkIns;
	}

	@PostMapping("/api/events/{eventId}/walk-ins")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Register a person at the door and check them in at once (organiser)",
			description = "Takes a seat like a registration (no waitlist: a full event answers 409); allowed while "
					+ "the event is open or closed, whatever the registration window. Without e-mail no mail is sent.",
			security = @SecurityRequirement(name = "bearer"))
	@ApiResponse(responseCode = "201", description = "Registered and checked in")
	@ApiResponse(responseCode = "400", description = "Invalid input, German problem details with errors[]")
	@ApiResponse(responseCode = "409",
			description = "Full (\"ausgebucht\"), not open or closed, or address " + "already registered")
	Entry walkIn(CurrentUser user, @PathVariable String eventId, @RequestBody WalkInRequest request) {
		return Entry.of(this.walkIns.admit(user, eventId, request.form()));
	}

	@PostMapping("/api/events/{eventId}/registrations/{registrationId}/cancel")
	@Operation(summary = "Cancel a registration on behalf of the participant (organiser)",
			security = @SecurityRequirement(name = "bearer"))
	Entry cancel(CurrentUser user, @PathVariable String eventId, @PathVariable String registrationId) {
		return Entry.of(this.registrations.cancelByOrganiser(user, eventId, registrationId));
	}

	@GetMapping("/api/events/{eventId}/registrations")
	@Operation(summary = "Registrations of an event with search and attendance per group",
			security = @SecurityRequirement(name = "bearer"))
	DoorListView list(CurrentUser user, @PathVariable String eventId, @RequestParam(required = false) String q) {
		CheckIns.DoorList list = this.checkIns.list(user, eventId, q);
		return new DoorListView(eventId, list.event().title(), list.event().status().name(), list.summary(),
				list.registrations().stream().map(Entry::of).toList());
	}

	@PostMapping("/api/events/{eventId}/check-ins")
	@Operation(summary = "Check a participant in by the QR code (token) or by hand (registrationId)",
			security = @SecurityRequirement(name = "bearer"))
	CheckInResult checkIn(CurrentUser user, @PathVariable String eventId, @RequestBody CheckInRequest request) {
		CheckIns.CheckedIn result = this.checkIns.checkIn(user, eventId, blankToNull(request.token()),
				blankToNull(request.registrationId()));
		return new CheckInResult(Entry.of(result.registration()), !result.changed());
	}

	@DeleteMapping("/api/events/{eventId}/check-ins/{registrationId}")
	@Operation(summary = "Undo a check-in", security = @SecurityRequirement(name = "bearer"))
	Entry undo(CurrentUser user, @PathVariable String eventId, @PathVariable String registrationId) {
		return Entry.of(this.checkIns.undo(user, eventId, registrationId));
	}

	private static String blankToNull(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String stripped = value.strip();
		// A scanned QR code holds the whole link; the token is its last parameter.
		int at = stripped.indexOf("token=");
		return (at >= 0) ? stripped.substring(at + "token=".length()) : stripped;
	}

	record CheckInRequest(String token, String registrationId) {
	}

	record WalkInRequest(String name,
			@Schema(description = "Optional; without it the person gets no mail") String email, String organisation,
			ParticipantGroup participantGroup,
			@Schema(description = "Optional: the initiative the person comes for, an id from GET /api/initiatives") String representedInitiativeId) {

		WalkInForm form() {
			return new WalkInForm(this.name, this.email, this.organisation, this.participantGroup,
					this.representedInitiativeId);
		}

	}

	record CheckInResult(Entry registration, boolean alreadyCheckedIn) {
	}

	record DoorListView(String eventId, String eventTitle, String eventStatus, CheckIns.Summary summary,
			List<Entry> registrations) {
	}

	record Entry(String id, String name, String email, String organisation, ParticipantGroup participantGroup,
			RegistrationStatus status, long waitlistPosition, boolean checkedIn, OffsetDateTime checkedInAt,
			OffsetDateTime registeredAt, boolean walkIn, String representedInitiativeId) {

		static Entry of(Registration registration) {
			return new Entry(registration.id(), registration.name(), registration.email(), registration.organisation(),
					registration.participantGroup(), registration.status(), registration.waitlistPosition(),
					registration.checkedIn(),
					(registration.checkedInAt() != null)
							? registration.checkedInAt().atZone(RegistrationView.BERLIN).toOffsetDateTime() : null,
					registration.registeredAt().atZone(RegistrationView.BERLIN).toOffsetDateTime(),
					registration.walkIn(), registration.representedInitiativeId());
		}

	}

}
