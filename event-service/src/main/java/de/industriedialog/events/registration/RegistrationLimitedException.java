package de.industriedialog.events.registration;

import java.time.Duration;

/**
 * A registration refused by a rate limit ({@link RegistrationLimits}); nothing was
 * stored. The web adapter answers 429 with {@code Retry-After}.
 */
public class RegistrationLimitedException extends RuntimeException {

	private final Duration retryAfter;

	RegistrationLimitedException(String message, Duration retryAfter) {
		super(message);
		this.retryAfter = retryAfter;
	}

	public Duration retryAfter() {
		return this.retryAfter;
	}

}
