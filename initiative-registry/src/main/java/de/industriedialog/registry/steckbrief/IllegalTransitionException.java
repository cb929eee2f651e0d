package de.industriedialog.registry.steckbrief;

/**
 * A workflow step that the current state does not allow (answered with 409). The message
 * is German and shown to the user.
 */
public class IllegalTransitionException extends RuntimeException {

	public IllegalTransitionException(String germanMessage) {
		super(germanMessage);
	}

}
