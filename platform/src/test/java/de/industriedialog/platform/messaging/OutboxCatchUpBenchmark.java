package de.industriedialog.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.industriedialog.localstack.LocalKafka;
import de.industriedialog.localstack.LocalMongoServer;
import de.industriedialog.platform.testing.KafkaTopics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Not a test: how long the relay needs to publish 20,000 pending outbox entries (one per
 * document, as registrations have them, in a hinted collection) once the broker is
 * reachable, against the local stack's KRaft broker and Mongo-compatible store. Run with
 * {@code ./mvnw -o -pl platform -am verify -Dbenchmark=true
 * -Dit.test=OutboxCatchUpBenchmark -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dfailsafe.failIfNoSpecifiedTests=false}; the figures are printed, not asserted.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class OutboxCatchUpBenchmark {

	static final int ENTRIES = Integer.getInteger("benchmark.entries", 20_000);

	@TempDir
	Path kafkaDir;

	@Test
	void publishPendingEntries() throws Exception {
		try (LocalMongoServer server = LocalMongoServer.inMemory();
				MongoClient client = MongoClients.create(server.connectionString());
				LocalKafka kafka = LocalKafka.start(this.kafkaDir, OutboxCatchUpIT.freePort(),
						OutboxCatchUpIT.freePort())) {
			MongoTemplate mongo = new MongoTemplate(client, "outbox_benchmark");
			Map<String, Object> producer = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
			List<String> lines = new ArrayList<>();
			// warm-up: topic creation, JIT, store
			run(mongo, kafka, "warmup", 2_000, 200,
					(p) -> new OutboxRelay(mongo, null, producer, p, "/bench", meters()));
			for (int batch : List.of(200, 1000)) {
				lines.add(run(mongo, kafka, "batch-async-" + batch, ENTRIES, batch,
						(p) -> new OutboxRelay(mongo, null, producer, p, "/bench", meters())));
				System.out.println(lines.get(lines.size() - 1));
			}
			// The previous send path for comparison: one blocking send per entry (the
			// binding is synchronous), here through a bridge that waits for each ack.
			try (KafkaProducer<byte[], byte[]> blocking = new KafkaProducer<>(
					Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
							ProducerConfig.ACKS_CONFIG, "all"),
					new ByteArraySerializer(), new ByteArraySerializer())) {
				StreamBridge bridge = mock(StreamBridge.class);
				given(bridge.send(anyString(), any())).willAnswer((invocation) -> {
					Message<?> message = invocation.getArgument(1);
					ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(invocation.getArgument(0),
							(byte[]) message.getHeaders().get(KafkaHeaders.KEY), (byte[]) message.getPayload());
					message.getHeaders().forEach((name, value) -> {
						if (name.startsWith("ce_")) {
							record.headers().add(name, String.valueOf(value).getBytes(StandardCharsets.UTF_8));
						}
					});
					try {
						blocking.send(record).get();
						return true;
					}
					catch (ExecutionException ex) {
						return false;
					}
				});
				lines.add(run(mongo, kafka, "one-blocking-send-per-entry-200", ENTRIES, 200,
						(p) -> new OutboxRelay(mongo, bridge, p, "/bench", meters())));
			}
			System.out.println("=== OutboxCatchUpBenchmark (" + ENTRIES + " entries) ===");
			lines.forEach(System.out::println);
		}
	}

	private String run(MongoTemplate mongo, LocalKafka kafka, String name, int entries, int batchSize,
			java.util.function.Function<OutboxProperties, OutboxRelay> relays) {
		String collection = "bench_" + name.replace('-', '_');
		String topic = "dialog.bench-" + name + ".v1";
		try {
			OutboxCatchUpIT.createTopic(kafka.bootstrapServers(), topic);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		List<OutboxCatchUpIT.Aggregate> documents = new ArrayList<>(entries);
		for (int i = 0; i < entries; i++) {
			OutboxEvent event = new OutboxEvent(UUID.randomUUID().toString(), topic, "RegistrationConfirmed",
					"event-" + (i % 20), "registration-" + i,
					"{\"registrationId\":\"" + UUID.randomUUID() + "\",\"n\":" + i + "}", Instant.now());
			documents.add(new OutboxCatchUpIT.Aggregate(UUID.randomUUID().toString(), List.of(event)));
		}
		for (int from = 0; from < entries; from += 1000) {
			mongo.insert(documents.subList(from, Math.min(entries, from + 1000)), collection);
		}
		// Hinted collection: the relay drains it by scanning at start, as after a restart
		// or an outage; the safety scan is far away.
		OutboxRelay relay = relays.apply(new OutboxProperties(List.of(collection), Duration.ofMillis(50), batchSize,
				List.of(collection), Duration.ofHours(1), Duration.ofHours(1)));
		long started = System.nanoTime();
		int published = relay.publishPending();
		long millis = (System.nanoTime() - started) / 1_000_000;
		relay.stop();
		assertThat(published).isEqualTo(entries);
		assertThat(mongo.count(new Query(Criteria.where("outbox.0").exists(true)), collection)).isZero();
		assertThat(KafkaTopics.readTopic(kafka.bootstrapServers(), topic)).hasSize(entries);
		return String.format("%-34s batch %5d: %6d entries in %6d ms = %7.0f entries/s", name, batchSize, entries,
				millis, entries * 1000.0 / millis);
	}

	private static SimpleMeterRegistry meters() {
		return new SimpleMeterRegistry();
	}

}
