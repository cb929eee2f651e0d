package de.industriedialog.localstack;

import java.time.Duration;
import java.time.Instant;

/**
 * When the supervisor starts a service again after it died: 1 s, 2 s, 4 s … up to 30 s
 * for a service that keeps dying, so a broken service does not eat the machine's two
 * cores in a start loop; back to 1 s once it has stayed healthy for a minute, so a single
 * crash days later is not punished for old ones. Not thread-safe: one per service, used
 * by the supervisor's thread only.
 */
final class RestartBackoff {

	static final Duration INITIAL = Duration.ofSeconds(1);

	static final Duration MAX = Duration.ofSeconds(30);

	static final Duration RESET_AFTER = Duration.ofMinutes(1);

	private final Duration initial;

	private final Duration max;

	private final Duration resetAfter;

	/** Exits since the service last stayed healthy for {@link #resetAfter}. */
	private int failures;

	/** Restarts over the launcher's life, for the messages ("restart #3"). */
	private int restarts;

	private Instant healthySince;

	RestartBackoff() {
		this(INITIAL, MAX, RESET_AFTER);
	}

	RestartBackoff(Duration initial, Duration max, Duration resetAfter) {
		this.initial = initial;
		this.max = max;
		this.resetAfter = resetAfter;
	}

	/** The service answered its health check (after the first start or a restart). */
	void healthy(Instant at) {
		if (this.healthySince == null) {
			this.healthySince = at;
		}
	}

	/**
	 * The service died: how long to wait before starting it again.
	 * @param exitedAt when the exit was noticed
	 * @return the delay, doubling with every exit that follows soon after the last
	 */
	Duration onExit(Instant exitedAt) {
		if (this.healthySince != null
				&& Duration.between(this.healthySince, exitedAt).compareTo(this.resetAfter) >= 0) {
			this.failures = 0;
		}
		this.healthySince = null;
		Duration delay = this.initial;
		for (int i = 0; i < this.failures && delay.compareTo(this.max) < 0; i++) {
			delay = delay.multipliedBy(2);
		}
		this.failures++;
		this.restarts++;
		return (delay.compareTo(this.max) > 0) ? this.max : delay;
	}

	/** The number of the restart {@link #onExit} last scheduled, from 1. */
	int restarts() {
		return this.restarts;
	}

}
