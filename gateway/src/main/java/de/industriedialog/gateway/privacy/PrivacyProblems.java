package de.industriedialog.gateway.privacy;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;

/** German problem details for the privacy requests' endpoints. */
@RestControllerAdvice(assignableTypes = { PrivacyRequestController.class, StaffPrivacyController.class })
class PrivacyProblems {

	@ExceptionHandler(PrivacyProblem.class)
	ResponseEntity<ProblemDetail> problem(PrivacyProblem problem) {
		ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(problem.status()),
				problem.getMessage());
		return ResponseEntity.status(problem.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(detail);
	}

	@ExceptionHandler(WebExchangeBindException.class)
	ResponseEntity<ProblemDetail> invalid(WebExchangeBindException ex) {
		ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"Bitte prüfen Sie die markierten Angaben.");
		detail.setTitle("Ungültige Eingabe");
		detail.setProperty("errors", ex.getFieldErrors()
			.stream()
			.map((error) -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
			.toList());
		return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(detail);
	}

}
