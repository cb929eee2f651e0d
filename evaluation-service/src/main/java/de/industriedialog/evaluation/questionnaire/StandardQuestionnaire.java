package de.industriedialog.evaluation.questionnaire;

import java.util.List;

/**
 * The Evaluationsbogen of the study (4.1, 4.3) as version 1 of the questionnaire
 * {@code standard}. Kept in code rather than a resource: the codes are part of the wire
 * contract ({@code FeedbackSubmitted}), so a change must go through review and the
 * contract test anyway.
 */
public final class StandardQuestionnaire {

	public static final String ID = "standard";

	public static final int VERSION = 1;

	/** Longest free-text answer, in characters. */
	public static final int FREE_TEXT_MAX = 1000;

	/** The four-step agreement scale ("voll und ganz" down to "gar nicht"). */
	public static final List<AnswerOption> AGREEMENT = List.of(new AnswerOption("FULLY", "voll und ganz"),
			new AnswerOption("MOSTLY", "überwiegend"), new AnswerOption("PARTLY", "zum Teil"),
			new AnswerOption("NOT_AT_ALL", "gar nicht"));

	static final List<AnswerOption> SUITABILITY = List.of(new AnswerOption("VERY_GOOD", "sehr gut"),
			new AnswerOption("GOOD", "gut"), new AnswerOption("LESS_GOOD", "weniger gut"),
			new AnswerOption("NOT_SUITABLE", "nicht geeignet"));

	/** The participant groups of the study (4.3, Abbildung 10). */
	public static final List<AnswerOption> PARTICIPANT_GROUPS = List.of(
			new AnswerOption("PROFESSIONAL",
					"Fachpublikum (Verbände, Unternehmen, Gewerkschaften, Politik, Lehrkräfte)"),
			new AnswerOption("TRAINEE_STUDENT", "Auszubildende / Studierende"),
			new AnswerOption("PUPIL", "Schülerin / Schüler"));

	public static final Questionnaire DEFINITION = new Questionnaire(ID, VERSION, List.of(
			new QuestionnaireItem("Q1", "Die Veranstaltung hat meine Erwartungen getroffen", AGREEMENT, true),
			new QuestionnaireItem("Q2", "Das Format war geeignet, die Themen im Dialog zu diskutieren", SUITABILITY,
					true),
			new QuestionnaireItem("Q3", "Ich bin mit der Auswahl der Themen zufrieden", AGREEMENT, true),
			new QuestionnaireItem("Q4", "Die Inhalte waren für mich eine Bereicherung", AGREEMENT, true),
			new QuestionnaireItem("Q5", "Die Veranstaltung bringt mir Nutzen für meine eigene (politische) Arbeit",
					AGREEMENT, true)),
			new QuestionnaireItem("participantGroup", "Ich nehme teil als", PARTICIPANT_GROUPS, false),
			List.of(new FreeTextField("good", "Was war gut?", FREE_TEXT_MAX),
					new FreeTextField("improve", "Was können wir besser machen?", FREE_TEXT_MAX)));

	private StandardQuestionnaire() {
	}

}
