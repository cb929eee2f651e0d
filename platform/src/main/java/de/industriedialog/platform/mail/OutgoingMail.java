package de.industriedialog.platform.mail;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A mail ready to be queued: rendered, addressed and keyed.
 *
 * @param key what the mail answers, unique per mail and stable across redeliveries, e.g.
 * {@code <registrationId>:<ce_id>} or {@code <registrationId>:reminder}; queuing the same
 * key twice queues one mail, and the {@code Message-ID} is derived from it
 * @param type what kind of mail (tag of the {@code mails.sent} and {@code mails.failed}
 * counters, e.g. {@code confirmation})
 * @param reference what staff look the mail up by, e.g. the registration id; never an
 * address or a name
 * @param from the sender, e.g. {@code Industriedialog <noreply@industriedialog.de>}
 * @param to the recipient's address
 * @param toName the recipient's name shown with the address, or {@code null}
 * @param subject the subject
 * @param html the HTML body, or {@code null} for a text-only mail
 * @param text the plain text body
 * @param attachments files to attach
 * @param headers extra headers, e.g. {@code List-Unsubscribe}
 */
public record OutgoingMail(String key, String type, String reference, String from, String to, String toName,
		String subject, String html, String text, List<Attachment> attachments, Map<String, String> headers) {

	public OutgoingMail {
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(to, "to");
		attachments = (attachments != null) ? List.copyOf(attachments) : List.of();
		headers = (headers != null) ? Map.copyOf(headers) : Map.of();
	}

	/**
	 * A file attached to a mail.
	 *
	 * @param filename the name the recipient sees
	 * @param contentType its MIME type
	 * @param content its bytes
	 */
	public record Attachment(String filename, String contentType, byte[] content) {
	}

}
