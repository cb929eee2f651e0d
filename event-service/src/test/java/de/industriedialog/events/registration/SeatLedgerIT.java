package de.industriedialog.events.registration;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.result.UpdateResult;
import de.industriedialog.localstack.LocalMongoServer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.data.mongodb.core.query.UpdateDefinition;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seat ledger on its own against the Mongo-compatible server over TCP: exact seats
 * and a gapless FIFO waitlist under concurrency, and the race in which a seat is freed
 * between the failed claim and the waitlist increment.
 */
class SeatLedgerIT {

	static final LocalMongoServer server = LocalMongoServer.inMemory();

	static final MongoClient client = MongoClients.create(server.connectionString());

	MongoTemplate mongo = new MongoTemplate(client, "seat_ledger_it");

	@BeforeEach
	void emptyLedgers() {
		this.mongo.dropCollection(SeatLedger.COLLECTION);
	}

	@AfterAll
	static void stop() {
		client.close();
		server.close();
	}

	@Test
	void shouldGiveExactlyTheSeatsAndNumberTheWaitlistWithoutGapsUnderConcurrency() throws Exception {
		SeatLedger ledger = new SeatLedger(this.mongo);
		int capacity = 7;
		int requests = 120;
		ExecutorService pool = Executors.newFixedThreadPool(24);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Long>> results = new ArrayList<>();
		for (int i = 0; i < requests; i++) {
			Callable<Long> claim = () -> {
				start.await();
				return ledger.claimSeatOrWaitlistPosition("event-1", capacity);
			};
			results.add(pool.submit(claim));
		}
		start.countDown();
		int seats = 0;
		Set<Long> positions = new TreeSet<>();
		for (Future<Long> result : results) {
			long position = result.get();
			if (position == 0) {
				seats++;
			}
			else {
				positions.add(position);
			}
		}
		pool.shutdown();

		assertThat(seats).isEqualTo(capacity);
		assertThat(positions)
			.containsExactlyElementsOf(LongStream.rangeClosed(1, requests - capacity).boxed().toList());
		assertThat(ledger.confirmed("event-1")).isEqualTo(capacity);
	}

	@Test
	void shouldTakeASeatFreedBetweenTheFailedClaimAndTheWaitlistIncrement() {
		CancellingTemplate racing = new CancellingTemplate(client, 1, false);
		fill(3);
		SeatLedger ledger = new SeatLedger(racing);

		assertThat(ledger.claimSeatOrWaitlistPosition("event-1", 3)).isZero();
		assertThat(ledger.confirmed("event-1")).isEqualTo(3);
		assertThat(waitlisted()).isZero();
	}

	@Test
	void shouldEndOnTheWaitlistNotWithAnErrorWhenOthersKeepWinningTheFreedSeat() {
		// Twenty times in a row someone cancels after this request found the event full,
		// and someone else takes that seat before this request tries again.
		CancellingTemplate racing = new CancellingTemplate(client, 20, true);
		fill(3);
		SeatLedger ledger = new SeatLedger(racing);

		assertThat(ledger.claimSeatOrWaitlistPosition("event-1", 3)).isEqualTo(1);
		assertThat(racing.races.get()).isEqualTo(20);
		assertThat(ledger.confirmed("event-1")).isEqualTo(3);
	}

	private void fill(int capacity) {
		SeatLedger ledger = new SeatLedger(this.mongo);
		for (int i = 0; i < capacity; i++) {
			assertThat(ledger.claimSeatOrWaitlistPosition("event-1", capacity)).isZero();
		}
	}

	private long waitlisted() {
		return ((Number) this.mongo.findById("event-1", Document.class, SeatLedger.COLLECTION).get("waitlisted"))
			.longValue();
	}

	/**
	 * Plays the other participants: right before the waitlist increment one of them
	 * cancels (a seat is freed), and, if {@code retaken}, another one takes that seat
	 * right before the next claim.
	 */
	static final class CancellingTemplate extends MongoTemplate {

		final AtomicInteger races = new AtomicInteger();

		private final int times;

		private final boolean retaken;

		private boolean seatFreed;

		CancellingTemplate(MongoClient client, int times, boolean retaken) {
			super(client, "seat_ledger_it");
			this.times = times;
			this.retaken = retaken;
		}

		@Override
		public <T> T findAndModify(Query query, UpdateDefinition update, FindAndModifyOptions options,
				Class<T> entityClass, String collectionName) {
			if (this.races.get() < this.times) {
				this.races.incrementAndGet();
				super.updateFirst(Query.query(Criteria.where("_id").is("event-1")), new Update().inc("confirmed", -1),
						SeatLedger.COLLECTION);
				this.seatFreed = true;
			}
			return super.findAndModify(query, update, options, entityClass, collectionName);
		}

		@Override
		public UpdateResult updateFirst(Query query, UpdateDefinition update, String collectionName) {
			if (this.seatFreed && this.retaken) {
				this.seatFreed = false;
				super.updateFirst(Query.query(Criteria.where("_id").is("event-1")), new Update().inc("confirmed", 1),
						SeatLedger.COLLECTION);
			}
			return super.updateFirst(query, update, collectionName);
		}

	}

}
