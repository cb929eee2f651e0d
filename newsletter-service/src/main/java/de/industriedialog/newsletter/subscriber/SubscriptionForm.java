package de.industriedialog.newsletter.subscriber;

import java.util.ArrayList;
import java.util.List;

import de.industriedialog.platform.web.GermanProblemDetails.FieldProblem;

/**
 * What a person enters to subscribe. {@link #problems(String)} lists in German what keeps
 * it from being accepted.
 *
 * @param email the address, as entered (trimmed)
 * @param preferences name, audiences, Länder
 * @param consentTextVersion the version of the consent text the form showed
 * @param source where the form was, e.g. {@code website}; {@code website} if not given
 */
public record SubscriptionForm(String email, Preferences preferences, String consentTextVersion, String source) {

	static final int SOURCE_MAX = 64;

	public SubscriptionForm {
		email = (email == null || email.isBlank()) ? null : email.strip();
		preferences = (preferences != null) ? preferences : new Preferences(null, null, null);
		consentTextVersion = (consentTextVersion == null || consentTextVersion.isBlank()) ? null
				: consentTextVersion.strip();
		source = (source == null || source.isBlank()) ? "website" : source.strip();
	}

	public String name() {
		return this.preferences.name();
	}

	List<String> audienceCodes() {
		return new ArrayList<>(this.preferences.audiences());
	}

	List<String> states() {
		return new ArrayList<>(this.preferences.states());
	}

	/**
	 * @param currentConsentTextVersion the version the form must have shown
	 */
	public List<FieldProblem> problems(String currentConsentTextVersion) {
		List<FieldProblem> problems = new ArrayList<>();
		String emailProblem = EmailAddress.problem(this.email);
		if (emailProblem != null) {
			problems.add(new FieldProblem("email", emailProblem));
		}
		problems.addAll(this.preferences.problems());
		if (this.consentTextVersion == null) {
			problems.add(new FieldProblem("consentTextVersion",
					"Bitte stimme der Einwilligung zu, damit wir dir den Infobrief schicken dürfen."));
		}
		else if (!this.consentTextVersion.equals(currentConsentTextVersion)) {
			problems.add(new FieldProblem("consentTextVersion", "Der Einwilligungstext hat sich inzwischen geändert. "
					+ "Bitte lade die Seite neu, lies ihn und stimme noch einmal zu."));
		}
		if (this.source.length() > SOURCE_MAX) {
			problems.add(new FieldProblem("source", "Die Quelle darf höchstens " + SOURCE_MAX + " Zeichen lang sein."));
		}
		return problems;
	}

}
