package de.industriedialog.platform.security;

/**
 * The caller is known but may not do this. Answered with status 403; the message is
 * German and shown to the user.
 */
public class ForbiddenException extends RuntimeException {

	public ForbiddenException(String germanMessage) {
		super(germanMessage);
	}

}
