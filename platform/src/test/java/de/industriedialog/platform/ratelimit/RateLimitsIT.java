package de.industriedialog.platform.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.industriedialog.platform.testing.MovableClock;
import de.industriedialog.localstack.LocalMongoServer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two {@link RateLimits} on one store over TCP stand for two replicas: they share every
 * count.
 */
class RateLimitsIT {

	static final LocalMongoServer server = LocalMongoServer.inMemory();

	static final MongoClient client = MongoClients.create(server.connectionString());

	final MongoTemplate mongo = new MongoTemplate(client, "limits_" + UUID.randomUUID().toString().substring(0, 8));

	final MovableClock clock = MovableClock.stoppedAt(Instant.parse("2026-12-03T10:00:00Z"));

	final RateLimits replica1 = new RateLimits(this.mongo, this.clock);

	final RateLimits replica2 = new RateLimits(this.mongo, this.clock);

	@AfterAll
	static void stopStore() {
		client.close();
		server.close();
	}

	@Test
	void shouldShareTheCountAcrossReplicasAndRefuseWithTheTimeToWait() {
		RateLimit one = this.replica1.limit("signup", 3, Duration.ofMinutes(10));
		RateLimit two = this.replica2.limit("signup", 3, Duration.ofMinutes(10));
		assertThat(one.tryAcquire("192.0.2.1").allowed()).isTrue();
		assertThat(two.tryAcquire("192.0.2.1").allowed()).isTrue();
		assertThat(one.tryAcquire("192.0.2.1").allowed()).isTrue();
		RateLimit.Decision refused = two.tryAcquire("192.0.2.1");
		assertThat(refused.allowed()).isFalse();
		assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(10));
		// Another key has its own count.
		assertThat(two.tryAcquire("192.0.2.2").allowed()).isTrue();
	}

	@Test
	void shouldAllowExactlyTheLimitUnderConcurrentAttemptsFromBothReplicas() throws Exception {
		RateLimit one = this.replica1.limit("burst", 20, Duration.ofHours(1));
		RateLimit two = this.replica2.limit("burst", 20, Duration.ofHours(1));
		ExecutorService pool = Executors.newFixedThreadPool(8);
		List<Future<Boolean>> tries = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			RateLimit limit = (i % 2 == 0) ? one : two;
			tries.add(pool.submit(() -> limit.tryAcquire("203.0.113.9").allowed()));
		}
		int allowed = 0;
		for (Future<Boolean> attempt : tries) {
			allowed += attempt.get() ? 1 : 0;
		}
		pool.shutdown();
		assertThat(allowed).isEqualTo(20);
	}

	@Test
	void shouldRefuseNoneOfManyConcurrentFirstAttemptsBelowTheLimit() throws Exception {
		// The counter does not exist yet: every attempt races to create it.
		RateLimit one = this.replica1.limit("first-burst", 1000, Duration.ofHours(1));
		RateLimit two = this.replica2.limit("first-burst", 1000, Duration.ofHours(1));
		for (int round = 0; round < 5; round++) {
			String key = "198.51.100." + round;
			ExecutorService pool = Executors.newFixedThreadPool(16);
			java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
			List<Future<Boolean>> tries = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				RateLimit limit = (i % 2 == 0) ? one : two;
				tries.add(pool.submit(() -> {
					start.await();
					return limit.tryAcquire(key).allowed();
				}));
			}
			start.countDown();
			for (Future<Boolean> attempt : tries) {
				assertThat(attempt.get()).isTrue();
			}
			pool.shutdown();
		}
	}

	@Test
	void shouldSlideSoThatABurstAcrossAWindowBoundaryGetsNoDoubleAllowance() {
		RateLimit limit = this.replica1.limit("slide", 10, Duration.ofMinutes(1));
		this.clock.set(Instant.parse("2026-12-03T10:00:50Z"));
		for (int i = 0; i < 10; i++) {
			assertThat(limit.tryAcquire("k").allowed()).isTrue();
		}
		// 10 s later a new fixed window began, but 50 s of the last one still overlap:
		// they weigh 10 * 5/6, which leaves room for one attempt, not ten.
		this.clock.set(Instant.parse("2026-12-03T10:01:10Z"));
		assertThat(limit.tryAcquire("k").allowed()).isTrue();
		assertThat(limit.tryAcquire("k").allowed()).isFalse();
		// Halfway through the new window half of the old one still counts.
		this.clock.set(Instant.parse("2026-12-03T10:01:30Z"));
		assertThat(limit.tryAcquire("k").allowed()).isTrue();
		assertThat(limit.tryAcquire("k").allowed()).isTrue();
		assertThat(limit.tryAcquire("k").allowed()).isTrue();
		assertThat(limit.tryAcquire("k").allowed()).isTrue();
		assertThat(limit.tryAcquire("k").allowed()).isFalse();
		// After a whole window all is forgotten.
		this.clock.set(Instant.parse("2026-12-03T10:02:50Z"));
		assertThat(limit.tryAcquire("k").allowed()).isTrue();
	}

	@Test
	void shouldLockAfterRecordedFailuresAndForgetThemOnReset() {
		RateLimit logins = this.replica1.limit("login", 2, Duration.ofMinutes(15));
		RateLimit sameOnReplica2 = this.replica2.limit("login", 2, Duration.ofMinutes(15));
		logins.record("anna@example.org");
		assertThat(sameOnReplica2.check("anna@example.org").allowed()).isTrue();
		sameOnReplica2.record("anna@example.org");
		assertThat(logins.check("anna@example.org").allowed()).isFalse();
		logins.reset("anna@example.org");
		assertThat(sameOnReplica2.check("anna@example.org").allowed()).isTrue();
	}

	@Test
	void shouldStoreNoKeyInClearAndDropExpiredCounters() {
		RateLimit limit = this.replica1.limit("privacy", 5, Duration.ofMinutes(1));
		limit.tryAcquire("198.51.100.7");
		List<String> ids = new ArrayList<>();
		this.mongo.getCollection(RateLimits.COLLECTION).find().forEach((d) -> ids.add(d.get("_id").toString()));
		assertThat(ids).isNotEmpty().noneMatch((id) -> id.contains("198.51.100.7"));
		long counters = counters();
		assertThat(counters).isEqualTo(1);
		// Two windows and the sweep interval later the counter is gone.
		this.clock.set(this.clock.instant().plus(Duration.ofMinutes(3)));
		this.replica1.limit("other", 5, Duration.ofMinutes(1)).tryAcquire("x");
		assertThat(this.mongo.getCollection(RateLimits.COLLECTION)
			.countDocuments(new Document("_id", new Document("$regex", "^privacy:")))).isZero();
	}

	private long counters() {
		return this.mongo.getCollection(RateLimits.COLLECTION)
			.countDocuments(new Document("count", new Document("$exists", true)));
	}

}
