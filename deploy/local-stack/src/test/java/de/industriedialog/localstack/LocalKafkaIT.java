package de.industriedialog.localstack;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class LocalKafkaIT {

	private static final String TOPIC = "dialog.test.v1";

	@TempDir
	Path dataDir;

	@Test
	void shouldKeepRecordsWhenRestartedOnTheSameDirectory() throws Exception {
		int brokerPort = freePort();
		int controllerPort = freePort();
		String value = "hello " + UUID.randomUUID();

		long start = System.nanoTime();
		try (LocalKafka kafka = LocalKafka.start(this.dataDir, brokerPort, controllerPort)) {
			System.out.printf("Kafka started (empty directory) in %d ms%n", (System.nanoTime() - start) / 1_000_000);
			assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + brokerPort);
			try (KafkaProducer<String, String> producer = producer(kafka)) {
				RecordMetadata metadata = producer.send(new ProducerRecord<>(TOPIC, "key-1", value))
					.get(60, TimeUnit.SECONDS);
				assertThat(metadata.topic()).isEqualTo(TOPIC);
			}
			System.out.printf("first record acknowledged %d ms after start%n", (System.nanoTime() - start) / 1_000_000);
			assertThat(consumeAll(kafka)).extracting(ConsumerRecord::value).contains(value);
		}

		start = System.nanoTime();
		try (LocalKafka kafka = LocalKafka.start(this.dataDir, brokerPort, controllerPort)) {
			System.out.printf("Kafka restarted in %d ms%n", (System.nanoTime() - start) / 1_000_000);
			List<ConsumerRecord<String, String>> records = consumeAll(kafka);
			assertThat(records).extracting(ConsumerRecord::value).containsExactly(value);
			assertThat(records.get(0).key()).isEqualTo("key-1");
		}
	}

	private static KafkaProducer<String, String> producer(LocalKafka kafka) {
		return new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG,
						"all", ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000),
				new StringSerializer(), new StringSerializer());
	}

	/**
	 * Reads the topic from the beginning with a new group until one record has arrived.
	 */
	private static List<ConsumerRecord<String, String>> consumeAll(LocalKafka kafka) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
				ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
				"earliest");
		List<ConsumerRecord<String, String>> records = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of(TOPIC));
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (records.isEmpty() && System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(500)).forEach(records::add);
			}
			// anything else that is there arrives in the next poll
			consumer.poll(Duration.ofMillis(500)).forEach(records::add);
		}
		return records;
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
