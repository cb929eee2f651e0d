package de.industriedialog.platform.web;

import java.net.URI;
import java.util.Comparator;
import java.util.List;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import de.industriedialog.platform.security.ForbiddenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Answers every error as {@code application/problem+json} (RFC 9457) with a German
 * {@code detail} a person can act on, and for invalid input the offending fields in
 * {@code errors}. Unexpected failures are logged and answered without internals.
 */
@RestControllerAdvice
public class GermanProblemDetails extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(GermanProblemDetails.class);

	/** A field that failed validation, with a German message. */
	public record FieldProblem(String field, String message) {
	}

	@ExceptionHandler(InvalidInputException.class)
	ResponseEntity<Object> handleInvalidInput(InvalidInputException ex, WebRequest request) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Ungültige Eingabe", ex.getMessage());
		problem.setProperty("errors", ex.fieldProblems());
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<Object> handleTypeMismatch(MethodArgumentTypeMismatchException ex, WebRequest request) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Ungültige Eingabe",
				"Der Wert „" + ex.getValue() + "“ passt nicht zum Parameter „" + ex.getName() + "“.");
		problem.setProperty("errors", List.of(new FieldProblem(ex.getName(), "Ungültiger Wert.")));
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * The store is away or did not answer in time (a restart, a network fault): a
	 * transient state, answered 503 with {@code Retry-After}, so that clients and people
	 * try again instead of taking it for a defect. Whatever the request wrote before is
	 * finished by the next try or by the service itself (outbox, unfinished responses).
	 */
	// The driver's connection errors reach us untranslated where code uses the driver
	// directly (e.g. inside a transaction callback); they are the same outage.
	@ExceptionHandler({ DataAccessResourceFailureException.class, MongoSocketException.class,
			MongoTimeoutException.class })
	ResponseEntity<Object> handleStoreUnavailable(Exception ex, WebRequest request) {
		log.warn("Store unavailable: {}", ex.getMessage());
		ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "Vorübergehend nicht erreichbar",
				"Der Dienst ist gerade kurz nicht erreichbar. Bitte versuchen Sie es in einigen Sekunden noch einmal.");
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, "5");
		return handleExceptionInternal(ex, problem, headers, HttpStatus.SERVICE_UNAVAILABLE, request);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
		log.error("Unexpected error", ex);
		ProblemDetail problem = problem(HttpStatus.INTERNAL_SERVER_ERROR, "Interner Fehler",
				"Ein unerwarteter Fehler ist aufgetreten. Bitte versuchen Sie es später noch einmal.");
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldProblem> fields = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map((FieldError error) -> new FieldProblem(error.getField(), error.getDefaultMessage()))
			.sorted(Comparator.comparing(FieldProblem::field))
			.toList();
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Ungültige Eingabe",
				"Bitte prüfen Sie die Angaben in den Feldern: "
						+ String.join(", ", fields.stream().map(FieldProblem::field).distinct().toList()) + ".");
		problem.setProperty("errors", fields);
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldProblem> fields = ex.getParameterValidationResults()
			.stream()
			.flatMap((result) -> result.getResolvableErrors()
				.stream()
				.map((error) -> new FieldProblem(result.getMethodParameter().getParameterName(),
						error.getDefaultMessage())))
			.toList();
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Ungültige Eingabe",
				"Bitte prüfen Sie die Angaben in den Feldern: "
						+ String.join(", ", fields.stream().map(FieldProblem::field).distinct().toList()) + ".");
		problem.setProperty("errors", fields);
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Unlesbare Anfrage",
				"Der Inhalt der Anfrage ist kein gültiges JSON in der erwarteten Form. "
						+ "Bitte prüfen Sie Schreibweise und Datentypen der Felder.");
		// Name the field where Jackson can tell, e.g. an unknown enum code or an object
		// where text is expected ({"name": {"$ne": null}}).
		String field = (ex.getCause() instanceof tools.jackson.core.JacksonException jackson) ? jackson.getPath()
			.stream()
			.map((reference) -> (reference.getPropertyName() != null) ? reference.getPropertyName()
					: String.valueOf(reference.getIndex()))
			.collect(java.util.stream.Collectors.joining(".")) : "";
		problem.setProperty("errors", field.isEmpty() ? List.of() : List
			.of(new FieldProblem(field, "Der Wert hat nicht den erwarteten Typ oder ist keiner der erlaubten Werte.")));
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = problem(HttpStatus.NOT_FOUND, "Nicht gefunden",
				"Unter dieser Adresse gibt es nichts. Bitte prüfen Sie den Pfad.");
		return handleExceptionInternal(ex, problem, headers, HttpStatus.NOT_FOUND, request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(HttpRequestMethodNotSupportedException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = problem(HttpStatus.METHOD_NOT_ALLOWED, "Methode nicht erlaubt",
				"Die Methode " + ex.getMethod() + " ist hier nicht erlaubt.");
		return handleExceptionInternal(ex, problem, headers, HttpStatus.METHOD_NOT_ALLOWED, request);
	}

	@ExceptionHandler(ForbiddenException.class)
	ResponseEntity<Object> handleForbidden(ForbiddenException ex, WebRequest request) {
		ProblemDetail problem = problem(HttpStatus.FORBIDDEN, "Keine Berechtigung", ex.getMessage());
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.FORBIDDEN, request);
	}

	@ExceptionHandler(NotFoundException.class)
	ResponseEntity<Object> handleNotFound(NotFoundException ex, WebRequest request) {
		ProblemDetail problem = problem(HttpStatus.NOT_FOUND, "Nicht gefunden", ex.getMessage());
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.NOT_FOUND, request);
	}

	@ExceptionHandler(ConflictException.class)
	ResponseEntity<Object> handleConflict(ConflictException ex, WebRequest request) {
		ProblemDetail problem = problem(HttpStatus.CONFLICT, "Nicht möglich", ex.getMessage());
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.CONFLICT, request);
	}

	private static ProblemDetail problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		problem.setType(URI.create("about:blank"));
		return problem;
	}

}
