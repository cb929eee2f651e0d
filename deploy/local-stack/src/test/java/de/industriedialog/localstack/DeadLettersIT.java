package de.industriedialog.localstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Listing and replaying dead-lettered records against a real broker. */
class DeadLettersIT {

	static final LocalKafka kafka = start();

	@AfterAll
	static void stop() {
		kafka.close();
	}

	@Test
	void shouldListAndReplayEachRecordOnceToItsOriginalTopic() throws Exception {
		String topic = "replay.test.v1";
		String dlt = topic + ".some-group.dlt";
		park(dlt, topic, "ev-1", "{\"a\":1}");
		park(dlt, topic, "ev-2", "{\"a\":2}");

		ByteArrayOutputStream listed = new ByteArrayOutputStream();
		DeadLetters tool = new DeadLetters(kafka.bootstrapServers(),
				new PrintStream(listed, true, StandardCharsets.UTF_8));
		assertThat(tool.list()).isEqualTo(2);
		assertThat(listed.toString(StandardCharsets.UTF_8)).contains(dlt + ": 2 record(s)", "ce_id=ev-1", "ce_id=ev-2",
				"reason=store said no");

		assertThat(tool.replay(dlt)).isEqualTo(2);
		List<ConsumerRecord<String, String>> back = read(topic, 2);
		assertThat(back).extracting(ConsumerRecord::value).containsExactly("{\"a\":1}", "{\"a\":2}");
		assertThat(back).allSatisfy((record) -> {
			assertThat(record.key()).isEqualTo("key-1");
			assertThat(record.headers().lastHeader("ce_type")).isNotNull();
			assertThat(record.headers().lastHeader("x-exception-message")).isNull();
		});

		// Again: nothing new was parked, nothing is sent twice.
		assertThat(tool.replay(dlt)).isZero();
		park(dlt, topic, "ev-3", "{\"a\":3}");
		assertThat(tool.replay(dlt)).isEqualTo(1);
		assertThat(read(topic, 3)).extracting(ConsumerRecord::value)
			.containsExactly("{\"a\":1}", "{\"a\":2}", "{\"a\":3}");
	}

	private static void park(String dlt, String original, String id, String value) throws Exception {
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringSerializer(),
				new StringSerializer())) {
			ProducerRecord<String, String> record = new ProducerRecord<>(dlt, 0, "key-1", value);
			record.headers().add("ce_id", id.getBytes(StandardCharsets.UTF_8));
			record.headers().add("ce_type", "de.industriedialog.TestHappened".getBytes(StandardCharsets.UTF_8));
			record.headers().add("x-original-topic", original.getBytes(StandardCharsets.UTF_8));
			record.headers().add("x-exception-message", "store said no".getBytes(StandardCharsets.UTF_8));
			producer.send(record).get();
		}
	}

	private static List<ConsumerRecord<String, String>> read(String topic, int expected) {
		List<ConsumerRecord<String, String>> records = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringDeserializer(),
				new StringDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic)
				.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
			while (System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
				if (records.size() >= expected) {
					// a little longer, to see surplus records
					consumer.poll(Duration.ofSeconds(1)).forEach(records::add);
					break;
				}
			}
		}
		records.sort(java.util.Comparator.comparingLong(ConsumerRecord::offset));
		return records;
	}

	private static LocalKafka start() {
		try {
			return LocalKafka.start(Files.createTempDirectory("dead-letters-kafka"), freePort(), freePort());
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

}
