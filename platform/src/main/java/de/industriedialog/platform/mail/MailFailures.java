package de.industriedialog.platform.mail;

import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

import org.springframework.mail.MailPreparationException;

/**
 * Tells a mail the server refused for good from one that may go through later. Permanent:
 * an SMTP reply 5xx to the sender, a recipient or the data (RFC 5321 4.2.1: "do not
 * repeat the exact request"), an address that cannot be parsed, a mail that cannot be
 * built. Everything else (4xx replies, refused or broken connections, timeouts) is
 * transient and retried with back-off.
 */
final class MailFailures {

	private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\"'(),;:]+@[^\\s<>\"'(),;:]+");

	private MailFailures() {
	}

	static boolean isPermanent(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = next(cause)) {
			if (cause instanceof AddressException || cause instanceof MailPreparationException) {
				return true;
			}
			if (cause instanceof SMTPAddressFailedException refused) {
				return refused.getReturnCode() >= 500;
			}
			if (cause instanceof SMTPSenderFailedException refused) {
				return refused.getReturnCode() >= 500;
			}
			if (cause instanceof SMTPSendFailedException refused && refused.getReturnCode() >= 500) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The reason in one line without addresses (servers quote the recipient in their
	 * replies), for logs and the queue's {@code lastError}.
	 */
	static String describe(Throwable failure) {
		StringBuilder text = new StringBuilder();
		for (Throwable cause = failure; cause != null && text.length() < 400; cause = next(cause)) {
			if (!text.isEmpty()) {
				text.append(" <- ");
			}
			text.append(cause.getClass().getSimpleName());
			if (cause.getMessage() != null) {
				text.append(": ").append(cause.getMessage().strip());
			}
		}
		String oneLine = text.toString().replaceAll("\\s+", " ");
		return ADDRESS.matcher(oneLine).replaceAll("…@…");
	}

	private static Throwable next(Throwable cause) {
		if (cause instanceof MessagingException messaging && messaging.getNextException() != null
				&& messaging.getNextException() != cause) {
			return messaging.getNextException();
		}
		return (cause.getCause() != cause) ? cause.getCause() : null;
	}

}
