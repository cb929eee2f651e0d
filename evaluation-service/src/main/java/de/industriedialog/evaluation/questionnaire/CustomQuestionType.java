package de.industriedialog.evaluation.questionnaire;

/** The kinds of question an organiser may add to the standard questionnaire. */
public enum CustomQuestionType {

	/** The four-step agreement scale of the standard items. */
	LIKERT,

	/** One of 2 to 6 options the organiser words. */
	SINGLE_CHOICE,

	/** An answer in the participant's own words. */
	FREE_TEXT

}
