package de.industriedialog.evaluation.feedback;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.industriedialog.localstack.LocalMongoServer;
import de.industriedialog.platform.ratelimit.RateLimits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event link's bounds as two replicas see them: two {@link EventLinkLimits}, each
 * with its own {@link RateLimits}, on one store over TCP.
 */
class EventLinkLimitsEmbeddedIT {

	static final LocalMongoServer mongo = LocalMongoServer.inMemory();

	static final MongoClient client = MongoClients.create(mongo.connectionString());

	private final FeedbackProperties properties = new FeedbackProperties(5,
			new FeedbackProperties.RateLimit(6, Duration.ofMinutes(10)), 25, Duration.ofMinutes(1));

	private final EventLinkLimits first = replica();

	private final EventLinkLimits second = replica();

	@AfterAll
	static void stop() {
		client.close();
		mongo.close();
	}

	@Test
	void shouldCountOneAddressOnceForAllReplicas() {
		String event = "evt-" + UUID.randomUUID();
		for (int i = 0; i < 3; i++) {
			assertThat(this.first.tryAcquire(event, "203.0.113.5")).isZero();
			assertThat(this.second.tryAcquire(event, "203.0.113.5")).isZero();
		}
		Duration wait = this.first.tryAcquire(event, "203.0.113.5");
		assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(10));
		assertThat(this.second.tryAcquire(event, "203.0.113.5")).isPositive();
		// Per event: the same address elsewhere, and another address here, are free.
		assertThat(this.second.tryAcquire("evt-" + UUID.randomUUID(), "203.0.113.5")).isZero();
		assertThat(this.second.tryAcquire(event, "203.0.113.6")).isZero();
	}

	@Test
	void shouldHandOutExactlyTheCapAcrossReplicasUnderConcurrency() throws Exception {
		String event = "evt-" + UUID.randomUUID();
		List<Callable<Boolean>> calls = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			EventLinkLimits replica = (i % 2 == 0) ? this.first : this.second;
			calls.add(() -> replica.takeAnswer(event));
		}
		assertThat(allAtOnce(calls)).filteredOn(Boolean::booleanValue).hasSize(25);
		// A place given back (the device had answered) is free again, once.
		this.first.returnAnswer(event);
		assertThat(this.second.takeAnswer(event)).isTrue();
		assertThat(this.first.takeAnswer(event)).isFalse();
	}

	private EventLinkLimits replica() {
		MongoTemplate template = new MongoTemplate(client, "evaluation_service");
		return new EventLinkLimits(new RateLimits(template, Clock.systemUTC()), this.properties, template);
	}

	private static List<Boolean> allAtOnce(List<Callable<Boolean>> calls) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(16);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Boolean>> futures = new ArrayList<>();
			for (Callable<Boolean> call : calls) {
				futures.add(pool.submit(() -> {
					start.await();
					return call.call();
				}));
			}
			start.countDown();
			List<Boolean> results = new ArrayList<>();
			for (Future<Boolean> future : futures) {
				results.add(future.get());
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}

}
