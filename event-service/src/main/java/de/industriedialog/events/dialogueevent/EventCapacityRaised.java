package de.industriedialog.events.dialogueevent;

/**
 * Published in-process after an event got more seats, so people waiting can move up.
 *
 * @param eventId the event
 */
public record EventCapacityRaised(String eventId) {
}
