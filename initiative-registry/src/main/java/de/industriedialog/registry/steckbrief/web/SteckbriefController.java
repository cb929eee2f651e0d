package de.industriedialog.registry.steckbrief.web;

import java.net.URI;

import de.industriedialog.platform.security.CurrentUser;
import de.industriedialog.registry.steckbrief.Steckbrief;
import de.industriedialog.registry.steckbrief.Steckbriefe;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Writing Steckbriefe and moving them through review. Every endpoint needs a token (the
 * security filter answers 401 without one); who may do what is checked here, before
 * anything is loaded or changed, so a refused request never writes.
 */
@RestController
@RequestMapping("/api/initiatives")
@Tag(name = "Steckbrief bearbeiten", description = "Anlegen, Bearbeiten und Prüf-Workflow")
@SecurityRequirement(name = "bearer")
@ApiResponse(responseCode = "400", description = "Ungültige Eingabe (mit errors[field, message])",
		content = @Content(mediaType = "application/problem+json"))
@ApiResponse(responseCode = "401", description = "Nicht angemeldet",
		content = @Content(mediaType = "application/problem+json"))
@ApiResponse(responseCode = "403", description = "Keine Berechtigung",
		content = @Content(mediaType = "application/problem+json"))
@ApiResponse(responseCode = "404", description = "Steckbrief gibt es nicht",
		content = @Content(mediaType = "application/problem+json"))
@ApiResponse(responseCode = "409",
		description = "Schritt im aktuellen Status nicht erlaubt, oder gleichzeitige Änderung",
		content = @Content(mediaType = "application/problem+json"))
class SteckbriefController {

	private final Steckbriefe steckbriefe;

	SteckbriefController(Steckbriefe steckbriefe) {
		this.steckbriefe = steckbriefe;
	}

	@PostMapping
	@Operation(summary = "Create a Steckbrief in draft",
			description = "Staff create any; an initiative account that signed up creates the one of its own "
					+ "initiative (id = its initiative_id), once.")
	@ApiResponse(responseCode = "201", description = "Angelegt")
	@ApiResponse(responseCode = "409", description = "Die Initiative hat schon einen Steckbrief",
			content = @Content(mediaType = "application/problem+json"))
	ResponseEntity<SteckbriefDetails> create(@Valid @RequestBody SteckbriefInput input, CurrentUser user) {
		Steckbrief steckbrief;
		if (!user.isStaff() && user.roles().contains(CurrentUser.INITIATIVE) && user.initiativeId() != null) {
			steckbrief = this.steckbriefe.createOwn(user.initiativeId(), input.toData(), user.subject());
		}
		else {
			user.requireStaff();
			steckbrief = this.steckbriefe.create(input.toData(), user.subject());
		}
		SteckbriefDetails created = SteckbriefDetails.of(steckbrief);
		return ResponseEntity.created(URI.create("/api/initiatives/" + created.profile().id())).body(created);
	}

	@PutMapping("/{id}")
	@Operation(summary = "Replace the content (the initiative itself or staff)",
			description = "A change to a published profile is announced as SteckbriefUpdated. "
					+ "Send the version of the last answer to be protected against concurrent edits.")
	SteckbriefDetails update(@PathVariable String id, @Valid @RequestBody SteckbriefInput input, CurrentUser user) {
		user.requireActFor(id);
		return SteckbriefDetails.of(this.steckbriefe.update(id, input.toData(), input.version()));
	}

	@PostMapping("/{id}/submit")
	@Operation(summary = "Send for review: DRAFT → IN_REVIEW (the initiative itself or staff)")
	SteckbriefDetails submit(@PathVariable String id, CurrentUser user) {
		user.requireActFor(id);
		return SteckbriefDetails.of(this.steckbriefe.submit(id, user.subject()));
	}

	@PostMapping("/{id}/publish")
	@Operation(summary = "Publish: IN_REVIEW → PUBLISHED (staff)")
	SteckbriefDetails publish(@PathVariable String id, CurrentUser user) {
		user.requireStaff();
		return SteckbriefDetails.of(this.steckbriefe.publish(id, user.subject()));
	}

	@PostMapping("/{id}/withdraw")
	@Operation(summary = "Withdraw: PUBLISHED → WITHDRAWN (staff)")
	SteckbriefDetails withdraw(@PathVariable String id, @Valid @RequestBody(required = false) WithdrawInput input,
			CurrentUser user) {
		user.requireStaff();
		String reason = (input != null) ? SteckbriefInput.blankToNull(input.reason()) : null;
		return SteckbriefDetails.of(this.steckbriefe.withdraw(id, reason, user.subject()));
	}

	@PostMapping("/{id}/rework")
	@Operation(summary = "Back to draft: IN_REVIEW or WITHDRAWN → DRAFT (staff)")
	SteckbriefDetails rework(@PathVariable String id, CurrentUser user) {
		user.requireStaff();
		return SteckbriefDetails.of(this.steckbriefe.rework(id, user.subject()));
	}

}
