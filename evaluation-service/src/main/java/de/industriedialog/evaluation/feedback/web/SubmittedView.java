package de.industriedialog.evaluation.feedback.web;

/** The answer to a stored response. */
record SubmittedView(String responseId) {

}
