package de.industriedialog.platform.messaging.faults;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import de.industriedialog.contracts.CloudEventHeaders;
import de.industriedialog.localstack.LocalKafka;
import de.industriedialog.platform.messaging.ConsumerFaults;
import de.industriedialog.platform.messaging.EventConsumers;
import de.industriedialog.platform.messaging.UnprocessableEventException;
import de.industriedialog.platform.testing.KafkaTopics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.messaging.Message;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The consumers' error handling with a real broker: a handler that fails because its
 * store is away is retried for as long as the outage lasts (far beyond the binder's old
 * four attempts) and then goes on, nothing in the dead-letter topic; a record that can
 * never be processed is dead-lettered at once and the partition goes on.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "spring.application.name=faults-test", "spring.cloud.function.definition=flaky",
				"spring.cloud.stream.bindings.flaky-in-0.destination=" + ConsumerFaultsIT.TOPIC,
				"spring.cloud.stream.bindings.flaky-in-0.group=faults-test",
				"spring.cloud.stream.kafka.bindings.flaky-in-0.consumer.start-offset=earliest",
				"spring.cloud.stream.kafka.bindings.flaky-in-0.consumer.enable-dlq=true",
				"spring.cloud.stream.kafka.bindings.flaky-in-0.consumer.dlq-name=" + ConsumerFaultsIT.DLT,
				// What the services configured before: gave up after four quick tries.
				"spring.cloud.stream.bindings.flaky-in-0.consumer.max-attempts=4",
				"industriedialog.consumers.initial-backoff=50ms", "industriedialog.consumers.max-backoff=300ms",
				"industriedialog.consumers.unhealthy-after=1s" })
class ConsumerFaultsIT {

	static final String TOPIC = "faults.test.v1";

	static final String DLT = TOPIC + ".faults-test.dlt";

	static final LocalKafka kafka = startKafka();

	@Autowired
	Handler handler;

	@Autowired
	ConsumerFaults consumerFaults;

	@Autowired
	MeterRegistry meterRegistry;

	@DynamicPropertySource
	static void kafka(DynamicPropertyRegistry properties) {
		properties.add("spring.kafka.bootstrap-servers", kafka::bootstrapServers);
		properties.add("spring.cloud.stream.kafka.binder.brokers", kafka::bootstrapServers);
	}

	@AfterAll
	static void stopKafka() {
		kafka.close();
	}

	@Test
	void shouldWaitOutAStoreOutageAndDeadLetterOnlyWhatCanNeverBeProcessed() throws Exception {
		this.handler.storeAway.set(true);
		send("first", "{\"n\":1}");
		send("second", "{\"n\":2}");

		// The outage lasts: many attempts, the partition stays on the first record, and
		// the health indicator says the consumer is stuck.
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.handler.attempts.get("first") != null && this.handler.attempts.get("first").size() >= 10);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.consumerFaults.health().getStatus() == Status.DOWN);
		assertThat(this.handler.processed).isEmpty();
		assertThat(this.meterRegistry.counter("events.retried", "topic", TOPIC, "group", "faults-test").count())
			.isGreaterThanOrEqualTo(9);

		this.handler.storeAway.set(false);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.handler.processed.containsAll(List.of("first", "second")));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.consumerFaults.health().getStatus() == Status.UP);

		send("broken", "{\"unprocessable\":true}");
		send("third", "{\"n\":3}");
		await().atMost(Duration.ofSeconds(20)).until(() -> this.handler.processed.contains("third"));
		List<ConsumerRecord<String, String>> dead = KafkaTopics.readAll(kafka.bootstrapServers(), DLT, 1,
				Duration.ofSeconds(20), Duration.ofSeconds(2));
		assertThat(dead).hasSize(1);
		assertThat(KafkaTopics.header(dead.get(0), CloudEventHeaders.ID)).isEqualTo("broken");
		assertThat(KafkaTopics.header(dead.get(0), "x-original-topic")).isEqualTo(TOPIC);
		assertThat(KafkaTopics.header(dead.get(0), "x-exception-message")).contains("contradicts an invariant");
		assertThat(this.handler.attempts.get("broken")).as("never retried").hasSize(1);
	}

	private static void send(String id, String json) {
		KafkaTopics.send(kafka.bootstrapServers(), TOPIC, "same-key",
				Map.of(CloudEventHeaders.ID, id, CloudEventHeaders.TYPE, CloudEventHeaders.ceType("TestHappened"),
						CloudEventHeaders.SOURCE, "/test", CloudEventHeaders.CONTENT_TYPE,
						CloudEventHeaders.APPLICATION_JSON),
				json);
	}

	private static LocalKafka startKafka() {
		try {
			return LocalKafka.start(Files.createTempDirectory("consumer-faults-kafka"), freePort(), freePort());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/** A projection whose store can be away; data with "unprocessable" is invalid. */
	static class Handler {

		final AtomicBoolean storeAway = new AtomicBoolean();

		final Map<String, List<Long>> attempts = new ConcurrentHashMap<>();

		final Set<String> processed = ConcurrentHashMap.newKeySet();

		void apply(de.industriedialog.platform.messaging.IncomingEvent event) {
			this.attempts.computeIfAbsent(event.id(), (id) -> new java.util.concurrent.CopyOnWriteArrayList<>())
				.add(System.nanoTime());
			if (event.payload().contains("unprocessable")) {
				throw new UnprocessableEventException("event " + event.id() + " contradicts an invariant");
			}
			if (this.storeAway.get()) {
				throw new DataAccessResourceFailureException("Timed out waiting for a server (simulated outage)");
			}
			this.processed.add(event.id());
		}

	}

	@SpringBootApplication
	static class App {

		@Bean
		Handler handler() {
			return new Handler();
		}

		@Bean
		Consumer<Message<byte[]>> flaky(Handler handler, MeterRegistry meterRegistry) {
			return EventConsumers.of("flaky", handler::apply, meterRegistry);
		}

	}

}
