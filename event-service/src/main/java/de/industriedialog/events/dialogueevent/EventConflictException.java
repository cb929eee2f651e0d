package de.industriedialog.events.dialogueevent;

/**
 * The request does not fit the event's current state: an illegal lifecycle step or an
 * edit based on an outdated version. Answered with 409; the message is German.
 */
public class EventConflictException extends RuntimeException {

	public EventConflictException(String germanMessage) {
		super(germanMessage);
	}

}
