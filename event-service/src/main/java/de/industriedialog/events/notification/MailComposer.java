package de.industriedialog.events.notification;

import de.industriedialog.platform.mail.MailTemplates;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import de.industriedialog.events.dialogueevent.DialogueEvent;
import de.industriedialog.events.registration.Registration;
import de.industriedialog.events.registration.RegistrationTokens;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Writes the participant mails: German, du-form, from the templates in
 * {@code templates/mail/}, with the personal links the gateway serves
 * ({@code anmeldung.html}, {@code feedback.html}).
 */
@Component
class MailComposer {

	private final MailTemplates templates;

	private final RegistrationTokens tokens;

	private final MailSettings settings;

	private final String publicUrl;

	private final Clock clock;

	MailComposer(MailTemplates templates, RegistrationTokens tokens, MailSettings settings,
			@Value("${industriedialog.public-url}") String publicUrl, Clock clock) {
		this.templates = templates;
		this.tokens = tokens;
		this.settings = settings;
		this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
		this.clock = clock;
	}

	ParticipantMail confirmation(Registration registration, DialogueEvent event) {
		return compose(MailType.CONFIRMATION, registration, event, "Anmeldung bestätigt: " + event.title(),
				registered(event), new HashMap<>(), true);
	}

	/**
	 * @param rank the place on the waitlist (1 = next)
	 */
	ParticipantMail waitlisted(Registration registration, DialogueEvent event, long rank) {
		Map<String, Object> model = new HashMap<>();
		model.put("rank", rank);
		return compose(MailType.WAITLIST, registration, event, "Warteliste: " + event.title(),
				"Du erhältst diese E-Mail, weil du dich mit dieser Adresse für „" + event.title()
						+ "“ angemeldet hast und auf der Warteliste stehst.",
				model, false);
	}

	ParticipantMail promoted(Registration registration, DialogueEvent event) {
		return compose(MailType.PROMOTION, registration, event, "Du hast einen Platz: " + event.title(),
				registered(event), new HashMap<>(), true);
	}

	/**
	 * @param wasWaitlisted whether the person left the waitlist rather than a seat
	 */
	ParticipantMail cancelled(Registration registration, DialogueEvent event, boolean wasWaitlisted) {
		Map<String, Object> model = new HashMap<>();
		model.put("wasWaitlisted", wasWaitlisted);
		return compose(MailType.CANCELLATION, registration, event, "Abmeldung bestätigt: " + event.title(),
				"Du erhältst diese E-Mail, weil die Anmeldung mit dieser Adresse für „" + event.title()
						+ "“ storniert wurde.",
				model, false);
	}

	ParticipantMail feedbackInvitation(Registration registration, DialogueEvent event) {
		Map<String, Object> model = new HashMap<>();
		model.put("feedbackLink",
				this.publicUrl + "/feedback.html?token=" + this.tokens.feedbackToken(registration.id()));
		return compose(MailType.FEEDBACK_INVITATION, registration, event,
				"Wie war’s? Dein Feedback zu " + event.title(), "Du erhältst diese E-Mail, weil du an „" + event.title()
						+ "“ teilgenommen hast. Wir schreiben dir " + "dazu nur dieses eine Mal.",
				model, false);
	}

	/**
	 * To someone whose address was registered once more for an event it is registered
	 * for: the answer to that request did not say so, the mail does, with the link.
	 */
	ParticipantMail alreadyRegistered(Registration registration, DialogueEvent event) {
		Map<String, Object> model = new HashMap<>();
		model.put("status", registration.status().germanName());
		return compose(MailType.ALREADY_REGISTERED, registration, event, "Du bist bereits angemeldet: " + event.title(),
				"Du erhältst diese E-Mail, weil mit dieser Adresse noch einmal eine Anmeldung für „" + event.title()
						+ "“ abgeschickt wurde. Wir schreiben dir dazu höchstens einmal am Tag.",
				model, false);
	}

	ParticipantMail reminder(Registration registration, DialogueEvent event) {
		return compose(MailType.REMINDER, registration, event,
				"Erinnerung: " + event.title() + " am " + GermanDates.day(event.start()), registered(event),
				new HashMap<>(), false);
	}

	String registrationLink(Registration registration) {
		return this.publicUrl + "/anmeldung.html?token=" + this.tokens.personalToken(registration.id());
	}

	private static String registered(DialogueEvent event) {
		return "Du erhältst diese E-Mail, weil du dich mit dieser Adresse für „" + event.title() + "“ angemeldet hast.";
	}

	private ParticipantMail compose(MailType type, Registration registration, DialogueEvent event, String subject,
			String reason, Map<String, Object> model, boolean withCalendar) {
		String registrationLink = registrationLink(registration);
		model.put("name", registration.name());
		model.put("title", event.title());
		model.put("when", GermanDates.period(event.start(), event.end()));
		model.put("day", GermanDates.day(event.start()));
		model.put("startTime", GermanDates.time(event.start()));
		model.put("location", location(event));
		model.put("registrationLink", registrationLink);
		model.put("reason", reason);
		model.put("imprint", this.settings.imprint());
		model.put("publicUrl", this.publicUrl);
		MailTemplates.Rendered rendered = this.templates.render(type.tag(), model);
		CalendarFile calendar = withCalendar ? calendar(registration, event, registrationLink) : null;
		return new ParticipantMail(type, registration.email(), registration.name(), subject, rendered.html(),
				rendered.text(), calendar);
	}

	private CalendarFile calendar(Registration registration, DialogueEvent event, String registrationLink) {
		StringBuilder description = new StringBuilder("Deine Anmeldung (ansehen oder stornieren): ")
			.append(registrationLink);
		if (event.description() != null && !event.description().isBlank()) {
			description.append("\n\n").append(event.description());
		}
		return new CalendarFile(registration.id() + "@industriedialog", this.clock.instant(), event.start(),
				event.end(), event.title(), location(event), registrationLink, description.toString());
	}

	private static String location(DialogueEvent event) {
		boolean venue = event.venue() != null && !event.venue().isBlank();
		boolean city = event.city() != null && !event.city().isBlank();
		if (venue && city) {
			return event.venue() + ", " + event.city();
		}
		return venue ? event.venue() : (city ? event.city() : null);
	}

}
