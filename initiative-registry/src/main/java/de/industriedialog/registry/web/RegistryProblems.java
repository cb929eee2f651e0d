package de.industriedialog.registry.web;

import java.net.URI;
import java.util.List;

import de.industriedialog.platform.web.GermanProblemDetails.FieldProblem;
import de.industriedialog.registry.assessment.InvalidAssessmentException;
import de.industriedialog.registry.steckbrief.IllegalTransitionException;
import de.industriedialog.registry.steckbrief.SteckbriefRuleViolation;
import de.industriedialog.registry.steckbrief.UnknownSteckbriefException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The registry's own German problem answers, ahead of the platform's general ones: 409
 * for workflow steps the state does not allow and for concurrent edits, 404/400 for the
 * domain's exceptions, and for unreadable JSON the field that could not be read (an
 * unknown enum value, an object such as {@code {"$ne": null}} where a text belongs), so a
 * form can point at it.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class RegistryProblems {

	@ExceptionHandler(IllegalTransitionException.class)
	ProblemDetail illegalTransition(IllegalTransitionException ex) {
		return problem(HttpStatus.CONFLICT, "Schritt nicht möglich", ex.getMessage());
	}

	@ExceptionHandler(OptimisticLockingFailureException.class)
	ProblemDetail concurrentChange(OptimisticLockingFailureException ex) {
		return problem(HttpStatus.CONFLICT, "Gleichzeitige Änderung",
				"Der Steckbrief wurde inzwischen von jemand anderem geändert. "
						+ "Bitte laden Sie ihn neu und übernehmen Sie Ihre Änderungen noch einmal.");
	}

	@ExceptionHandler(UnknownSteckbriefException.class)
	ProblemDetail unknown(UnknownSteckbriefException ex) {
		return problem(HttpStatus.NOT_FOUND, "Nicht gefunden", ex.getMessage());
	}

	@ExceptionHandler(SteckbriefRuleViolation.class)
	ProblemDetail ruleViolation(SteckbriefRuleViolation ex) {
		return invalid(ex.getMessage(), ex.field());
	}

	@ExceptionHandler(InvalidAssessmentException.class)
	ProblemDetail invalidAssessment(InvalidAssessmentException ex) {
		return invalid(ex.getMessage(), ex.field());
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ProblemDetail unreadable(HttpMessageNotReadableException ex) {
		if (ex.getMostSpecificCause() instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
			String field = path(jackson);
			String message = message(jackson);
			ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Ungültige Eingabe",
					"Das Feld „" + field + "“ hat einen ungültigen Wert: " + message);
			problem.setProperty("errors", List.of(new FieldProblem(field, message)));
			return problem;
		}
		return problem(HttpStatus.BAD_REQUEST, "Unlesbare Anfrage",
				"Der Inhalt der Anfrage ist kein gültiges JSON in der erwarteten Form. "
						+ "Bitte prüfen Sie Schreibweise und Datentypen der Felder.");
	}

	private static String message(JacksonException ex) {
		if (ex instanceof InvalidFormatException invalid && invalid.getTargetType() != null
				&& invalid.getTargetType().isEnum()) {
			return "Unbekannter Wert. Erlaubt sind: " + String.join(", ",
					java.util.Arrays.stream(invalid.getTargetType().getEnumConstants()).map(String::valueOf).toList())
					+ ".";
		}
		if (ex instanceof MismatchedInputException mismatched && mismatched.getTargetType() == String.class) {
			// Also what a Mongo operator object ({"$ne": null}) gets: it is never
			// evaluated.
			return "Hier wird ein Text erwartet.";
		}
		return "Falscher Datentyp oder unlesbarer Wert.";
	}

	/**
	 * {@code contact.email}, {@code actorGroups[0].group}: as Bean Validation names it.
	 */
	private static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static ProblemDetail invalid(String detail, String field) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Ungültige Eingabe", detail);
		problem.setProperty("errors", List.of(new FieldProblem(field, detail)));
		return problem;
	}

	private static ProblemDetail problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		problem.setType(URI.create("about:blank"));
		return problem;
	}

}
