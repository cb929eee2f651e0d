package de.industriedialog.evaluation.feedback.web;

import java.net.URI;

import de.industriedialog.evaluation.feedback.FeedbackRefusedException;
import de.industriedialog.evaluation.feedback.Refusal;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Refusals as German problem details addressed with "du" (participants, many of them
 * pupils), in the platform's shape; runs before the platform's catch-all.
 */
@RestControllerAdvice(assignableTypes = FeedbackController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class FeedbackProblems {

	@ExceptionHandler(FeedbackRefusedException.class)
	ResponseEntity<ProblemDetail> refused(FeedbackRefusedException ex) {
		HttpStatus status = status(ex.refusal());
		HttpHeaders headers = new HttpHeaders();
		if (ex.retryAfter() != null) {
			headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, ex.retryAfter().toSeconds())));
		}
		ResponseEntity<ProblemDetail> answer = answer(status, ex.refusal().title(), ex.getMessage(), headers);
		// Lets the form page pick its own picture or next step without parsing text.
		answer.getBody().setProperty("reason", ex.refusal().name());
		return answer;
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException ex) {
		return answer(HttpStatus.BAD_REQUEST, "Unlesbare Anfrage",
				"Der Bogen kam nicht lesbar an. Bitte lade die " + "Seite neu und versuche es noch einmal.",
				new HttpHeaders());
	}

	private static HttpStatus status(Refusal refusal) {
		return switch (refusal) {
			case UNKNOWN_TOKEN, UNKNOWN_LINK -> HttpStatus.NOT_FOUND;
			case TOKEN_USED, DEVICE_USED, QUESTIONS_CHANGED, LINK_FULL -> HttpStatus.CONFLICT;
			case TOKEN_REVOKED, LINK_DISABLED, EVENT_CANCELLED -> HttpStatus.GONE;
			case TOO_MANY_SUBMISSIONS -> HttpStatus.TOO_MANY_REQUESTS;
		};
	}

	private static ResponseEntity<ProblemDetail> answer(HttpStatus status, String title, String detail,
			HttpHeaders headers) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		problem.setType(URI.create("about:blank"));
		return ResponseEntity.status(status)
			.headers(headers)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

}
