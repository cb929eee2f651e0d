package de.industriedialog.events.registration.web;

import java.net.URI;

import de.industriedialog.events.registration.RegistrationErasedException;
import de.industriedialog.events.registration.RegistrationLimitedException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A registration refused by a rate limit: 429 with {@code Retry-After}; a link or
 * registration whose personal data was removed: 410 Gone. German problems in the
 * platform's shape; runs before the platform's catch-all.
 */
@RestControllerAdvice(assignableTypes = { RegistrationController.class, CheckInController.class })
@Order(Ordered.HIGHEST_PRECEDENCE)
class RegistrationProblems {

	@ExceptionHandler(RegistrationLimitedException.class)
	ResponseEntity<ProblemDetail> limited(RegistrationLimitedException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, ex.getMessage());
		problem.setTitle("Zu viele Anmeldungen");
		problem.setType(URI.create("about:blank"));
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, ex.retryAfter().toSeconds())))
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	@ExceptionHandler(RegistrationErasedException.class)
	ResponseEntity<ProblemDetail> erased(RegistrationErasedException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.GONE, ex.getMessage());
		problem.setTitle("Anmeldung gelöscht");
		problem.setType(URI.create("about:blank"));
		return ResponseEntity.status(HttpStatus.GONE).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
