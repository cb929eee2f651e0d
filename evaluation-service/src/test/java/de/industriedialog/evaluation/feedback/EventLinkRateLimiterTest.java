package de.industriedialog.evaluation.feedback;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventLinkRateLimiterTest {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));

	private final EventLinkRateLimiter limiter = new EventLinkRateLimiter(
			new FeedbackProperties(5, new FeedbackProperties.RateLimit(3, Duration.ofMinutes(10))), this.clock);

	@Test
	void shouldAllowTheLimitPerEventAndAddressWithinTheWindow() {
		for (int i = 0; i < 3; i++) {
			assertThat(this.limiter.tryAcquire("e1", "10.0.0.1")).isZero();
			this.clock.advance(Duration.ofMinutes(1));
		}
		assertThat(this.limiter.tryAcquire("e1", "10.0.0.1")).isEqualTo(Duration.ofMinutes(7));
		assertThat(this.limiter.tryAcquire("e1", "10.0.0.2")).isZero();
		assertThat(this.limiter.tryAcquire("e2", "10.0.0.1")).isZero();
	}

	@Test
	void shouldAllowAgainOnceTheOldestAttemptLeftTheWindow() {
		for (int i = 0; i < 3; i++) {
			this.limiter.tryAcquire("e1", "10.0.0.1");
		}
		this.clock.advance(Duration.ofMinutes(10));

		assertThat(this.limiter.tryAcquire("e1", "10.0.0.1")).isZero();
	}

	static final class MutableClock extends Clock {

		private Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
