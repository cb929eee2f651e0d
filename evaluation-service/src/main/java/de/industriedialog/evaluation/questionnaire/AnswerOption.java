package de.industriedialog.evaluation.questionnaire;

/**
 * One answer a question offers: the code that is stored and sent, and the German label
 * the form shows.
 */
public record AnswerOption(String code, String label) {

}
