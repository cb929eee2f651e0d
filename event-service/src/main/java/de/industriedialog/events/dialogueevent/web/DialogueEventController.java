package de.industriedialog.events.dialogueevent.web;

import java.time.LocalDate;
import java.util.List;

import de.industriedialog.contracts.Bundesland;
import de.industriedialog.events.dialogueevent.DialogueEventQueries;
import de.industriedialog.events.dialogueevent.DialogueEvents;
import de.industriedialog.events.dialogueevent.EventStatus;
import de.industriedialog.platform.security.CurrentUser;
import de.industriedialog.platform.web.GermanProblemDetails.FieldProblem;
import de.industriedialog.platform.web.InvalidInputException;
import de.industriedialog.platform.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.data.domain.Pageable;
import org.springframework.data.web.PageableDefault;
import org.springframework.data.web.PagedModel;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Dialogue events over HTTP. Reads are public (every state, including cancelled events,
 * so that people see a cancellation); writes need the gateway's JWT, and ownership is
 * checked in {@link DialogueEvents}.
 */
@RestController
@RequestMapping("/api/events")
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
		description = "The short-lived JWT the gateway relays for the logged-in account")
@Tag(name = "Veranstaltungen", description = "Dialogveranstaltungen der Initiativen")
class DialogueEventController {

	private final DialogueEvents events;

	private final DialogueEventQueries queries;

	DialogueEventController(DialogueEvents events, DialogueEventQueries queries) {
		this.events = events;
		this.queries = queries;
	}

	@GetMapping
	@Operation(summary = "Dialogue events, filtered and paged, sorted by start")
	PagedModel<EventView> list(
			@Parameter(description = "Bundesland as ISO 3166-2 code, e.g. DE-NW") @RequestParam(
					required = false) String state,
			@Parameter(description = "Format code, e.g. WELT_CAFE") @RequestParam(required = false) String format,
			@Parameter(description = "Initiative id") @RequestParam(required = false) String initiative,
			@Parameter(description = "Lifecycle state") @RequestParam(required = false) EventStatus status,
			@Parameter(description = "First day (Europe/Berlin) the start may fall on") @RequestParam(
					required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@Parameter(description = "Last day (Europe/Berlin) the start may fall on") @RequestParam(
					required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@PageableDefault(size = 20) Pageable pageable) {
		if (pageable.getPageSize() > 100) {
			throw new InvalidInputException("Es können höchstens 100 Einträge je Seite abgerufen werden.",
					List.of(new FieldProblem("size", "Höchstens 100.")));
		}
		Bundesland land = (state != null) ? Bundesland.ofCode(state)
			.orElseThrow(() -> new InvalidInputException(
					"„" + state + "“ ist kein Bundesland-Code. Erlaubt sind DE-BW, DE-BY, … DE-TH.",
					List.of(new FieldProblem("state", "Unbekannter Bundesland-Code."))))
				: null;
		if (from != null && to != null && to.isBefore(from)) {
			throw new InvalidInputException("Das Ende des Zeitraums liegt vor seinem Beginn.",
					List.of(new FieldProblem("to", "Muss am oder nach „from“ liegen.")));
		}
		DialogueEventQueries.Filter filter = new DialogueEventQueries.Filter(land, format, initiative, status,
				(from != null) ? from.atStartOfDay(EventView.BERLIN).toInstant() : null,
				(to != null) ? to.plusDays(1).atStartOfDay(EventView.BERLIN).toInstant() : null);
		return new PagedModel<>(this.queries.list(filter, pageable).map(EventView::of));
	}

	@GetMapping("/{id}")
	@Operation(summary = "One dialogue event")
	EventView get(@PathVariable String id) {
		return this.events.find(id)
			.map(EventView::of)
			.orElseThrow(() -> new NotFoundException("Eine Veranstaltung mit dieser Kennung gibt es nicht."));
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Schedule a dialogue event (state PLANNED)",
			description = "An initiative account for its own published initiative, staff for any published one. "
					+ "Staff may enter a past event afterwards with recordedAfterwards=true.",
			security = @SecurityRequirement(name = "bearer"))
	@ApiResponse(responseCode = "201", description = "Scheduled")
	@ApiResponse(responseCode = "400", description = "Invalid input, German problem details with errors[]")
	@ApiResponse(responseCode = "401", description = "No valid token")
	@ApiResponse(responseCode = "403", description = "Other initiative, or initiative not published")
	EventView create(CurrentUser user, @RequestBody EventRequest request) {
		return EventView.of(this.events.create(user, request.initiativeId(), request.details(),
				Boolean.TRUE.equals(request.recordedAfterwards())));
	}

	@PutMapping("/{id}")
	@Operation(summary = "Change a dialogue event that is neither held nor cancelled",
			security = @SecurityRequirement(name = "bearer"))
	@ApiResponse(responseCode = "409", description = "Held/cancelled, or changed by someone else meanwhile")
	EventView update(CurrentUser user, @PathVariable String id, @RequestBody EventRequest request) {
		return EventView.of(this.events.update(user, id, request.initiativeId(), request.version(), request.details()));
	}

	@PostMapping("/{id}/open")
	@Operation(summary = "Open registration (PLANNED → OPEN)", security = @SecurityRequirement(name = "bearer"))
	@ApiResponse(responseCode = "409", description = "Not allowed in the current state")
	EventView open(CurrentUser user, @PathVariable String id) {
		return EventView.of(this.events.open(user, id));
	}

	@PostMapping("/{id}/close")
	@Operation(summary = "Close registration (OPEN → CLOSED)", security = @SecurityRequirement(name = "bearer"))
	@ApiResponse(responseCode = "409", description = "Not allowed in the current state")
	EventView close(CurrentUser user, @PathVariable String id) {
		return EventView.of(this.events.close(user, id));
	}

	@PostMapping("/{id}/held")
	@Operation(summary = "Record that the event took place (CLOSED → HELD)",
			security = @SecurityRequirement(name = "bearer"))
	@ApiResponse(responseCode = "409", description = "Not allowed in the current state")
	EventView held(CurrentUser user, @PathVariable String id) {
		return EventView.of(this.events.markHeld(user, id));
	}

	@PostMapping("/{id}/cancel")
	@Operation(summary = "Cancel (from PLANNED, OPEN or CLOSED)", security = @SecurityRequirement(name = "bearer"))
	@ApiResponse(responseCode = "409", description = "Already held or cancelled")
	EventView cancel(CurrentUser user, @PathVariable String id) {
		return EventView.of(this.events.cancel(user, id));
	}

}
