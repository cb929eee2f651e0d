package de.industriedialog.events.dialogueevent.web;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;

import de.industriedialog.events.dialogueevent.EventConflictException;
import de.industriedialog.events.dialogueevent.EventNotFoundException;
import de.industriedialog.events.dialogueevent.InvalidEventException;
import de.industriedialog.platform.web.GermanProblemDetails.FieldProblem;
import tools.jackson.core.JacksonException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The domain's refusals as German problem details, in the same shape as the platform's
 * {@code GermanProblemDetails} (which handles everything else). It runs first so that its
 * more specific answers win over the platform's catch-all.
 */
@RestControllerAdvice(assignableTypes = DialogueEventController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class DialogueEventProblems {

	@ExceptionHandler(InvalidEventException.class)
	ResponseEntity<ProblemDetail> invalid(InvalidEventException ex) {
		return answer(HttpStatus.BAD_REQUEST, "Ungültige Eingabe", ex.getMessage(),
				ex.problems().stream().map((problem) -> new FieldProblem(problem.field(), problem.message())).toList());
	}

	@ExceptionHandler(EventConflictException.class)
	ResponseEntity<ProblemDetail> conflict(EventConflictException ex) {
		return answer(HttpStatus.CONFLICT, "Konflikt", ex.getMessage(), null);
	}

	@ExceptionHandler(OptimisticLockingFailureException.class)
	ResponseEntity<ProblemDetail> concurrentEdit(OptimisticLockingFailureException ex) {
		return answer(HttpStatus.CONFLICT, "Konflikt", "Die Veranstaltung wurde gerade von jemand anderem geändert. "
				+ "Bitte laden Sie sie neu und übernehmen Sie Ihre Änderungen noch einmal.", null);
	}

	@ExceptionHandler(EventNotFoundException.class)
	ResponseEntity<ProblemDetail> notFound(EventNotFoundException ex) {
		return answer(HttpStatus.NOT_FOUND, "Nicht gefunden", ex.getMessage(), null);
	}

	/**
	 * A body that does not fit the request's types, e.g. {@code {"title": {"$ne":
	 * null}}}: refused while reading, so it never reaches a rule or the database. Names
	 * the field where Jackson can tell it.
	 */
	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException ex) {
		String field = (ex.getCause() instanceof JacksonException jackson) ? path(jackson) : "";
		String detail = "Der Inhalt der Anfrage ist kein gültiges JSON in der erwarteten Form. "
				+ "Bitte prüfen Sie Schreibweise und Datentypen der Felder.";
		if (field.isEmpty()) {
			return answer(HttpStatus.BAD_REQUEST, "Unlesbare Anfrage", detail, List.of());
		}
		return answer(HttpStatus.BAD_REQUEST, "Unlesbare Anfrage", detail, List.of(new FieldProblem(field,
				"Der Wert hat nicht den erwarteten Typ (Text, Zahl, Wahrheitswert, Liste oder Datum mit Zeitzone wie 2027-05-04T10:00:00+02:00).")));
	}

	private static String path(JacksonException ex) {
		return ex.getPath()
			.stream()
			.map((reference) -> (reference.getPropertyName() != null) ? reference.getPropertyName()
					: String.valueOf(reference.getIndex()))
			.collect(Collectors.joining("."));
	}

	private static ResponseEntity<ProblemDetail> answer(HttpStatus status, String title, String detail,
			List<FieldProblem> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		problem.setType(URI.create("about:blank"));
		if (errors != null) {
			problem.setProperty("errors", errors);
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
