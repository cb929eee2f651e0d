package de.industriedialog.events.registration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import de.industriedialog.platform.web.GermanProblemDetails.FieldProblem;

/**
 * What a participant enters to register. {@link #problems()} lists, in German, what keeps
 * it from being accepted.
 *
 * @param name full name as it should appear on the list at the door
 * @param email where the confirmation and the personal link go
 * @param organisation company, school or association; optional
 * @param participantGroup the group the study counts (4.3)
 * @param consent whether the person agreed to the privacy notice shown
 * @param consentVersion the version of the notice that was shown
 * @param representedInitiativeId the initiative the person comes for ("Ich vertrete die
 * Initiative …"), optional; counts the initiatives taking part in network meetings
 */
public record ParticipantForm(String name, String email, String organisation, ParticipantGroup participantGroup,
		boolean consent, String consentVersion, String representedInitiativeId) {

	/** An initiative id is at most this long (as in the event contracts). */
	static final int INITIATIVE_ID_MAX = 64;

	static final int NAME_MAX = 100;

	static final int EMAIL_MAX = 254;

	static final int ORGANISATION_MAX = 200;

	static final String UNKNOWN_INITIATIVE = "Diese Initiative kennen wir nicht. Bitte wähle sie aus der Liste aus "
			+ "oder lass das Feld leer.";

	// Deliberately plain: one @, no spaces, a dot in the domain. The confirmation mail is
	// the real proof that the address works.
	static final Pattern EMAIL = Pattern.compile("^[^@\\s<>\"]+@[^@\\s<>\"]+\\.[^@\\s<>\".]{2,}$");

	public ParticipantForm {
		name = trimToNull(name);
		email = trimToNull(email);
		organisation = trimToNull(organisation);
		consentVersion = trimToNull(consentVersion);
		representedInitiativeId = trimToNull(representedInitiativeId);
	}

	public ParticipantForm(String name, String email, String organisation, ParticipantGroup participantGroup,
			boolean consent, String consentVersion) {
		this(name, email, organisation, participantGroup, consent, consentVersion, null);
	}

	String emailKey() {
		return (this.email != null) ? this.email.toLowerCase(Locale.ROOT) : null;
	}

	public List<FieldProblem> problems() {
		List<FieldProblem> problems = new ArrayList<>();
		if (this.name == null) {
			problems.add(new FieldProblem("name", "Bitte gib deinen Namen an."));
		}
		else if (this.name.length() > NAME_MAX) {
			problems.add(new FieldProblem("name", "Der Name darf höchstens " + NAME_MAX + " Zeichen lang sein."));
		}
		if (this.email == null) {
			problems.add(new FieldProblem("email", "Bitte gib deine E-Mail-Adresse an."));
		}
		else if (this.email.length() > EMAIL_MAX || !EMAIL.matcher(this.email).matches()) {
			problems.add(new FieldProblem("email",
					"„" + abbreviate(this.email) + "“ ist keine gültige E-Mail-Adresse (Beispiel: name@beispiel.de)."));
		}
		else if (!this.email.chars().allMatch((c) -> c < 0x7F)) {
			// The mail relay speaks plain SMTP (no SMTPUTF8): such an address would be
			// refused when the confirmation goes out, long after the person left the
			// page.
			problems.add(new FieldProblem("email", "„" + abbreviate(this.email)
					+ "“ enthält Umlaute oder andere Sonderzeichen. Bitte gib die Adresse ohne sie an (bei Umlaut-Domains"
					+ " in der Schreibweise mit „xn--“)."));
		}
		if (this.organisation != null && this.organisation.length() > ORGANISATION_MAX) {
			problems.add(new FieldProblem("organisation",
					"Die Organisation darf höchstens " + ORGANISATION_MAX + " Zeichen lang sein."));
		}
		if (this.participantGroup == null) {
			problems.add(new FieldProblem("participantGroup",
					"Bitte wähle aus, ob du zum Fachpublikum gehörst, in Ausbildung/Studium bist oder zur Schule gehst."));
		}
		if (this.representedInitiativeId != null && this.representedInitiativeId.length() > INITIATIVE_ID_MAX) {
			problems.add(new FieldProblem("representedInitiativeId", UNKNOWN_INITIATIVE));
		}
		if (!this.consent) {
			problems.add(new FieldProblem("consent",
					"Bitte stimme der Verarbeitung deiner Angaben für diese Anmeldung zu, sonst können wir dich nicht anmelden."));
		}
		else if (this.consentVersion == null || this.consentVersion.length() > 64) {
			problems.add(new FieldProblem("consentVersion", "Die Version des Datenschutzhinweises fehlt."));
		}
		return problems;
	}

	private static String abbreviate(String value) {
		return (value.length() > 60) ? value.substring(0, 57) + "…" : value;
	}

	private static String trimToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
