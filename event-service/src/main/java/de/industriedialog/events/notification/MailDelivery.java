package de.industriedialog.events.notification;

import java.io.UnsupportedEncodingException;
import java.util.function.Supplier;

import de.industriedialog.events.registration.Registration;
import de.industriedialog.events.registration.RegistrationStore;
import de.industriedialog.platform.mail.MailStreamProvider;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends each participant mail once. Before a mail goes out its key is recorded on the
 * registration with one atomic conditional update
 * ({@link RegistrationStore#markMailSent}); whoever records it first sends, everyone else
 * (a redelivered Kafka record, a second instance, a second reminder run) sends nothing.
 * If the mail server does not take the mail, the record is taken back and the error
 * rethrown, so the caller tries again.
 * <p>
 * Counts {@code mails.sent} and {@code mails.failed} by {@code type}.
 */
@Component
class MailDelivery {

	private static final Logger log = LoggerFactory.getLogger(MailDelivery.class);

	private final JavaMailSender mailSender;

	private final RegistrationStore store;

	private final MailSettings settings;

	private final MeterRegistry meterRegistry;

	MailDelivery(JavaMailSender mailSender, RegistrationStore store, MailSettings settings,
			MeterRegistry meterRegistry) {
		MailStreamProvider.nameExplicitly();
		this.mailSender = mailSender;
		this.store = store;
		this.settings = settings;
		this.meterRegistry = meterRegistry;
	}

	/**
	 * @param mailKey what is mailed, unique per registration: the {@code ce_id} of the
	 * event the mail answers, or a fixed key for mails sent once per registration
	 * @param mail builds the mail; called only if it is to be sent
	 * @return {@code true} if the mail was sent now, {@code false} if it had been before
	 * or the registration has no address
	 * @throws RuntimeException if the mail could not be handed to the mail server; it is
	 * then not recorded as sent
	 */
	boolean sendOnce(Registration registration, String mailKey, Supplier<ParticipantMail> mail) {
		if (registration.email() == null) {
			// Registered at the door without an address: nobody to write to.
			log.debug("Mail {} to registration {} skipped: no address", mailKey, registration.id());
			return false;
		}
		if (!this.store.markMailSent(registration.id(), mailKey)) {
			log.debug("Mail {} to registration {} was sent before", mailKey, registration.id());
			return false;
		}
		ParticipantMail message = null;
		try {
			message = mail.get();
			send(message);
		}
		catch (RuntimeException ex) {
			log.warn("Mail {} for registration {} not sent, left for a retry: {}", mailKey, registration.id(),
					ex.toString());
			this.store.unmarkMailSent(registration.id(), mailKey);
			this.meterRegistry.counter("mails.failed", "type", (message != null) ? message.type().tag() : "unknown")
				.increment();
			throw ex;
		}
		this.meterRegistry.counter("mails.sent", "type", message.type().tag()).increment();
		log.info("Mail {} ({}) sent for registration {}", message.type().tag(), mailKey, registration.id());
		return true;
	}

	private void send(ParticipantMail mail) {
		MimeMessage message = this.mailSender.createMimeMessage();
		try {
			MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED, "UTF-8");
			helper.setFrom(this.settings.from());
			helper.setTo(new InternetAddress(mail.to(), headerSafe(mail.toName()), "UTF-8"));
			helper.setSubject(headerSafe(mail.subject()));
			helper.setText(mail.text(), mail.html());
			if (mail.calendar() != null) {
				helper.addAttachment("veranstaltung.ics", new ByteArrayResource(mail.calendar().bytes()),
						CalendarFile.CONTENT_TYPE);
			}
			// RFC 3834: no vacation auto-replies to these.
			message.setHeader("Auto-Submitted", "auto-generated");
		}
		catch (MessagingException | UnsupportedEncodingException ex) {
			throw new MailPreparationException("Cannot build the " + mail.type().tag() + " mail", ex);
		}
		this.mailSender.send(message);
	}

	/** Names and titles are user input: no line breaks or other controls in a header. */
	static String headerSafe(String value) {
		if (value == null) {
			return null;
		}
		StringBuilder out = new StringBuilder(value.length());
		value.codePoints().forEach((c) -> out.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
		return out.toString().strip();
	}

}
