package de.industriedialog.newsletter.subscriber;

import java.io.UnsupportedEncodingException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import de.industriedialog.newsletter.NewsletterProperties;
import de.industriedialog.newsletter.mail.MailTemplates;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * The double opt-in mail: German, du-form, HTML and plain text as alternatives, with the
 * confirmation link and how long it works. Marked {@code Auto-Submitted} (RFC 3834) so
 * vacation replies stay away.
 */
@Component
class ConfirmationMail {

	static final String TEMPLATE = "subscription-confirmation";

	static final String SUBJECT = "Bitte bestätige deine Anmeldung zum Infobrief Industriedialog";

	private final JavaMailSender mailSender;

	private final MailTemplates templates;

	private final SubscriberLinks links;

	private final NewsletterProperties properties;

	private final MeterRegistry meterRegistry;

	ConfirmationMail(JavaMailSender mailSender, MailTemplates templates, SubscriberLinks links,
			NewsletterProperties properties, MeterRegistry meterRegistry) {
		this.mailSender = mailSender;
		this.templates = templates;
		this.links = links;
		this.properties = properties;
		this.meterRegistry = meterRegistry;
	}

	/**
	 * @throws RuntimeException if the mail server does not take the mail
	 */
	void send(Subscriber subscriber, String confirmationToken) {
		Map<String, Object> model = new HashMap<>();
		model.put("name", subscriber.name());
		model.put("confirmationLink", this.links.confirmation(confirmationToken));
		model.put("validity", german(this.properties.confirmationValidity()));
		model.put("audiences",
				subscriber.audiences()
					.stream()
					.filter(Preferences::isAudience)
					.map((code) -> Audience.valueOf(code).label())
					.toList());
		model.put("states",
				subscriber.states().isEmpty() ? List.of("bundesweit")
						: subscriber.states()
							.stream()
							.map((code) -> Bundesland.ofCode(code).map(Bundesland::label).orElse(code))
							.toList());
		model.put("publicUrl", this.links.publicUrl());
		model.put("imprint", this.properties.imprint());
		MailTemplates.Rendered rendered = this.templates.render(TEMPLATE, model);
		try {
			this.mailSender.send(message(subscriber, rendered));
			this.meterRegistry.counter("newsletter.confirmation.mails", "outcome", "sent").increment();
		}
		catch (RuntimeException ex) {
			this.meterRegistry.counter("newsletter.confirmation.mails", "outcome", "failed").increment();
			throw ex;
		}
	}

	private MimeMessage message(Subscriber subscriber, MailTemplates.Rendered rendered) {
		MimeMessage message = this.mailSender.createMimeMessage();
		try {
			message.setFrom(InternetAddress.parse(this.properties.from())[0]);
			message.setRecipient(MimeMessage.RecipientType.TO,
					new InternetAddress(subscriber.email(), headerSafe(subscriber.name()), "UTF-8"));
			message.setSubject(SUBJECT, "UTF-8");
			MimeBodyPart text = new MimeBodyPart();
			text.setText(rendered.text(), "UTF-8", "plain");
			MimeBodyPart html = new MimeBodyPart();
			html.setText(rendered.html(), "UTF-8", "html");
			// Plain text first: clients show the last alternative they can display.
			MimeMultipart alternative = new MimeMultipart("alternative", text, html);
			message.setContent(alternative);
			message.setHeader("Auto-Submitted", "auto-generated");
			message.saveChanges();
		}
		catch (MessagingException | UnsupportedEncodingException ex) {
			throw new MailPreparationException("Cannot build the confirmation mail", ex);
		}
		return message;
	}

	/** Names are user input: no line breaks or other controls in a header. */
	static String headerSafe(String value) {
		if (value == null) {
			return null;
		}
		StringBuilder out = new StringBuilder(value.length());
		value.codePoints().forEach((c) -> out.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
		return out.toString().strip();
	}

	/** „48 Stunden“, „2 Tage“ is said in hours on purpose: it is how long people plan. */
	static String german(Duration duration) {
		long seconds = duration.toSeconds();
		if (seconds % 3600 == 0) {
			long hours = seconds / 3600;
			return hours + ((hours == 1) ? " Stunde" : " Stunden");
		}
		if (seconds % 60 == 0) {
			long minutes = seconds / 60;
			return minutes + ((minutes == 1) ? " Minute" : " Minuten");
		}
		return seconds + ((seconds == 1) ? " Sekunde" : " Sekunden");
	}

}
