package de.industriedialog.events.registration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import de.industriedialog.platform.web.GermanProblemDetails.FieldProblem;

/**
 * What the organiser enters for a person who comes without registration ("Anmeldung an
 * der Tür"). Unlike {@link ParticipantForm} the address is optional: many people at the
 * door give none, and then they get no mail at all. The messages address the organiser.
 *
 * @param name full name for the door list
 * @param email optional; with it the person gets the feedback invitation after the event
 * @param organisation company, school or association; optional
 * @param participantGroup the group the study counts (4.3)
 * @param representedInitiativeId the initiative the person comes for; optional
 */
public record WalkInForm(String name, String email, String organisation, ParticipantGroup participantGroup,
		String representedInitiativeId) {

	public WalkInForm {
		name = trimToNull(name);
		email = trimToNull(email);
		organisation = trimToNull(organisation);
		representedInitiativeId = trimToNull(representedInitiativeId);
	}

	String emailKey() {
		return (this.email != null) ? this.email.toLowerCase(Locale.ROOT) : null;
	}

	public List<FieldProblem> problems() {
		List<FieldProblem> problems = new ArrayList<>();
		if (this.name == null) {
			problems.add(new FieldProblem("name", "Bitte geben Sie den Namen an."));
		}
		else if (this.name.length() > ParticipantForm.NAME_MAX) {
			problems.add(new FieldProblem("name",
					"Der Name darf höchstens " + ParticipantForm.NAME_MAX + " Zeichen lang sein."));
		}
		if (this.email != null && (this.email.length() > ParticipantForm.EMAIL_MAX
				|| !ParticipantForm.EMAIL.matcher(this.email).matches())) {
			problems.add(new FieldProblem("email",
					"Das ist keine gültige E-Mail-Adresse (Beispiel: name@beispiel.de). Ohne Adresse bleibt das Feld leer."));
		}
		if (this.organisation != null && this.organisation.length() > ParticipantForm.ORGANISATION_MAX) {
			problems.add(new FieldProblem("organisation",
					"Die Organisation darf höchstens " + ParticipantForm.ORGANISATION_MAX + " Zeichen lang sein."));
		}
		if (this.participantGroup == null) {
			problems.add(new FieldProblem("participantGroup",
					"Bitte wählen Sie die Gruppe: Fachpublikum, Auszubildende/Studierende oder Schülerinnen und Schüler."));
		}
		if (this.representedInitiativeId != null
				&& this.representedInitiativeId.length() > ParticipantForm.INITIATIVE_ID_MAX) {
			problems.add(new FieldProblem("representedInitiativeId", UNKNOWN_INITIATIVE));
		}
		return problems;
	}

	static final String UNKNOWN_INITIATIVE = "Diese Initiative ist nicht bekannt. Bitte wählen Sie eine Initiative "
			+ "aus dem Verzeichnis oder lassen Sie das Feld leer.";

	private static String trimToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
