package de.industriedialog.platform.messaging;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.industriedialog.contracts.CloudEventHeaders;
import de.industriedialog.localstack.LocalKafka;
import de.industriedialog.localstack.LocalMongoServer;
import de.industriedialog.platform.testing.KafkaTopics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay with its own Kafka producer against a real KRaft broker (the one the local
 * stack runs, started in this JVM) and the Mongo-compatible store over TCP, through a
 * broker outage: the broker is stopped while entries are written and hinted, then started
 * again on the same data. The safety scan is set to an hour, so the entries whose hints
 * were taken by a failed send can only get out through the relay's scan mode.
 */
class OutboxCatchUpIT {

	static final String TOPIC = "dialog.outbox-catch-up.v1";

	static final String HINTED = "hinted_aggregates";

	static final String SCANNED = "scanned_aggregates";

	final LocalMongoServer server = LocalMongoServer.inMemory();

	final MongoClient client = MongoClients.create(this.server.connectionString());

	final MongoTemplate mongo = new MongoTemplate(this.client, "outbox_catch_up_it");

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@TempDir
	Path kafkaDir;

	LocalKafka kafka;

	OutboxRelay relay;

	@AfterEach
	void stop() {
		if (this.relay != null) {
			this.relay.stop();
		}
		if (this.kafka != null) {
			this.kafka.close();
		}
		this.client.close();
		this.server.close();
	}

	@Test
	void shouldPublishEverythingWrittenDuringABrokerOutageOnceTheBrokerIsBackAndCountTheBacklog() throws Exception {
		int brokerPort = freePort();
		int controllerPort = freePort();
		this.kafka = LocalKafka.start(this.kafkaDir, brokerPort, controllerPort);
		String bootstrap = this.kafka.bootstrapServers();
		createTopic(bootstrap, TOPIC);
		// Short client timeouts: a send to the stopped broker fails within seconds.
		Map<String, Object> producer = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
				ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000,
				ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 3000, ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
		this.relay = new OutboxRelay(this.mongo, null, producer, new OutboxProperties(List.of(HINTED, SCANNED),
				Duration.ofMillis(20), 50, List.of(HINTED), Duration.ofHours(1), Duration.ofMillis(100)), "/test",
				this.meters);
		this.relay.start();

		List<String> before = write(HINTED, 5);
		await().atMost(Duration.ofSeconds(60)).until(() -> onTopic(bootstrap).containsAll(before));
		assertThat(pendingInStore()).isZero();

		this.kafka.close();
		this.kafka = null;
		// Two waves, so that polls take hints off the queue and fail more than once. The
		// gauge shows what is really pending, not what the last batch saw.
		List<String> duringOutage = new ArrayList<>(write(HINTED, 120));
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(backlogGauge()).isEqualTo(pendingInStore()).isEqualTo(120));
		duringOutage.addAll(write(HINTED, 120));
		duringOutage.addAll(write(SCANNED, 60));
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(backlogGauge()).isEqualTo(pendingInStore()).isEqualTo(300));
		assertThat(this.meters.get("outbox.published").counter().count()).isEqualTo(before.size());

		this.kafka = LocalKafka.start(this.kafkaDir, brokerPort, controllerPort);

		await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(pendingInStore()).isZero());
		Set<String> published = onTopic(bootstrap);
		assertThat(published).containsAll(before).containsAll(duringOutage);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(backlogGauge()).isZero());
	}

	/** Writes aggregates with one entry each the way services do: write, then hint. */
	private List<String> write(String collection, int count) {
		List<String> ids = new ArrayList<>();
		IntStream.range(0, count).forEach((i) -> {
			OutboxEvent event = new OutboxEvent(UUID.randomUUID().toString(), TOPIC, "SteckbriefWithdrawn",
					"key-" + (i % 7), "subject-" + i, "{\"n\":" + i + "}", Instant.now());
			String id = UUID.randomUUID().toString();
			this.mongo.insert(new Aggregate(id, List.of(event)), collection);
			if (collection.equals(HINTED)) {
				this.relay.hint(collection, id);
			}
			ids.add(event.id());
		});
		return ids;
	}

	private long pendingInStore() {
		long pending = 0;
		for (String collection : List.of(HINTED, SCANNED)) {
			pending += this.mongo.find(new Query(Criteria.where("outbox.0").exists(true)), Aggregate.class, collection)
				.stream()
				.mapToLong((a) -> a.outbox().size())
				.sum();
		}
		return pending;
	}

	private long backlogGauge() {
		return (long) this.meters.get("outbox.backlog").gauge().value();
	}

	private static Set<String> onTopic(String bootstrap) {
		return KafkaTopics.readTopic(bootstrap, TOPIC)
			.stream()
			.map((r) -> KafkaTopics.header(r, CloudEventHeaders.ID))
			.collect(Collectors.toSet());
	}

	/**
	 * As the binder provisions them in the services (the relay's first send per topic
	 * goes through it there).
	 */
	static void createTopic(String bootstrap, String topic) throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
			admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
		}
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@Document
	record Aggregate(@Id String id, List<OutboxEvent> outbox) {
	}

}
