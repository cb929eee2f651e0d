package de.industriedialog.evaluation;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import de.industriedialog.contracts.CloudEventHeaders;
import de.industriedialog.contracts.EventContracts;
import de.industriedialog.evaluation.KpiIntegrationTests.EventStream;
import de.industriedialog.evaluation.KpiIntegrationTests.ServerSentEvent;
import de.industriedialog.localstack.LocalMongoServer;
import de.industriedialog.platform.testing.KafkaTopics;
import de.industriedialog.platform.testing.ServiceClient;
import de.industriedialog.platform.testing.TestTokens;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas of evaluation-service on one broker and one store, as in production: each
 * answers every KPI request with the same figures, streams every change to its own
 * clients, and one rebuild runs at a time across both, its progress visible on either.
 * With one shared consumer group each replica would count only its own partitions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KpiReplicasIT {

	static final String EVENTS = "dialog.events.v1";

	static final String REGISTRATIONS = "dialog.registrations.v1";

	static final String FEEDBACK = "dialog.feedback.v1";

	final LocalMongoServer mongo = LocalMongoServer.inMemory();

	final EmbeddedKafkaBroker kafka = new EmbeddedKafkaKraftBroker(1, 3, EVENTS, REGISTRATIONS, FEEDBACK,
			"dialog.initiatives.v1", "dialog.newsletter.v1");

	final JsonMapper json = JsonMapper.builder().build();

	final EventContracts contracts = EventContracts.fromClasspath();

	final String staff = TestTokens.staff();

	ConfigurableApplicationContext replica1;

	ConfigurableApplicationContext replica2;

	@BeforeAll
	void start() {
		this.kafka.afterPropertiesSet();
		this.replica1 = replica("1");
		this.replica2 = replica("2");
	}

	@AfterAll
	void stop() {
		for (ConfigurableApplicationContext replica : new ConfigurableApplicationContext[] { this.replica1,
				this.replica2 }) {
			if (replica != null) {
				replica.close();
			}
		}
		this.kafka.destroy();
		this.mongo.close();
	}

	@Test
	@Order(1)
	void shouldAnswerWithTheSameFiguresOnBothReplicasWhateverPartitionsEachOwns() {
		send(EVENTS, "e1", "DialogueEventHeld", event("e1"));
		// Sixty registrations keyed by their own ids, so they spread over all three
		// partitions.
		for (int i = 0; i < 60; i++) {
			send(REGISTRATIONS, "r" + i, "RegistrationConfirmed", registration("r" + i, "e1"));
		}
		for (ConfigurableApplicationContext replica : List.of(this.replica1, this.replica2)) {
			await().atMost(java.time.Duration.ofSeconds(60))
				.untilAsserted(
						() -> assertThat(overview(replica).at("/reach/registered/total").asLong()).isEqualTo(60));
		}
		assertThat(figures(overview(this.replica1))).isEqualTo(figures(overview(this.replica2)));
	}

	@Test
	@Order(2)
	void shouldStreamEveryChangeToTheClientsOfEitherReplica() throws Exception {
		try (EventStream one = EventStream.open(client(this.replica1), this.staff, null);
				EventStream two = EventStream.open(client(this.replica2), this.staff, null)) {
			assertThat(one.next().name()).isEqualTo("snapshot");
			assertThat(two.next().name()).isEqualTo("snapshot");
			send(FEEDBACK, "e1", "FeedbackSubmitted", feedback("f-live"));
			for (EventStream stream : List.of(one, two)) {
				JsonNode change = null;
				while (change == null || !change.get("feedbackResponseIds").toString().contains("f-live")) {
					ServerSentEvent next = stream.next();
					assertThat(next.name()).isEqualTo("change");
					change = this.json.readTree(next.data());
				}
				assertThat(change.at("/overview/satisfaction/responses").asLong()).isEqualTo(1);
			}
		}
	}

	@Test
	@Order(3)
	void shouldRunOneRebuildAtATimeAcrossReplicasAndShowItsProgressOnEither() {
		MongoTemplate store = this.replica1.getBean(MongoTemplate.class);
		// A rebuild running on a third replica whose lease is alive: neither may start
		// one.
		store.getCollection("kpi_rebuild")
			.insertOne(new Document("_id", "rebuild").append("state", "RUNNING")
				.append("owner", "3")
				.append("startedAt", new Date())
				.append("records", 42L)
				.append("generation", 7L)
				.append("leaseUntil", Date.from(Instant.now().plusSeconds(60))));
		assertThat(client(this.replica1).post("/api/kpi/rebuild", this.staff).statusCode()).isEqualTo(409);
		assertThat(client(this.replica2).post("/api/kpi/rebuild", this.staff).statusCode()).isEqualTo(409);
		assertThat(rebuild(this.replica2).get("records").asLong()).isEqualTo(42);
		assertThat(rebuild(this.replica2).get("state").asString()).isEqualTo("RUNNING");

		// Its replica died: once the lease ran out the run counts as failed and may start
		// again.
		store.getCollection("kpi_rebuild")
			.updateOne(new Document("_id", "rebuild"),
					new Document("$set", new Document("leaseUntil", Date.from(Instant.now().minusSeconds(1)))));
		assertThat(rebuild(this.replica1).get("state").asString()).isEqualTo("FAILED");
		JsonNode before = figures(overview(this.replica2));
		assertThat(client(this.replica1).post("/api/kpi/rebuild", this.staff).statusCode()).isEqualTo(202);
		await().atMost(java.time.Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(rebuild(this.replica2).get("state").asString()).isEqualTo("DONE"));
		assertThat(rebuild(this.replica2).get("records").asLong()).isGreaterThanOrEqualTo(62);
		// Both replicas answer from the rebuilt facts, with the same figures as before.
		for (ConfigurableApplicationContext replica : List.of(this.replica1, this.replica2)) {
			await().atMost(java.time.Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(figures(overview(replica))).isEqualTo(before));
		}
	}

	private ConfigurableApplicationContext replica(String instanceId) {
		// As arguments: they must win over application.yaml, as the environment does
		// there.
		return new SpringApplicationBuilder(EvaluationServiceApplication.class).run("--server.port=0",
				"--industriedialog.instance-id=" + instanceId,
				"--industriedialog.security.jwt-secret=" + TestTokens.SECRET,
				"--spring.kafka.bootstrap-servers=" + this.kafka.getBrokersAsString(),
				"--spring.mongodb.uri=" + this.mongo.connectionString() + "/evaluation_service");
	}

	private ServiceClient client(ConfigurableApplicationContext replica) {
		return new ServiceClient(() -> "http://localhost:" + replica.getEnvironment().getProperty("local.server.port"),
				this.json);
	}

	private JsonNode overview(ConfigurableApplicationContext replica) {
		ServiceClient client = client(replica);
		return client.body(client.get("/api/kpi/overview", this.staff));
	}

	/** The figures without when they were read and the replica's own change count. */
	private static JsonNode figures(JsonNode overview) {
		ObjectNode figures = (ObjectNode) overview.deepCopy();
		figures.remove("asOf");
		figures.remove("sequence");
		return figures;
	}

	private JsonNode rebuild(ConfigurableApplicationContext replica) {
		ServiceClient client = client(replica);
		return client.body(client.get("/api/kpi/rebuild", this.staff));
	}

	private void send(String topic, String key, String eventType, String payload) {
		assertThat(this.contracts.violations(eventType, payload)).as(payload).isEmpty();
		String source = FEEDBACK.equals(topic) ? "/evaluation-service" : "/event-service";
		Map<String, String> headers = Map.of(CloudEventHeaders.SPEC_VERSION, "1.0", CloudEventHeaders.ID,
				UUID.randomUUID().toString(), CloudEventHeaders.TYPE, CloudEventHeaders.ceType(eventType),
				CloudEventHeaders.SOURCE, source, CloudEventHeaders.SUBJECT, key, CloudEventHeaders.TIME,
				Instant.now().toString(), CloudEventHeaders.CONTENT_TYPE, "application/json");
		KafkaTopics.send(this.kafka.getBrokersAsString(), topic, key, headers, payload);
	}

	private String event(String id) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("eventId", id);
		payload.put("initiativeId", "ini-a");
		payload.put("title", "Zukunftswerkstatt " + id);
		payload.put("format", "ZUKUNFTSWERKSTATT");
		payload.put("start", "2026-06-30T14:00:00+02:00");
		payload.put("end", "2026-06-30T16:00:00+02:00");
		payload.put("timeZone", "Europe/Berlin");
		payload.put("city", "Koblenz");
		payload.put("state", "DE-RP");
		payload.put("capacity", 100);
		payload.put("targetGroups", List.of("PUPIL"));
		payload.put("campaignSupported", true);
		payload.put("status", "HELD");
		payload.put("version", 1);
		payload.put("occurredAt", Instant.now().toString());
		return this.json.writeValueAsString(payload);
	}

	private String registration(String id, String eventId) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("registrationId", id);
		payload.put("eventId", eventId);
		payload.put("initiativeId", "ini-a");
		payload.put("participantGroup", "PUPIL");
		payload.put("status", "CONFIRMED");
		payload.put("version", 1);
		payload.put("occurredAt", Instant.now().toString());
		payload.put("registeredAt", Instant.now().toString());
		return this.json.writeValueAsString(payload);
	}

	private String feedback(String responseId) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("responseId", responseId);
		payload.put("eventId", "e1");
		payload.put("initiativeId", "ini-a");
		payload.put("questionnaireId", "standard");
		payload.put("questionnaireVersion", 1);
		payload.put("participantGroup", "PUPIL");
		payload.put("answers", Map.of("Q1", "FULLY"));
		payload.put("channel", "EVENT_LINK");
		payload.put("submittedAt", Instant.now().toString());
		payload.put("version", 1);
		payload.put("occurredAt", Instant.now().toString());
		return this.json.writeValueAsString(payload);
	}

}
