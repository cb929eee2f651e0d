package de.industriedialog.platform.messaging;

/**
 * A record that can never be applied (no envelope, unreadable payload). Bindings list it
 * as not retryable, so it goes straight to the dead-letter topic with this message as the
 * reason and the consumer moves on.
 */
public class UnprocessableEventException extends RuntimeException {

	public UnprocessableEventException(String message) {
		super(message);
	}

	public UnprocessableEventException(String message, Throwable cause) {
		super(message, cause);
	}

}
