package de.industriedialog.evaluation;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import de.industriedialog.contracts.CloudEventHeaders;
import de.industriedialog.contracts.EventContracts;
import de.industriedialog.platform.testing.KafkaTopics;
import de.industriedialog.platform.testing.TestTokens;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The landscape projection fed through a real broker. Subclasses choose the
 * infrastructure.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "industriedialog.security.jwt-secret=" + TestTokens.SECRET)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class LandscapeIntegrationTests {

	static final String TOPIC = "dialog.initiatives.v1";

	static final String DEAD_LETTERS = "dialog.initiatives.v1.evaluation-service.dlt";

	private final JsonMapper json = JsonMapper.builder().build();

	private final EventContracts contracts = EventContracts.fromClasspath();

	@Autowired
	Environment environment;

	abstract String bootstrapServers();

	// First: it checks absolute totals, the other test adds an initiative.
	@Test
	@Order(1)
	void shouldCountEachInitiativeOnceAtItsLatestVersionWhateverIsRedeliveredOrStale() {
		String a = "landscape-a";
		String b = "landscape-b";
		String c = "landscape-c";
		String firstOfA = send("SteckbriefPublished", snapshot(a, "LOCAL", "NETWORK", "DE-HB", 1));
		send("SteckbriefPublished", snapshot(b, "STATE", "MIXED", null, 1));
		send("SteckbriefPublished", snapshot(c, "REGIONAL", "MEASURE", "DE-ST", 1));
		// Redelivery of the very same event, twice.
		resend(firstOfA, "SteckbriefPublished", snapshot(a, "LOCAL", "NETWORK", "DE-HB", 1));
		resend(firstOfA, "SteckbriefPublished", snapshot(a, "LOCAL", "NETWORK", "DE-HB", 1));
		send("SteckbriefUpdated", snapshot(a, "REGIONAL", "NETWORK", "DE-HB", 2));
		// An older snapshot arriving late under a new id must not roll the update back.
		send("SteckbriefPublished", snapshot(a, "LOCAL", "NETWORK", "DE-HB", 1));
		send("SteckbriefWithdrawn", withdrawn(c, 2));

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			JsonNode kpi = kpi();
			assertThat(kpi.get("total").asInt()).isEqualTo(2);
			assertThat(counts(kpi.get("byLevel"))).containsExactly(Map.entry("LOCAL", 0), Map.entry("REGIONAL", 1),
					Map.entry("STATE", 1));
			assertThat(counts(kpi.get("byType"))).containsExactly(Map.entry("NETWORK", 1), Map.entry("MEASURE", 0),
					Map.entry("MIXED", 1));
			assertThat(counts(kpi.at("/byLevelAndType/REGIONAL"))).containsEntry("NETWORK", 1);
			assertThat(counts(kpi.get("byState"))).containsEntry("DE-HB", 1)
				.containsEntry("UNKNOWN", 1)
				.containsEntry("DE-ST", 0)
				.containsEntry("DE-MV", 0);
		});
	}

	@Test
	@Order(2)
	void shouldParkAnUnreadableRecordInTheDeadLetterTopicWithTheReasonAndKeepConsuming() {
		Map<String, String> headers = headers(UUID.randomUUID().toString(), "SteckbriefPublished", "broken");
		KafkaTopics.send(bootstrapServers(), TOPIC, "broken", headers, "{this is not json");
		Map<String, String> noEnvelope = Map.of("content-type", "application/json");
		KafkaTopics.send(bootstrapServers(), TOPIC, "no-envelope", noEnvelope, "{}");
		send("SteckbriefPublished", snapshot("after-the-broken-one", "STATE", "NETWORK", "DE-SL", 1));

		List<ConsumerRecord<String, String>> parked = KafkaTopics.readAll(bootstrapServers(), DEAD_LETTERS, 2,
				Duration.ofSeconds(30), Duration.ofMillis(500));
		assertThat(parked).hasSize(2);
		assertThat(parked).anySatisfy((record) -> {
			assertThat(record.key()).isEqualTo("broken");
			assertThat(KafkaTopics.header(record, "x-exception-message")).contains("unreadable");
		});
		assertThat(parked).anySatisfy((record) -> {
			assertThat(record.key()).isEqualTo("no-envelope");
			assertThat(KafkaTopics.header(record, "x-exception-message")).contains("ce_id is missing");
		});
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(counts(kpi().get("byState"))).containsEntry("DE-SL", 1));
	}

	private String snapshot(String id, String level, String type, String state, long version) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("initiativeId", id);
		payload.put("name", "Initiative " + id);
		payload.put("level", level);
		payload.put("type", type);
		payload.put("state", state);
		payload.put("actorGroups", List.of());
		payload.put("goalCategories", List.of("ACCEPTANCE"));
		payload.put("version", version);
		payload.put("occurredAt", Instant.now().toString());
		return this.json.writeValueAsString(payload);
	}

	private String withdrawn(String id, long version) {
		return this.json
			.writeValueAsString(Map.of("initiativeId", id, "version", version, "occurredAt", Instant.now().toString()));
	}

	private String send(String eventType, String payload) {
		String id = UUID.randomUUID().toString();
		resend(id, eventType, payload);
		return id;
	}

	private void resend(String id, String eventType, String payload) {
		// What this test feeds the consumer must be what the producer may publish.
		assertThat(this.contracts.violations(eventType, payload)).isEmpty();
		String key = this.json.readTree(payload).get("initiativeId").asString();
		KafkaTopics.send(bootstrapServers(), TOPIC, key, headers(id, eventType, key), payload);
	}

	private static Map<String, String> headers(String id, String eventType, String subject) {
		return Map.of(CloudEventHeaders.SPEC_VERSION, "1.0", CloudEventHeaders.ID, id, CloudEventHeaders.TYPE,
				CloudEventHeaders.ceType(eventType), CloudEventHeaders.SOURCE, "/initiative-registry",
				CloudEventHeaders.SUBJECT, subject, CloudEventHeaders.TIME, Instant.now().toString(),
				CloudEventHeaders.CONTENT_TYPE, "application/json");
	}

	private JsonNode kpi() throws Exception {
		URI uri = URI
			.create("http://localhost:" + this.environment.getProperty("local.server.port") + "/api/kpi/initiatives");
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	private static Map<String, Integer> counts(JsonNode node) {
		Map<String, Integer> counts = new LinkedHashMap<>();
		node.properties().forEach((entry) -> counts.put(entry.getKey(), entry.getValue().asInt()));
		return counts;
	}

}
