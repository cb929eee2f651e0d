package de.industriedialog.newsletter.delivery;

import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * What a failed {@code sendMessage} means for the delivery.
 *
 * @param permanent the server refused for good (5xx): never try again
 * @param bounce the address itself was refused (5xx on {@code RCPT TO}): suppress it
 * @param detail a short description for the delivery record and the log, without the
 * address (servers often repeat it in their reply)
 */
record DeliveryFailure(boolean permanent, boolean bounce, String detail) {

	/** Anything shaped like an address, with or without angle brackets. */
	private static final Pattern ADDRESS = Pattern.compile("[^\\s<>()\\[\\]\"',;:]+@[^\\s<>()\\[\\]\"',;:]+");

	static DeliveryFailure of(MessagingException ex) {
		for (Exception current = ex; current != null; current = (current instanceof MessagingException messaging)
				? messaging.getNextException() : null) {
			if (current instanceof SMTPAddressFailedException refused) {
				int code = refused.getReturnCode();
				return new DeliveryFailure(code >= 500, code >= 500, detail(code, refused));
			}
			if (current instanceof SMTPSendFailedException failed && failed.getReturnCode() > 0) {
				int code = failed.getReturnCode();
				// Refused after DATA or at MAIL FROM: the message, not the address.
				return new DeliveryFailure(code >= 500, false, detail(code, failed));
			}
		}
		// No SMTP reply code: the connection broke or timed out. Temporary.
		return new DeliveryFailure(false, false, describe(ex));
	}

	private static String detail(int code, MessagingException ex) {
		return code + " " + describe(ex);
	}

	private static String describe(Exception ex) {
		String message = String.valueOf(ex.getMessage()).strip();
		if (ex.getCause() != null && ex.getCause() != ex) {
			message += " (" + ex.getCause() + ")";
		}
		// The address is personal data and known from the delivery anyway.
		message = ADDRESS.matcher(message).replaceAll("[address]");
		return (message.length() > 500) ? message.substring(0, 500) : message;
	}

}
