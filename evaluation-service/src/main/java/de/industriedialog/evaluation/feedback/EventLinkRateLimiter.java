package de.industriedialog.evaluation.feedback;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Limits submissions through an event's shared link per client address (sliding window).
 * The shared link needs no account, so without a limit one script could flood an event's
 * results; the limit is generous because a school class sits behind one address.
 * <p>
 * Kept in memory on purpose, like the gateway's login throttles: client addresses are
 * personal data and need not be stored. With several instances each counts on its own, so
 * the effective limit is the limit times the instances.
 */
@Component
class EventLinkRateLimiter {

	/** Above this many tracked keys, idle ones are dropped, at most once a minute. */
	private static final int CLEANUP_THRESHOLD = 10_000;

	private static final Duration CLEANUP_INTERVAL = Duration.ofMinutes(1);

	private final Map<String, Deque<Instant>> attempts = new ConcurrentHashMap<>();

	private final int maxSubmissions;

	private final Duration window;

	private final Clock clock;

	private volatile Instant nextCleanup = Instant.MIN;

	EventLinkRateLimiter(FeedbackProperties properties, Clock clock) {
		this.maxSubmissions = properties.eventLinkRateLimit().maxSubmissions();
		this.window = properties.eventLinkRateLimit().window();
		this.clock = clock;
	}

	/**
	 * Counts one submission attempt.
	 * @return {@link Duration#ZERO} if allowed, else how long until the next one is
	 */
	Duration tryAcquire(String eventId, String clientAddress) {
		Instant now = this.clock.instant();
		Instant horizon = now.minus(this.window);
		Duration[] wait = { Duration.ZERO };
		this.attempts.compute(eventId + "|" + clientAddress, (key, times) -> {
			Deque<Instant> log = expire((times != null) ? times : new ArrayDeque<>(), horizon);
			if (log.size() < this.maxSubmissions) {
				log.addLast(now);
			}
			else {
				wait[0] = Duration.between(horizon, log.peekFirst());
			}
			return log;
		});
		if (this.attempts.size() > CLEANUP_THRESHOLD && now.isAfter(this.nextCleanup)) {
			this.nextCleanup = now.plus(CLEANUP_INTERVAL);
			// Per key under the map's lock, so an attempt counted meanwhile is never
			// lost.
			for (String key : this.attempts.keySet()) {
				this.attempts.computeIfPresent(key, (k, log) -> expire(log, horizon).isEmpty() ? null : log);
			}
		}
		return wait[0];
	}

	private static Deque<Instant> expire(Deque<Instant> log, Instant horizon) {
		while (!log.isEmpty() && !log.peekFirst().isAfter(horizon)) {
			log.pollFirst();
		}
		return log;
	}

}
