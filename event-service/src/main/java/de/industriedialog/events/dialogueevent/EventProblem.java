package de.industriedialog.events.dialogueevent;

/**
 * One rule an input broke, with the field and a German message for the person who typed
 * it.
 */
public record EventProblem(String field, String message) {
}
