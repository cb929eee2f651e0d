package de.industriedialog.platform.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A clock tests move forward, so expiry, retention periods and rate-limit windows are
 * tested without waiting: either running with the system clock plus an offset
 * ({@link #MovableClock()}, for a whole service whose leases and timeouts must keep
 * ticking), or standing still until moved ({@link #stoppedAt(Instant)}, for exact window
 * arithmetic). UTC, as the services' clocks.
 */
public final class MovableClock extends Clock {

	/** {@code null}: runs with the system clock. */
	private final Instant stoppedAt;

	private volatile Duration offset = Duration.ZERO;

	/** Runs with the system clock until moved. */
	public MovableClock() {
		this(null);
	}

	private MovableClock(Instant stoppedAt) {
		this.stoppedAt = stoppedAt;
	}

	/** Stands at {@code instant} until moved. */
	public static MovableClock stoppedAt(Instant instant) {
		return new MovableClock(instant);
	}

	public synchronized void advance(Duration duration) {
		this.offset = this.offset.plus(duration);
	}

	/** Moves the clock to {@code instant} (a running clock goes on from there). */
	public synchronized void set(Instant instant) {
		this.offset = Duration.between(source(), instant);
	}

	/** Back to where it started (a running clock: the system time). */
	public synchronized void reset() {
		this.offset = Duration.ZERO;
	}

	@Override
	public Instant instant() {
		return source().plus(this.offset);
	}

	private Instant source() {
		return (this.stoppedAt != null) ? this.stoppedAt : Instant.now();
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

	/** Makes a running {@link MovableClock} the service's {@code Clock} bean. */
	@TestConfiguration(proxyBeanMethods = false)
	public static class Setup {

		@Bean
		@Primary
		MovableClock movableClock() {
			return new MovableClock();
		}

	}

}
