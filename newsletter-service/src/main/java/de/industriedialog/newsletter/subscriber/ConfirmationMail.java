package de.industriedialog.newsletter.subscriber;

import de.industriedialog.contracts.Bundesland;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import de.industriedialog.newsletter.NewsletterProperties;
import de.industriedialog.platform.mail.MailTemplates;
import de.industriedialog.platform.mail.OutgoingMail;

import org.springframework.stereotype.Component;

/**
 * The double opt-in mail: German, du-form, HTML and plain text, with the confirmation
 * link and how long it works. Queued in the service's mail queue, which marks it
 * {@code Auto-Submitted} (RFC 3834) so vacation replies stay away.
 */
@Component
class ConfirmationMail {

	static final String TEMPLATE = "subscription-confirmation";

	static final String SUBJECT = "Bitte bestätige deine Anmeldung zum Infobrief Industriedialog";

	private final MailTemplates templates;

	private final SubscriberLinks links;

	private final NewsletterProperties properties;

	ConfirmationMail(MailTemplates templates, SubscriberLinks links, NewsletterProperties properties) {
		this.templates = templates;
		this.links = links;
		this.properties = properties;
	}

	/**
	 * The confirmation mail for one claimed token, keyed by subscriber and token hash: a
	 * new request (a new token) is a new mail, a retry of the same one is not.
	 */
	OutgoingMail compose(Subscriber subscriber, String confirmationToken, String tokenHash) {
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
							.map((code) -> Bundesland.ofCode(code).map(Bundesland::germanName).orElse(code))
							.toList());
		model.put("publicUrl", this.links.publicUrl());
		model.put("imprint", this.properties.imprint());
		// For the shared layout (platform templates/mail/_parts.html, _footer.txt).
		model.put("title", "Bitte bestätige deine Anmeldung zum Infobrief");
		model.put("reason", "Du erhältst diese E-Mail, weil jemand mit dieser Adresse den Infobrief Industriedialog "
				+ "bestellt hat (" + this.links.publicUrl() + ").");
		MailTemplates.Rendered rendered = this.templates.render(TEMPLATE, model);
		return new OutgoingMail(TEMPLATE + ":" + subscriber.id() + ":" + tokenHash, TEMPLATE, subscriber.id(),
				this.properties.from(), subscriber.email(), subscriber.name(), SUBJECT, rendered.html(),
				rendered.text(), List.of(), Map.of());
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
