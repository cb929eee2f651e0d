package de.industriedialog.localstack;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The operator's tool for dead-lettered records ({@code <topic>.<group>.dlt}): records a
 * consumer could never process, parked with the reason.
 * <p>
 * {@code list} shows every dead-letter topic and its records (id, type, reason; never the
 * payload). {@code replay <dlt>} sends the records of one dead-letter topic back to the
 * topic they came from, with their key, payload and CloudEvent headers, after the cause
 * was fixed (e.g. a new version of the consumer). Replaying is idempotent: the tool
 * remembers how far it replayed (consumer group {@value #REPLAY_GROUP}), and every
 * consumer recognises a record it has handled by its {@code ce_id}, so a record that
 * reaches a consumer group twice changes nothing.
 */
public final class DeadLetters {

	static final String REPLAY_GROUP = "industriedialog-dead-letter-replay";

	static final String ORIGINAL_TOPIC = "x-original-topic";

	private static final Duration POLL = Duration.ofMillis(500);

	private final String bootstrapServers;

	private final PrintStream out;

	DeadLetters(String bootstrapServers, PrintStream out) {
		this.bootstrapServers = bootstrapServers;
		this.out = out;
	}

	public static void main(String[] args) throws Exception {
		if (System.getProperty("logback.configurationFile") == null) {
			System.setProperty("logback.configurationFile", "dead-letters-logback.xml");
		}
		String bootstrap = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
		List<String> rest = new ArrayList<>();
		for (String arg : args) {
			if (arg.startsWith("--bootstrap-servers=")) {
				bootstrap = arg.substring("--bootstrap-servers=".length());
			}
			else {
				rest.add(arg);
			}
		}
		DeadLetters deadLetters = new DeadLetters(bootstrap, System.out);
		if (rest.size() == 1 && rest.get(0).equals("list")) {
			deadLetters.list();
		}
		else if (rest.size() == 2 && rest.get(0).equals("replay")) {
			deadLetters.replay(rest.get(1));
		}
		else {
			System.err.println(
					"""
							Usage: java -cp deploy/local-stack/target/local-stack.jar de.industriedialog.localstack.DeadLetters \\
							         [--bootstrap-servers=HOST:PORT] list | replay <topic>.<group>.dlt
							  list     every dead-letter topic with its records: partition, offset, ce_id, ce_type, reason
							  replay   sends the records of one dead-letter topic back to their original topic
							           (once: a second replay sends only records parked since)
							Bootstrap servers default to $KAFKA_BOOTSTRAP_SERVERS or localhost:9092.""");
			System.exit(2);
		}
	}

	/**
	 * @return how many dead-lettered records there are
	 */
	int list() throws ExecutionException, InterruptedException {
		int total = 0;
		for (String topic : deadLetterTopics()) {
			List<ConsumerRecord<byte[], byte[]>> records = readAll(topic);
			this.out.println(topic + ": " + records.size() + " record(s)");
			for (ConsumerRecord<byte[], byte[]> record : records) {
				this.out.println("  " + record.partition() + "@" + record.offset() + "  "
						+ Instant.ofEpochMilli(record.timestamp()) + "  ce_id=" + header(record, "ce_id") + "  ce_type="
						+ header(record, "ce_type") + "  from=" + header(record, ORIGINAL_TOPIC) + "  reason="
						+ oneLine(header(record, "x-exception-message")));
			}
			total += records.size();
		}
		if (total == 0) {
			this.out.println("No dead-lettered records.");
		}
		return total;
	}

	/**
	 * @return how many records were sent back
	 */
	int replay(String deadLetterTopic) throws ExecutionException, InterruptedException {
		if (!deadLetterTopic.endsWith(".dlt")) {
			throw new IllegalArgumentException(deadLetterTopic + " is not a dead-letter topic (<topic>.<group>.dlt)");
		}
		Map<String, Object> consumerConfig = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
				ConsumerConfig.GROUP_ID_CONFIG, REPLAY_GROUP, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		int replayed = 0;
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(),
				new ByteArrayDeserializer());
				KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(),
						new ByteArraySerializer())) {
			consumer.subscribe(List.of(deadLetterTopic));
			Map<TopicPartition, Long> end = null;
			while (true) {
				ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
				if (end == null && !consumer.assignment().isEmpty()) {
					end = consumer.endOffsets(consumer.assignment());
				}
				Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
				for (ConsumerRecord<byte[], byte[]> record : records) {
					String original = header(record, ORIGINAL_TOPIC);
					if (original == null) {
						this.out.println("  skipped " + record.partition() + "@" + record.offset() + ": no "
								+ ORIGINAL_TOPIC + " header");
					}
					else {
						ProducerRecord<byte[], byte[]> again = new ProducerRecord<>(original, null, record.key(),
								record.value());
						for (Header header : record.headers()) {
							// The dead-letter bookkeeping stays behind; the event's own
							// headers (ce_id, ce_type, …) go with it.
							if (!header.key().startsWith("x-") && !header.key().startsWith("kafka_dlt")) {
								again.headers().add(header);
							}
						}
						producer.send(again).get();
						replayed++;
						this.out.println("  replayed " + record.partition() + "@" + record.offset() + " ce_id="
								+ header(record, "ce_id") + " to " + original);
					}
					done.put(new TopicPartition(record.topic(), record.partition()),
							new OffsetAndMetadata(record.offset() + 1));
				}
				if (!done.isEmpty()) {
					consumer.commitSync(done);
				}
				if (end != null && caughtUp(consumer, end)) {
					break;
				}
			}
		}
		this.out.println(deadLetterTopic + ": " + replayed + " record(s) replayed");
		return replayed;
	}

	private static boolean caughtUp(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
		for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
			if (consumer.position(partition.getKey()) < partition.getValue()) {
				return false;
			}
		}
		return true;
	}

	private Set<String> deadLetterTopics() throws ExecutionException, InterruptedException {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers))) {
			Set<String> topics = new TreeSet<>();
			for (String name : admin.listTopics().names().get()) {
				if (name.endsWith(".dlt")) {
					topics.add(name);
				}
			}
			return topics;
		}
	}

	private List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic)
				.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			while (!caughtUp(consumer, end)) {
				consumer.poll(POLL).forEach(records::add);
			}
		}
		return records;
	}

	private static String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	private static String oneLine(String text) {
		if (text == null) {
			return "-";
		}
		String line = text.replaceAll("\\s+", " ").strip();
		return (line.length() > 200) ? line.substring(0, 200) + "…" : line;
	}

}
