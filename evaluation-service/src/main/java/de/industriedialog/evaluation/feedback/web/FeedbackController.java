package de.industriedialog.evaluation.feedback.web;

import de.industriedialog.evaluation.feedback.Feedback;
import de.industriedialog.evaluation.feedback.FeedbackForm;
import de.industriedialog.platform.web.ClientAddress;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The participant's side: no account, the personal token or the event link decides
 * (listed in {@code industriedialog.security.public-writes}).
 */
@RestController
@RequestMapping("/api/feedback")
@Tag(name = "Feedback", description = "Evaluationsbogen ausfüllen, ohne Konto")
class FeedbackController {

	private final Feedback feedback;

	FeedbackController(Feedback feedback) {
		this.feedback = feedback;
	}

	@GetMapping("/forms")
	@Operation(summary = "The form behind a personal token or an event link")
	@ApiResponse(responseCode = "404", description = "Unknown link")
	@ApiResponse(responseCode = "409", description = "Already used")
	@ApiResponse(responseCode = "410", description = "Revoked, disabled or event cancelled")
	FeedbackForm form(
			@Parameter(description = "Personal token from the mail") @RequestParam(required = false) String token,
			@Parameter(description = "Token of the event's shared link") @RequestParam(required = false) String link) {
		return this.feedback.form(token, link);
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Submit the form once; stored anonymously")
	@ApiResponse(responseCode = "201", description = "Stored")
	@ApiResponse(responseCode = "400", description = "Unknown codes, text too long or nothing answered; errors[]")
	@ApiResponse(responseCode = "404", description = "Unknown link")
	@ApiResponse(responseCode = "409", description = "Already used (token or device), or questions just changed")
	@ApiResponse(responseCode = "410", description = "Revoked, disabled or event cancelled")
	@ApiResponse(responseCode = "429", description = "Too many submissions from one address through the event link")
	SubmittedView submit(@RequestBody SubmitRequest request, HttpServletRequest http) {
		return new SubmittedView(this.feedback.submit(request.submission(), ClientAddress.of(http)));
	}

}
