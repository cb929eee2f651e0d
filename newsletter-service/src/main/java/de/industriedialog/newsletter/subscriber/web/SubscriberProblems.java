package de.industriedialog.newsletter.subscriber.web;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;

import de.industriedialog.newsletter.subscriber.ConfirmationExpiredException;
import de.industriedialog.platform.web.GermanProblemDetails.FieldProblem;
import tools.jackson.core.JacksonException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The answers the platform's {@code GermanProblemDetails} has no shape for: an expired
 * confirmation link (410 with a {@code code} the page can act on) and an unreadable body
 * in du-form, as subscribers are addressed. Runs first so that it wins.
 */
@RestControllerAdvice(assignableTypes = SubscriptionController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class SubscriberProblems {

	@ExceptionHandler(ConfirmationExpiredException.class)
	ResponseEntity<ProblemDetail> expired(ConfirmationExpiredException ex) {
		ProblemDetail problem = problem(HttpStatus.GONE, "Link abgelaufen", ex.getMessage());
		problem.setProperty("code", ConfirmationExpiredException.CODE);
		return answer(problem);
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException ex) {
		String field = (ex.getCause() instanceof JacksonException jackson) ? jackson.getPath()
			.stream()
			.map((reference) -> (reference.getPropertyName() != null) ? reference.getPropertyName()
					: String.valueOf(reference.getIndex()))
			.collect(Collectors.joining(".")) : "";
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Unlesbare Anfrage",
				"Der Inhalt der Anfrage ist kein gültiges JSON in der erwarteten Form. Bitte prüfe deine Angaben.");
		problem.setProperty("errors", field.isEmpty() ? List.of()
				: List.of(new FieldProblem(field, "Der Wert hat nicht den erwarteten Typ oder ist nicht erlaubt.")));
		return answer(problem);
	}

	private static ProblemDetail problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		problem.setType(URI.create("about:blank"));
		return problem;
	}

	private static ResponseEntity<ProblemDetail> answer(ProblemDetail problem) {
		return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
