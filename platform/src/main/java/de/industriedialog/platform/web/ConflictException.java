package de.industriedialog.platform.web;

/**
 * The request is well-formed but the current state does not allow it (a closed event, a
 * used link). Answered with status 409; the message is German and says what to do.
 */
public class ConflictException extends RuntimeException {

	public ConflictException(String germanMessage) {
		super(germanMessage);
	}

}
