package de.industriedialog.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.industriedialog.contracts.CloudEventHeaders;
import de.industriedialog.localstack.LocalMongoServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.messaging.Message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * The relay against the Mongo-compatible store over TCP, with Kafka replaced by a
 * recording {@link StreamBridge} (the broker path is covered by the services' tests).
 */
class OutboxRelayIT {

	static final LocalMongoServer server = LocalMongoServer.inMemory();

	static final MongoClient client = MongoClients.create(server.connectionString());

	final MongoTemplate mongo = new MongoTemplate(client, "outbox_it");

	final StreamBridge bridge = mock(StreamBridge.class);

	final List<Message<?>> sent = new ArrayList<>();

	final OutboxRelay relay = new OutboxRelay(this.mongo, this.bridge, new OutboxProperties(List.of("aggregates"),
			Duration.ofSeconds(1), 10, List.of(), Duration.ofSeconds(30), Duration.ofSeconds(15)), "/test",
			new SimpleMeterRegistry());

	@BeforeEach
	void empty() {
		this.mongo.dropCollection("aggregates");
	}

	@AfterAll
	static void stop() {
		client.close();
		server.close();
	}

	@Test
	void shouldSendEachEntryWithItsStoredIdAsCeIdAndRemoveOnlyWhatWasSent() {
		OutboxEvent first = event("first");
		this.mongo.insert(new Aggregate("a", List.of(first)));
		OutboxEvent addedDuringSend = event("added-during-send");
		given(this.bridge.send(anyString(), any())).willAnswer((invocation) -> {
			this.sent.add(invocation.getArgument(1));
			if (this.sent.size() == 1) {
				// A change saved while the relay waits for Kafka's acknowledgement.
				this.mongo.updateFirst(Query.query(Criteria.where("_id").is("a")),
						new Update().push("outbox", this.mongo.getConverter().convertToMongoType(addedDuringSend)),
						"aggregates");
			}
			return true;
		});

		assertThat(this.relay.publishPending()).isEqualTo(1);

		assertThat(header(this.sent.get(0), CloudEventHeaders.ID)).isEqualTo(first.id());
		org.bson.Document stored = this.mongo.findById("a", org.bson.Document.class, "aggregates");
		assertThat(stored.getList("outbox", org.bson.Document.class)).hasSize(1);

		assertThat(this.relay.publishPending()).isEqualTo(1);
		assertThat(header(this.sent.get(1), CloudEventHeaders.ID)).isEqualTo(addedDuringSend.id());
		assertThat(this.mongo.findById("a", org.bson.Document.class, "aggregates")
			.getList("outbox", org.bson.Document.class)).isEmpty();
	}

	@Test
	void shouldKeepTheEntryWhenKafkaDoesNotAcceptIt() {
		this.mongo.insert(new Aggregate("b", List.of(event("refused"))));
		given(this.bridge.send(anyString(), any())).willReturn(false);

		try {
			this.relay.publishPending();
		}
		catch (IllegalStateException expected) {
			// the next poll tries again
		}

		assertThat(this.mongo.findById("b", org.bson.Document.class, "aggregates")
			.getList("outbox", org.bson.Document.class)).hasSize(1);
	}

	@Test
	void shouldPublishAHintedDocumentByIdInTheOrderThingsHappened() {
		OutboxEvent later = event("later", Instant.parse("2026-11-26T10:00:02Z"));
		OutboxEvent earlier = event("earlier", Instant.parse("2026-11-26T10:00:01Z"));
		this.mongo.insert(new Aggregate("c", List.of(later)));
		this.mongo.insert(new Aggregate("d", List.of(earlier)));
		given(this.bridge.send(anyString(), any()))
			.willAnswer((invocation) -> this.sent.add(invocation.getArgument(1)));

		this.relay.hint("aggregates", "c");
		this.relay.hint("aggregates", "d");
		this.relay.hint("aggregates", "c");
		this.relay.hint("aggregates", "gone");

		assertThat(this.relay.publishHinted()).isEqualTo(2);
		assertThat(this.sent).extracting((m) -> header(m, CloudEventHeaders.ID))
			.containsExactly(earlier.id(), later.id());
		assertThat(this.relay.publishHinted()).isZero();
		assertThat(this.relay.publishPending()).isZero();
	}

	/**
	 * A poll stuck on a broker (or store) that is gone must not hold the shutdown for the
	 * client's timeout: stop interrupts it, and the entry stays for the next start.
	 */
	@Test
	void shouldInterruptAHangingPollOnStopAndKeepItsEntry() throws Exception {
		this.mongo.insert(new Aggregate("e", List.of(event("stuck"))));
		CountDownLatch sending = new CountDownLatch(1);
		AtomicBoolean interrupted = new AtomicBoolean();
		given(this.bridge.send(anyString(), any())).willAnswer((invocation) -> {
			sending.countDown();
			try {
				Thread.sleep(Duration.ofMinutes(2).toMillis());
				return true;
			}
			catch (InterruptedException ex) {
				interrupted.set(true);
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted while waiting for Kafka");
			}
		});
		OutboxRelay polling = new OutboxRelay(this.mongo, this.bridge, new OutboxProperties(List.of("aggregates"),
				Duration.ofMillis(20), 10, List.of(), Duration.ofSeconds(30), Duration.ofSeconds(15)), "/test",
				new SimpleMeterRegistry());
		polling.start();
		assertThat(sending.await(30, TimeUnit.SECONDS)).isTrue();

		polling.stop();

		assertThat(interrupted).isTrue();
		assertThat(polling.isRunning()).isFalse();
		assertThat(this.mongo.findById("e", org.bson.Document.class, "aggregates")
			.getList("outbox", org.bson.Document.class)).hasSize(1);
	}

	private static OutboxEvent event(String name, Instant at) {
		return new OutboxEvent(java.util.UUID.randomUUID().toString(), "test.v1", "SteckbriefWithdrawn", "key-" + name,
				"subject-" + name, "{\"name\":\"" + name + "\"}", at);
	}

	private static OutboxEvent event(String name) {
		return new OutboxEvent(java.util.UUID.randomUUID().toString(), "test.v1", "SteckbriefWithdrawn", "key-" + name,
				"subject-" + name, "{\"name\":\"" + name + "\"}", Instant.parse("2026-11-26T10:00:00Z"));
	}

	private static String header(Message<?> message, String name) {
		Object value = message.getHeaders().get(name);
		return (value instanceof byte[] bytes) ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
	}

	@Document("aggregates")
	record Aggregate(@Id String id, List<OutboxEvent> outbox) {
	}

}
