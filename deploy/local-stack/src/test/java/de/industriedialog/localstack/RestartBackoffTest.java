package de.industriedialog.localstack;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RestartBackoffTest {

	private static final Instant T0 = Instant.parse("2026-12-03T06:00:00Z");

	@Test
	void shouldDoubleTheDelayForAServiceThatKeepsDyingUpToThirtySeconds() {
		RestartBackoff backoff = new RestartBackoff();
		List<Long> delays = new ArrayList<>();
		Instant now = T0;
		for (int i = 0; i < 8; i++) {
			// dies while starting: never healthy in between
			Duration delay = backoff.onExit(now);
			delays.add(delay.toSeconds());
			now = now.plus(delay).plusSeconds(5);
		}
		assertThat(delays).containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
		assertThat(backoff.restarts()).isEqualTo(8);
	}

	@Test
	void shouldKeepDoublingWhenTheServiceWasHealthyForLessThanAMinute() {
		RestartBackoff backoff = new RestartBackoff();
		backoff.healthy(T0);
		assertThat(backoff.onExit(T0.plusSeconds(10))).isEqualTo(Duration.ofSeconds(1));
		backoff.healthy(T0.plusSeconds(30));
		assertThat(backoff.onExit(T0.plusSeconds(89))).isEqualTo(Duration.ofSeconds(2));
		backoff.healthy(T0.plusSeconds(100));
		assertThat(backoff.onExit(T0.plusSeconds(120))).isEqualTo(Duration.ofSeconds(4));
	}

	@Test
	void shouldStartAgainFromOneSecondAfterAMinuteOfHealth() {
		RestartBackoff backoff = new RestartBackoff();
		Instant now = T0;
		for (int i = 0; i < 6; i++) {
			now = now.plus(backoff.onExit(now));
		}
		assertThat(backoff.onExit(now)).isEqualTo(Duration.ofSeconds(30));
		backoff.healthy(now.plusSeconds(40));
		assertThat(backoff.onExit(now.plusSeconds(100))).as("healthy for exactly a minute")
			.isEqualTo(Duration.ofSeconds(1));
		assertThat(backoff.onExit(now.plusSeconds(102))).isEqualTo(Duration.ofSeconds(2));
		assertThat(backoff.restarts()).as("restarts count over the whole life").isEqualTo(9);
	}

	@Test
	void shouldCountHealthFromTheFirstHealthyCheckAfterARestartNotFromLaterOnes() {
		RestartBackoff backoff = new RestartBackoff();
		backoff.onExit(T0);
		backoff.healthy(T0.plusSeconds(20));
		// the supervisor reports health again and again; the first one counts
		backoff.healthy(T0.plusSeconds(70));
		assertThat(backoff.onExit(T0.plusSeconds(80))).isEqualTo(Duration.ofSeconds(1));
	}

}
