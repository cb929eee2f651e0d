/*
 * Puts N FeedbackSubmitted records straight onto dialog.feedback.v1, for measuring how long
 * a KPI rebuild takes over a large topic without first collecting N questionnaires through
 * the API (which is what `Load.java feedback` measures). Use a scratch data dir: the records
 * are schema-valid but belong to a handful of made-up events ("bench-event-1" …).
 *
 * Needs the Kafka client on the class path, taken from the local Maven repository:
 *
 *   M2=~/.m2/repository
 *   java -cp $M2/org/apache/kafka/kafka-clients/4.1.2/kafka-clients-4.1.2.jar:$M2/org/slf4j/slf4j-api/2.0.17/slf4j-api-2.0.17.jar \
 *        deploy/load/FeedbackFlood.java [--bootstrap localhost:9092] [--records 100000] [--events 100]
 *
 * then `java deploy/load/Load.java rebuild`.
 */

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

public class FeedbackFlood {

	public static void main(String[] args) throws Exception {
		String bootstrap = "localhost:9092";
		int records = 100_000;
		int events = 100;
		for (int i = 0; i + 1 < args.length; i += 2) {
			switch (args[i]) {
				case "--bootstrap" -> bootstrap = args[i + 1];
				case "--records" -> records = Integer.parseInt(args[i + 1]);
				case "--events" -> events = Integer.parseInt(args[i + 1]);
				default -> throw new IllegalArgumentException("Unknown option " + args[i]);
			}
		}
		Properties config = new Properties();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		String[] scale = { "FULLY", "MOSTLY", "PARTLY", "NOT_AT_ALL" };
		String[] suitability = { "VERY_GOOD", "GOOD", "LESS_GOOD", "NOT_SUITABLE" };
		String[] groups = { "PROFESSIONAL", "TRAINEE_STUDENT", "PUPIL" };
		long begin = System.nanoTime();
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
			for (int n = 0; n < records; n++) {
				String event = "bench-event-" + (n % events + 1);
				String now = Instant.now().toString();
				String responseId = UUID.randomUUID().toString();
				String payload = "{\"responseId\":\"" + responseId + "\",\"eventId\":\"" + event
						+ "\",\"initiativeId\":\"bench\",\"questionnaireId\":\"standard\",\"questionnaireVersion\":1,"
						+ "\"participantGroup\":\"" + groups[n % 3] + "\",\"answers\":{\"Q1\":\"" + scale[n % 3]
						+ "\",\"Q2\":\"" + suitability[n % 2] + "\",\"Q3\":\"" + scale[n % 4] + "\",\"Q4\":\""
						+ scale[(n / 3) % 2] + "\",\"Q5\":\"" + scale[(n / 5) % 3]
						+ "\"},\"channel\":\"EVENT_LINK\",\"submittedAt\":\"" + now + "\",\"version\":1,\"occurredAt\":\""
						+ now + "\"}";
				ProducerRecord<byte[], byte[]> record = new ProducerRecord<>("dialog.feedback.v1",
						event.getBytes(StandardCharsets.UTF_8), payload.getBytes(StandardCharsets.UTF_8));
				header(record, "ce_specversion", "1.0");
				header(record, "ce_id", UUID.randomUUID().toString());
				header(record, "ce_type", "de.industriedialog.FeedbackSubmitted");
				header(record, "ce_source", "/evaluation-service");
				header(record, "ce_subject", event);
				header(record, "ce_time", now);
				header(record, "content-type", "application/json");
				producer.send(record);
			}
			producer.flush();
		}
		System.out.printf("%d FeedbackSubmitted records for %d events sent in %.1f s%n", records, events,
				(System.nanoTime() - begin) / 1e9);
	}

	static void header(ProducerRecord<byte[], byte[]> record, String name, String value) {
		record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
	}

}
