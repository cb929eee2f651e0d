package de.industriedialog.events.registration;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many registrations the public form takes, counted in the store so that every
 * replica shares one count ({@link RegistrationLimits}). Every attempt that passes the
 * input checks counts, whether the address is new or already registered: counting only
 * new ones would tell who is registered.
 *
 * @param perAddress per client address across all events; stops one machine from
 * registering made-up people everywhere
 * @param perAddressAndEvent per client address and event over a longer window; stops one
 * machine from taking the seats of one event slowly
 * @param perEvent per event from all addresses together; stops a script with many
 * addresses from taking all seats of a popular event within minutes
 */
@ConfigurationProperties("industriedialog.registration.rate-limit")
public record RegistrationRateLimitProperties(@DefaultValue("true") boolean enabled, @DefaultValue( {
		"10", "10m" }) Limit perAddress, @DefaultValue({ "15", "24h" }) Limit perAddressAndEvent,
		@DefaultValue EventLimit perEvent){

	/**
	 * @param max attempts within the window
	 * @param window the sliding window
	 */
	public record Limit(int max, Duration window) {

	}

	/**
	 * The share of the event's capacity that may register within the window, but never
	 * fewer than {@code minimum}: with the defaults, taking all seats takes at least 40
	 * minutes, time for the organiser to notice and close the registration.
	 *
	 * @param shareOfCapacity e.g. 0.25 for a quarter of the seats per window
	 * @param minimum lower bound for small events
	 * @param window the sliding window
	 */
	public record EventLimit(@DefaultValue("0.25") double shareOfCapacity, @DefaultValue("20") int minimum,
			@DefaultValue("10m") Duration window) {

		int max(int capacity) {
			return Math.max(this.minimum, (int) Math.ceil(capacity * this.shareOfCapacity));
		}

	}

}
