package de.industriedialog.newsletter.subscriber;

/**
 * The confirmation link is older than its validity. Answered with status 410 and
 * {@code code: confirmation-expired}, so the page can offer to subscribe again.
 */
public class ConfirmationExpiredException extends RuntimeException {

	public static final String CODE = "confirmation-expired";

	public ConfirmationExpiredException() {
		super("Dieser Bestätigungslink ist abgelaufen. Bitte melde dich noch einmal für den Infobrief an; "
				+ "du bekommst dann eine neue E-Mail mit einem frischen Link.");
	}

}
