package de.industriedialog.evaluation.feedback;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import de.industriedialog.evaluation.feedback.FeedbackAccess.Access;
import de.industriedialog.evaluation.questionnaire.EventForms;
import de.industriedialog.evaluation.questionnaire.FormRevision;
import de.industriedialog.evaluation.questionnaire.StandardQuestionnaire;
import de.industriedialog.platform.web.GermanProblemDetails.FieldProblem;
import de.industriedialog.platform.web.InvalidInputException;

import org.springframework.stereotype.Service;

/**
 * The participant's use cases: open the form, submit it. Every check (access, rate limit,
 * answers, device, frozen questions) runs before the first write, so a refused request
 * leaves nothing behind.
 */
@Service
public class Feedback {

	private static final Pattern UUID = Pattern
		.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

	private final FeedbackAccess access;

	private final EventForms forms;

	private final DeviceClaims devices;

	private final EventLinkLimits linkLimits;

	private final ResponseWriter writer;

	private final UnfinishedResponses unfinished;

	Feedback(FeedbackAccess access, EventForms forms, DeviceClaims devices, EventLinkLimits linkLimits,
			ResponseWriter writer, UnfinishedResponses unfinished) {
		this.access = access;
		this.forms = forms;
		this.devices = devices;
		this.linkLimits = linkLimits;
		this.writer = writer;
		this.unfinished = unfinished;
	}

	/**
	 * The form behind a personal token or an event link, so the page can tell a
	 * participant before they fill anything in that the link does not work.
	 */
	public FeedbackForm form(String token, String link) {
		Access access = access(token, link);
		return new FeedbackForm(access.eventId(), (access.event() != null) ? access.event().title() : null,
				(access.event() != null) ? access.event().startInBerlin() : null, access.channel(),
				StandardQuestionnaire.DEFINITION, this.forms.current(access.eventId()).customQuestions());
	}

	/**
	 * Stores one anonymous response and announces it on {@code dialog.feedback.v1}.
	 * @param clientAddress the address the event-link rate limit counts by
	 * @return the id of the response
	 */
	public String submit(FeedbackSubmission submission, String clientAddress) {
		Access access = access(submission.token(), submission.link());
		String deviceId = null;
		if (access.channel() == Channel.EVENT_LINK) {
			Duration wait = this.linkLimits.tryAcquire(access.eventId(), clientAddress);
			if (!wait.isZero()) {
				throw new FeedbackRefusedException(Refusal.TOO_MANY_SUBMISSIONS, wait);
			}
			deviceId = deviceId(submission.deviceId());
		}
		FormRevision form = this.forms.current(access.eventId());
		ValidAnswers answers = AnswerRules.check(submission, form);
		org.bson.Document response = this.writer.document(this.writer.prepare(access, answers));
		if (deviceId != null && this.devices.claimed(access.eventId(), deviceId)) {
			throw new FeedbackRefusedException(Refusal.DEVICE_USED);
		}
		if (!this.forms.lockForAnswers(access.eventId(), form)) {
			throw new FeedbackRefusedException(Refusal.QUESTIONS_CHANGED);
		}
		// The right first (with the response beside it), the response second, so that
		// nobody can answer twice and a crash or outage in between loses nothing: the
		// recovery stores the response kept with the right (UnfinishedResponses), and a
		// second try is told, truthfully, that the answer was sent. The response and its
		// FeedbackSubmitted event are one document, so they are stored together or not
		// at all.
		if (access.channel() == Channel.PERSONAL_LINK) {
			this.access.useToken(access.tokenHash(), response);
			return this.unfinished.finish(FeedbackToken.COLLECTION, access.tokenHash(), response);
		}
		else {
			// The event's cap before the device, so that a device the cap refused has not
			// used up its one answer; the answer is given back if the device had one.
			if (!this.linkLimits.takeAnswer(access.eventId())) {
				throw new FeedbackRefusedException(Refusal.LINK_FULL);
			}
			if (!this.devices.claim(access.eventId(), deviceId, response)) {
				this.linkLimits.returnAnswer(access.eventId());
				throw new FeedbackRefusedException(Refusal.DEVICE_USED);
			}
			return this.unfinished.finish(DeviceClaims.COLLECTION, DeviceClaims.id(access.eventId(), deviceId),
					response);
		}
	}

	private Access access(String token, String link) {
		boolean hasToken = token != null && !token.isBlank();
		boolean hasLink = link != null && !link.isBlank();
		if (hasToken == hasLink) {
			throw new InvalidInputException(
					"Bitte öffne den Bogen über den Link aus deiner E-Mail oder über den QR-Code der Veranstaltung.",
					List.of(new FieldProblem(hasToken ? "link" : "token",
							hasToken ? "Nur token oder link, nicht beides." : "token oder link fehlt.")));
		}
		return hasToken ? this.access.byToken(token.strip()) : this.access.byLink(link.strip());
	}

	private static String deviceId(String deviceId) {
		if (deviceId == null || !UUID.matcher(deviceId).matches()) {
			throw new InvalidInputException(
					"Dein Browser hat keine gültige Geräte-Kennung mitgeschickt. Bitte lade die "
							+ "Seite neu; wenn es dann immer noch nicht klappt, erlaube der Seite, Daten zu speichern.",
					List.of(new FieldProblem("deviceId",
							"Eine UUID ist nötig, wenn du über den Link der Veranstaltung antwortest.")));
		}
		return deviceId.toLowerCase(Locale.ROOT);
	}

}
