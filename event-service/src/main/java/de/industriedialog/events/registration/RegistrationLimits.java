package de.industriedialog.events.registration;

import java.time.Duration;

import de.industriedialog.platform.ratelimit.RateLimit.Decision;
import de.industriedialog.platform.ratelimit.RateLimits;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The limits of the public registration form (see
 * {@link RegistrationRateLimitProperties}), in the store and so shared by all replicas.
 * Checked from the narrowest to the widest, so that a client refused for its own address
 * does not use up what the event allows everyone else.
 */
@Component
@EnableConfigurationProperties(RegistrationRateLimitProperties.class)
class RegistrationLimits {

	private final RateLimits limits;

	private final RegistrationRateLimitProperties properties;

	RegistrationLimits(RateLimits limits, RegistrationRateLimitProperties properties) {
		this.limits = limits;
		this.properties = properties;
	}

	/**
	 * Counts one registration attempt.
	 * @throws RegistrationLimitedException if a limit is reached
	 */
	void acquire(String eventId, int capacity, String clientAddress) {
		if (!this.properties.enabled()) {
			return;
		}
		var perAddress = this.properties.perAddress();
		refuseUnless(this.limits.limit("registration-address", perAddress.max(), perAddress.window())
			.tryAcquire(clientAddress), true);
		var perAddressAndEvent = this.properties.perAddressAndEvent();
		refuseUnless(
				this.limits.limit("registration-address-event", perAddressAndEvent.max(), perAddressAndEvent.window())
					.tryAcquire(eventId + "|" + clientAddress),
				true);
		var perEvent = this.properties.perEvent();
		refuseUnless(
				this.limits.limit("registration-event", perEvent.max(capacity), perEvent.window()).tryAcquire(eventId),
				false);
	}

	private static void refuseUnless(Decision decision, boolean ownAddress) {
		if (decision.allowed()) {
			return;
		}
		String minutes = minutes(decision.retryAfter());
		throw new RegistrationLimitedException(
				ownAddress ? "Zu viele Anmeldungen von deinem Anschluss. Bitte versuche es in " + minutes + " erneut."
						: "Gerade melden sich sehr viele Menschen zu dieser Veranstaltung an. Bitte versuche es in "
								+ minutes + " erneut.",
				decision.retryAfter());
	}

	/** "1 Minute", "12 Minuten", "3 Stunden": rounded up, never "0". */
	static String minutes(Duration wait) {
		long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
		if (minutes > 120) {
			long hours = (minutes + 59) / 60;
			return hours + " Stunden";
		}
		return (minutes == 1) ? "1 Minute" : minutes + " Minuten";
	}

}
