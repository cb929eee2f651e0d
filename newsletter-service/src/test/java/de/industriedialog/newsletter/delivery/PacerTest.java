package de.industriedialog.newsletter.delivery;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PacerTest {

	final AtomicLong now = new AtomicLong(TimeUnit.SECONDS.toNanos(100));

	@Test
	void shouldSpaceReservationsEvenlyAtTheRate() {
		Pacer pacer = new Pacer(20, this.now::get);
		long interval = TimeUnit.MILLISECONDS.toNanos(50);
		assertThat(pacer.reserve()).isZero();
		assertThat(pacer.reserve()).isEqualTo(interval);
		assertThat(pacer.reserve()).isEqualTo(2 * interval);
		// Callers that waited their turn: the next slot follows the last one.
		this.now.addAndGet(3 * interval);
		assertThat(pacer.reserve()).isZero();
	}

	@Test
	void shouldNotSaveUpPermitsWhileIdle() {
		Pacer pacer = new Pacer(10, this.now::get);
		pacer.reserve();
		this.now.addAndGet(TimeUnit.SECONDS.toNanos(10));
		assertThat(pacer.reserve()).isZero();
		assertThat(pacer.reserve()).as("no burst after a pause").isEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
	}

	@Test
	void shouldNotWaitWhenTheRateIsOff() {
		Pacer pacer = new Pacer(0, this.now::get);
		for (int i = 0; i < 1000; i++) {
			assertThat(pacer.reserve()).isZero();
		}
	}

}
