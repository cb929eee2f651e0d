package de.industriedialog.events.registration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Recounts the confirmed seats of every event at start. A crash between taking a seat and
 * storing the registration leaves the count one too high (see {@link SeatLedger}); the
 * registrations themselves are the truth, so the count is set from them, and seats that
 * turn out free go to the people waiting.
 *
 * <p>
 * Other instances keep taking and freeing seats while this one starts (a rolling update
 * during a rush), and each of their changes is two writes: the ledger and the
 * registration. In between, the counter and the registrations disagree for a moment
 * without anything being wrong: a seat taken whose registration is not stored yet, or a
 * registration cancelled whose seat is not given back yet. Overwriting the counter with a
 * count taken in such a moment loses that seat's increment and lets one more person in
 * than there are seats. A compare-and-set on the value read is not enough either: the
 * in-between state can last across the read, the count and the set without the counter
 * moving.
 *
 * <p>
 * So a counter is corrected only when it is provably stale: read the counter and its
 * change count, count the registrations, wait {@code settle} (far longer than the two
 * writes of a request take), count again, and set the counter with a compare-and-set on
 * the change count. Both counts equal means no registration changed during the wait; the
 * change count unchanged means no seat was taken or given back since the first read. A
 * change that was half done at the first read is finished by the second count (its seat
 * write before the read, its registration write within the wait: the counts differ) or
 * shows in the change count (its registration write before, its seat write within the
 * wait). One that starts after the second count is counted correctly by it. If anything
 * moved, the event is tried again, a few rounds; under constant traffic the counter stays
 * as it is, which is safe: a crash only ever leaves it too high, never too low, so the
 * event is never overbooked, and the next start repairs it. Setting the counter by
 * increments would not help (the difference itself is what is uncertain), nor would a
 * lease (the other instances' requests do not take it). See docs/adr/0007.
 */
@Component
class SeatLedgerRepair implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(SeatLedgerRepair.class);

	private final SeatLedger ledger;

	private final RegistrationStore store;

	private final Registrations registrations;

	private final Duration settle;

	private final int rounds;

	private final CountDownLatch done = new CountDownLatch(1);

	private volatile Thread worker;

	SeatLedgerRepair(SeatLedger ledger, RegistrationStore store, Registrations registrations,
			@Value("${industriedialog.registration.seat-repair.settle:10s}") Duration settle,
			@Value("${industriedialog.registration.seat-repair.rounds:6}") int rounds) {
		this.ledger = ledger;
		this.store = store;
		this.registrations = registrations;
		this.settle = settle;
		this.rounds = rounds;
	}

	/** In the background: the wait must not hold up the start (and the readiness). */
	@EventListener(ApplicationReadyEvent.class)
	void startRecount() {
		Thread thread = new Thread(() -> {
			try {
				recount();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (RuntimeException ex) {
				log.warn("Seat counts not checked: {}", ex.getMessage());
			}
			finally {
				this.done.countDown();
			}
		}, "seat-ledger-repair");
		thread.setDaemon(true);
		this.worker = thread;
		thread.start();
	}

	/**
	 * Checks every event's counter and corrects those that are provably stale.
	 * @return the number of counters corrected
	 */
	int recount() throws InterruptedException {
		List<String> eventIds = this.ledger.eventIds();
		int corrected = 0;
		for (int round = 0; round < this.rounds && !eventIds.isEmpty(); round++) {
			// First the counter, then the count: a seat taken in between shows in the
			// change count.
			Map<String, SeatLedger.Snapshot> seen = new LinkedHashMap<>();
			Map<String, Long> counted = new LinkedHashMap<>();
			for (String eventId : eventIds) {
				SeatLedger.Snapshot snapshot = this.ledger.snapshot(eventId);
				long count = this.store.countConfirmed(eventId);
				if (count != snapshot.confirmed()) {
					seen.put(eventId, snapshot);
					counted.put(eventId, count);
				}
			}
			if (seen.isEmpty()) {
				eventIds = List.of();
				break;
			}
			// One wait for all events.
			Thread.sleep(this.settle.toMillis());
			List<String> again = new ArrayList<>();
			for (Map.Entry<String, SeatLedger.Snapshot> entry : seen.entrySet()) {
				String eventId = entry.getKey();
				long count = this.store.countConfirmed(eventId);
				if (count != counted.get(eventId) || !this.ledger.correct(eventId, entry.getValue(), count)) {
					again.add(eventId);
					continue;
				}
				log.warn("Seat count of event {} was {}, registrations say {}; corrected", eventId,
						entry.getValue().confirmed(), count);
				corrected++;
				this.registrations.promoteWaiting(eventId);
			}
			eventIds = again;
		}
		if (!eventIds.isEmpty()) {
			log.info("Seat counts of {} events kept moving while checked; left as they are (never too low), "
					+ "checked again at the next start", eventIds.size());
		}
		return corrected;
	}

	/** For tests: waits until the check at start is over. */
	boolean awaitRecount(Duration timeout) throws InterruptedException {
		return this.done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void destroy() throws InterruptedException {
		Thread thread = this.worker;
		if (thread != null) {
			thread.interrupt();
			thread.join(2000);
		}
	}

}
