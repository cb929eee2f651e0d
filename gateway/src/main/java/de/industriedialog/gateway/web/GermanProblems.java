package de.industriedialog.gateway.web;

import java.net.URI;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * The German title and detail of an error the gateway answers itself, so a person knows
 * what went wrong and what to do. One place for both answer paths: errors inside WebFlux
 * ({@link ProblemJsonErrorHandler}) and requests Netty refuses before WebFlux sees them
 * ({@link ProblemJsonDecodingFailures}).
 */
final class GermanProblems {

	private GermanProblems() {
	}

	static ProblemDetail forStatus(HttpStatusCode status, String path) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail(status));
		problem.setTitle(title(status));
		if (path != null) {
			try {
				problem.setInstance(URI.create(path));
			}
			catch (IllegalArgumentException ex) {
				// A path that is not a URI (the reason for a 400) is not repeated.
			}
		}
		return problem;
	}

	static String title(HttpStatusCode status) {
		return switch (status.value()) {
			case 401 -> "Anmeldung erforderlich";
			case 403 -> "Keine Berechtigung";
			case 404 -> "Nicht gefunden";
			case 405 -> "Methode nicht erlaubt";
			case 413 -> "Anfrage zu groß";
			case 414 -> "Adresse zu lang";
			case 429 -> "Zu viele Anfragen";
			case 431 -> "Kopfzeilen zu groß";
			case 502, 503, 504 -> "Dienst nicht erreichbar";
			default -> status.is4xxClientError() ? "Fehlerhafte Anfrage" : "Interner Fehler";
		};
	}

	static String detail(HttpStatusCode status) {
		return switch (status.value()) {
			case 401 -> "Bitte melden Sie sich an und versuchen Sie es noch einmal.";
			case 403 -> "Die Anfrage wurde abgelehnt, weil sie nicht bestätigt werden konnte. "
					+ "Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.";
			case 404 -> "Unter dieser Adresse gibt es nichts. Bitte prüfen Sie den Pfad.";
			case 405 -> "Diese Methode ist für diese Adresse nicht erlaubt.";
			case 413 -> "Die Anfrage ist zu groß. Bitte schicken Sie weniger Daten auf einmal.";
			case 414 -> "Die Adresse ist zu lang. Bitte kürzen Sie sie, zum Beispiel mit weniger Filtern "
					+ "oder einem kürzeren Suchbegriff.";
			case 429 -> "Sie haben in kurzer Zeit zu viele Anfragen geschickt. Bitte warten Sie einen Moment.";
			case 431 -> "Die Anfrage hat zu viele oder zu große Kopfzeilen, meist zu viele Cookies. Bitte "
					+ "löschen Sie die Cookies dieser Seite und versuchen Sie es noch einmal.";
			case 502 -> "Der zuständige Dienst hat die Anfrage abgebrochen. Bitte versuchen Sie es in einer Minute "
					+ "noch einmal; was schon angekommen ist, wird nicht doppelt gespeichert.";
			case 503, 504 -> "Der zuständige Dienst ist gerade nicht erreichbar. "
					+ "Bitte versuchen Sie es in einer Minute noch einmal.";
			default -> status.is4xxClientError()
					? "Die Anfrage ist fehlerhaft. Bitte prüfen Sie die Adresse und Ihre Eingaben."
					: "Ein unerwarteter Fehler ist aufgetreten. Bitte versuchen Sie es später noch einmal.";
		};
	}

}
