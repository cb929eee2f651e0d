package de.industriedialog.newsletter.delivery;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Spaces mails evenly at a rate shared by all sender threads: each caller reserves the
 * next free slot and sleeps until it. No bursts beyond one mail, so a mail server's
 * per-second limit is never exceeded. (Bucket4j is not on the classpath and this is all
 * the send needs.)
 */
final class Pacer {

	private final long intervalNanos;

	private final LongSupplier nanoTime;

	private long nextSlot;

	/**
	 * @param ratePerSecond permits per second, {@code <= 0} for no limit
	 * @param nanoTime the monotonic time source ({@code System::nanoTime})
	 */
	Pacer(double ratePerSecond, LongSupplier nanoTime) {
		this.intervalNanos = (ratePerSecond > 0) ? (long) (TimeUnit.SECONDS.toNanos(1) / ratePerSecond) : 0;
		this.nanoTime = nanoTime;
		this.nextSlot = nanoTime.getAsLong();
	}

	/** Blocks until the caller may send the next mail. */
	void acquire() throws InterruptedException {
		long wait = reserve();
		if (wait > 0) {
			TimeUnit.NANOSECONDS.sleep(wait);
		}
	}

	/** Reserves the next slot; how long the caller has to wait for it, in nanoseconds. */
	synchronized long reserve() {
		if (this.intervalNanos == 0) {
			return 0;
		}
		long now = this.nanoTime.getAsLong();
		long slot = Math.max(now, this.nextSlot);
		this.nextSlot = slot + this.intervalNanos;
		return slot - now;
	}

}
