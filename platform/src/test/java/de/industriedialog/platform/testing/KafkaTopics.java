package de.industriedialog.platform.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Reads and writes Kafka topics with the plain client, the way a service in another
 * language would, so tests see exactly what is on the wire.
 */
public final class KafkaTopics {

	private KafkaTopics() {
	}

	/**
	 * Reads a topic from the beginning until {@code expected} records arrived or the
	 * timeout passed, and then for {@code settle} longer to catch surplus records.
	 */
	public static List<ConsumerRecord<String, String>> readAll(String bootstrapServers, String topic, int expected,
			Duration timeout, Duration settle) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		List<ConsumerRecord<String, String>> records = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			Instant deadline = Instant.now().plus(timeout);
			Instant settleUntil = null;
			while (Instant.now().isBefore(deadline) && (settleUntil == null || Instant.now().isBefore(settleUntil))) {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
				if (settleUntil == null && records.size() >= expected) {
					settleUntil = Instant.now().plus(settle);
				}
			}
		}
		return records;
	}

	public static String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	/**
	 * Sends one record with the given headers (values as raw UTF-8) and waits for the
	 * ack.
	 */
	public static void send(String bootstrapServers, String topic, String key, Map<String, String> headers,
			String value) {
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
				new StringSerializer())) {
			ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
			headers.forEach(
					(name, headerValue) -> record.headers().add(name, headerValue.getBytes(StandardCharsets.UTF_8)));
			producer.send(record).get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (java.util.concurrent.ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
	}

}
