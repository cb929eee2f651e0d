package de.industriedialog.gateway.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts attempts per key within a sliding window and refuses once there were too many:
 * failed logins per account (password guessing), sign-ups per client address (mass
 * account creation). Kept in memory: one gateway instance guards its own door; several
 * instances would need a shared store.
 */
public class AttemptThrottle {

	private final int maxAttempts;

	private final Duration window;

	private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

	private final Clock clock;

	AttemptThrottle(int maxAttempts, Duration window, Clock clock) {
		this.maxAttempts = maxAttempts;
		this.window = window;
		this.clock = clock;
	}

	public boolean isLocked(String username) {
		Deque<Instant> recent = this.failures.get(Accounts.normalize(username));
		if (recent == null) {
			return false;
		}
		synchronized (recent) {
			forgetOld(recent);
			return recent.size() >= this.maxAttempts;
		}
	}

	public void record(String username) {
		Deque<Instant> recent = this.failures.computeIfAbsent(Accounts.normalize(username),
				(key) -> new ArrayDeque<>());
		synchronized (recent) {
			forgetOld(recent);
			recent.addLast(this.clock.instant());
		}
	}

	public void clear(String username) {
		this.failures.remove(Accounts.normalize(username));
	}

	private void forgetOld(Deque<Instant> recent) {
		Instant limit = this.clock.instant().minus(this.window);
		while (!recent.isEmpty() && recent.peekFirst().isBefore(limit)) {
			recent.removeFirst();
		}
	}

}
