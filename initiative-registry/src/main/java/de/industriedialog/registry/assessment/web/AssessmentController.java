package de.industriedialog.registry.assessment.web;

import de.industriedialog.platform.security.CurrentUser;
import de.industriedialog.registry.assessment.SelfAssessments;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The self-assessment of an initiative. Not public: only the initiative itself and staff
 * read or write it (the read is listed in
 * {@code industriedialog.security.protected-reads}).
 */
@RestController
@RequestMapping("/api/initiatives/{id}/assessment")
@Tag(name = "Selbsteinschätzung", description = "Raster der zehn Good-Practice-Kriterien")
@SecurityRequirement(name = "bearer")
@ApiResponse(responseCode = "401", description = "Nicht angemeldet",
		content = @Content(mediaType = "application/problem+json"))
@ApiResponse(responseCode = "403", description = "Nicht die eigene Initiative",
		content = @Content(mediaType = "application/problem+json"))
@ApiResponse(responseCode = "404", description = "Initiative gibt es nicht",
		content = @Content(mediaType = "application/problem+json"))
class AssessmentController {

	private final SelfAssessments assessments;

	AssessmentController(SelfAssessments assessments) {
		this.assessments = assessments;
	}

	@PutMapping
	@Operation(summary = "Record a new self-assessment (kept with the earlier ones)")
	@ApiResponse(responseCode = "400", description = "Ungültige Eingabe (mit errors[field, message])",
			content = @Content(mediaType = "application/problem+json"))
	AssessmentView record(@PathVariable String id, @Valid @RequestBody AssessmentInput input, CurrentUser user) {
		user.requireActFor(id);
		return AssessmentView.of(this.assessments.record(id, input.toRatings(), user.subject()));
	}

	@GetMapping
	@Operation(summary = "The grid: latest assessment against the relevance for the initiative's type, "
			+ "and the history")
	AssessmentView get(@PathVariable String id, CurrentUser user) {
		user.requireActFor(id);
		return AssessmentView.of(this.assessments.of(id));
	}

}
