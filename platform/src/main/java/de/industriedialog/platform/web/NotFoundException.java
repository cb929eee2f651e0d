package de.industriedialog.platform.web;

/**
 * Something the request names does not exist (or is not public). Answered with status
 * 404; the message is German and shown to the user.
 */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String germanMessage) {
		super(germanMessage);
	}

}
