package de.industriedialog.platform.ratelimit;

import java.time.Duration;
import java.time.Instant;

/**
 * One named limit: at most {@code max} attempts per key in any window of the given
 * length, counted in the store and so shared by all replicas (see {@link RateLimits}).
 */
public final class RateLimit {

	private final RateLimits store;

	private final String name;

	private final int max;

	private final Duration window;

	RateLimit(RateLimits store, String name, int max, Duration window) {
		this.store = store;
		this.name = name;
		this.max = max;
		this.window = window;
	}

	/**
	 * Counts one attempt if the limit allows it.
	 * @return whether it was allowed and, if not, how long until the next one is
	 */
	public Decision tryAcquire(String key) {
		Window current = window(key);
		// What the previous window still weighs leaves this much room in the current one;
		// the store counts up only below it, so concurrent attempts on all replicas get
		// exactly that many.
		long room = (long) Math.floor(this.max - current.previousWeight() * this.store.count(current.previousId()));
		if (room > 0 && this.store.addBelow(current.id(), room, current.expiresAt())) {
			return Decision.ALLOWED;
		}
		return new Decision(false, retryAfter(current));
	}

	/** Counts one attempt whether or not the limit is reached (e.g. a failed login). */
	public void record(String key) {
		Window current = window(key);
		this.store.add(current.id(), 1, current.expiresAt());
	}

	/** Whether the attempts counted so far reach the limit (e.g. an account locked). */
	public Decision check(String key) {
		Window current = window(key);
		double estimate = current.previousWeight() * this.store.count(current.previousId())
				+ this.store.count(current.id());
		return (estimate < this.max) ? Decision.ALLOWED : new Decision(false, retryAfter(current));
	}

	/** Forgets the key's attempts (e.g. after a successful login). */
	public void reset(String key) {
		this.store.delete(this.name + ":" + this.store.hash(key) + ":");
	}

	public int max() {
		return this.max;
	}

	public Duration window() {
		return this.window;
	}

	private Window window(String key) {
		Instant now = this.store.clock().instant();
		long length = this.window.toMillis();
		long start = Math.floorDiv(now.toEpochMilli(), length) * length;
		String prefix = this.name + ":" + this.store.hash(key) + ":";
		double elapsed = (now.toEpochMilli() - start) / (double) length;
		return new Window(prefix + start, prefix + (start - length), 1.0 - elapsed,
				Instant.ofEpochMilli(start + 2 * length), Instant.ofEpochMilli(start + length), now);
	}

	private static Duration retryAfter(Window current) {
		Duration left = Duration.between(current.now(), current.end());
		return left.isNegative() ? Duration.ofSeconds(1) : left.plusMillis(999).withNanos(0);
	}

	private record Window(String id, String previousId, double previousWeight, Instant expiresAt, Instant end,
			Instant now) {
	}

	/** The answer of a limit: allowed, or refused with the time to wait. */
	public record Decision(boolean allowed, Duration retryAfter) {

		static final Decision ALLOWED = new Decision(true, Duration.ZERO);

	}

}
