package de.industriedialog.gateway.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Slows down password guessing: after {@value #MAX_FAILURES} failed logins for one
 * account within {@link #WINDOW}, further attempts are refused until the oldest failure
 * leaves the window. Kept in memory: one gateway instance guards its own door; several
 * instances would share it through the session store.
 */
@Component
public class LoginThrottle {

	static final int MAX_FAILURES = 5;

	static final Duration WINDOW = Duration.ofMinutes(15);

	private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

	private final Clock clock;

	LoginThrottle(Clock clock) {
		this.clock = clock;
	}

	public boolean isLocked(String username) {
		Deque<Instant> recent = this.failures.get(Accounts.normalize(username));
		if (recent == null) {
			return false;
		}
		synchronized (recent) {
			forgetOld(recent);
			return recent.size() >= MAX_FAILURES;
		}
	}

	public void failed(String username) {
		Deque<Instant> recent = this.failures.computeIfAbsent(Accounts.normalize(username),
				(key) -> new ArrayDeque<>());
		synchronized (recent) {
			forgetOld(recent);
			recent.addLast(this.clock.instant());
		}
	}

	public void succeeded(String username) {
		this.failures.remove(Accounts.normalize(username));
	}

	private void forgetOld(Deque<Instant> recent) {
		Instant limit = this.clock.instant().minus(WINDOW);
		while (!recent.isEmpty() && recent.peekFirst().isBefore(limit)) {
			recent.removeFirst();
		}
	}

}
