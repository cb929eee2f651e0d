package de.industriedialog.platform.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import de.industriedialog.contracts.CloudEventHeaders;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

	/**
	 * Everything on a topic up to its current end, deduplicated by {@code ce_id} like
	 * every consumer does (the outbox delivers at least once: an entry may be sent again
	 * with the same {@code ce_id}, docs/adr/0002), in offset order. Assigns the
	 * partitions instead of joining a group, so there is no rebalance to wait for. A
	 * topic that does not exist (yet) reads as empty and is not created by the reading.
	 */
	public static List<ConsumerRecord<String, String>> readTopic(String bootstrapServers, String topic) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		List<ConsumerRecord<String, String>> records = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			List<PartitionInfo> infos = consumer.listTopics(Duration.ofSeconds(10)).getOrDefault(topic, List.of());
			List<TopicPartition> partitions = infos.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			Instant deadline = Instant.now().plusSeconds(20);
			while (partitions.stream().anyMatch((p) -> consumer.position(p) < end.get(p))
					&& Instant.now().isBefore(deadline)) {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
		}
		Map<String, ConsumerRecord<String, String>> byCeId = new LinkedHashMap<>();
		records.stream()
			.sorted(Comparator.comparingLong(ConsumerRecord::offset))
			.forEach((r) -> byCeId.putIfAbsent(header(r, CloudEventHeaders.ID), r));
		return new ArrayList<>(byCeId.values());
	}

	/**
	 * Waits up to 30 seconds until exactly {@code expected} events with the key are on
	 * the topic (read with {@link #readTopic(String, String)}); those events, each once
	 * ({@link #distinctByCeId(List)}).
	 */
	public static List<ConsumerRecord<String, String>> recordsOf(String bootstrapServers, String topic, String key,
			int expected) {
		List<ConsumerRecord<String, String>> mine = new ArrayList<>();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			mine.clear();
			mine.addAll(distinctByCeId(
					readTopic(bootstrapServers, topic).stream().filter((r) -> key.equals(r.key())).toList()));
			assertThat(mine).hasSize(expected);
		});
		return mine;
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

	/**
	 * The records without the outbox's redeliveries: the first record per {@code ce_id},
	 * in the given order (at least once, recognisable by the id, docs/adr/0002).
	 */
	public static List<ConsumerRecord<String, String>> distinctByCeId(List<ConsumerRecord<String, String>> records) {
		Map<String, ConsumerRecord<String, String>> first = new LinkedHashMap<>();
		for (ConsumerRecord<String, String> record : records) {
			ConsumerRecord<String, String> earlier = first
				.putIfAbsent(header(record, de.industriedialog.contracts.CloudEventHeaders.ID), record);
			if (earlier != null) {
				// A redelivery is recognisable only if it is the same event: same key,
				// type and payload.
				assertThat(record.key()).as("key of a redelivered event").isEqualTo(earlier.key());
				assertThat(header(record, de.industriedialog.contracts.CloudEventHeaders.TYPE))
					.as("type of a redelivered event")
					.isEqualTo(header(earlier, de.industriedialog.contracts.CloudEventHeaders.TYPE));
				assertThat(record.value()).as("payload of a redelivered event").isEqualTo(earlier.value());
			}
		}
		return List.copyOf(first.values());
	}

}
