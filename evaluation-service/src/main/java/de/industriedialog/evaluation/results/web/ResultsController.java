package de.industriedialog.evaluation.results.web;

import de.industriedialog.evaluation.results.EventResults;
import de.industriedialog.evaluation.results.EventResultsQuery;
import de.industriedialog.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Results per event; a protected read ({@code industriedialog.security.protected-reads}),
 * ownership checked in {@link EventResultsQuery}.
 */
@RestController
@RequestMapping("/api/feedback/results")
@Tag(name = "Auswertung", description = "Ergebnisse des Evaluationsbogens je Veranstaltung")
class ResultsController {

	private final EventResultsQuery results;

	ResultsController(EventResultsQuery results) {
		this.results = results;
	}

	@GetMapping("/{eventId}")
	@Operation(summary = "Results of an event: distributions, top-two shares, groups, free texts",
			description = "Figures over fewer answers than industriedialog.feedback.min-group-size are suppressed.",
			security = @SecurityRequirement(name = "bearer"))
	@ApiResponse(responseCode = "401", description = "No valid token")
	@ApiResponse(responseCode = "403", description = "Not the organising initiative")
	@ApiResponse(responseCode = "404", description = "Event not known")
	EventResults results(CurrentUser user, @PathVariable String eventId) {
		return this.results.results(user, eventId);
	}

}
