package de.industriedialog.evaluation.questionnaire;

/** An open question answered in the participant's own words. */
public record FreeTextField(String id, String label, int maxLength) {

}
