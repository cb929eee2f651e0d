package de.industriedialog.registry;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import de.industriedialog.contracts.CloudEventHeaders;
import de.industriedialog.contracts.ContractViolationException;
import de.industriedialog.contracts.EventContracts;
import de.industriedialog.platform.messaging.OutboxRelay;
import de.industriedialog.platform.testing.KafkaTopics;
import de.industriedialog.platform.testing.TestTokens;
import de.industriedialog.registry.import2017.Registry2017Import;
import de.industriedialog.registry.steckbrief.InitiativeType;
import de.industriedialog.registry.steckbrief.Level;
import de.industriedialog.registry.steckbrief.Steckbriefe;
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
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The registry against real infrastructure. Subclasses choose which: an in-JVM Kafka
 * broker and the Mongo-compatible server over TCP, or real images via Testcontainers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "industriedialog.security.jwt-secret=" + TestTokens.SECRET)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class RegistryIntegrationTests {

	static final String TOPIC = "dialog.initiatives.v1";

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	Environment environment;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	OutboxRelay relay;

	@Autowired
	Steckbriefe steckbriefe;

	@Autowired
	Registry2017Import registry2017Import;

	abstract String bootstrapServers();

	@Test
	@Order(1)
	void shouldPublishThe40InitiativesOf2017AsCloudEventsWhenStartingOnAnEmptyStore() {
		await().atMost(Duration.ofSeconds(30)).until(this::outboxIsEmpty);

		// At least once: a redelivery carries the same ce_id (docs/adr/0002).
		List<ConsumerRecord<String, String>> records = KafkaTopics.distinctByCeId(
				KafkaTopics.readAll(bootstrapServers(), TOPIC, 40, Duration.ofSeconds(30), Duration.ofSeconds(1)));

		assertThat(records).hasSize(40);
		EventContracts contracts = EventContracts.fromClasspath();
		for (ConsumerRecord<String, String> record : records) {
			assertThat(KafkaTopics.header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
			assertThat(KafkaTopics.header(record, CloudEventHeaders.TYPE))
				.isEqualTo("de.industriedialog.SteckbriefPublished");
			assertThat(KafkaTopics.header(record, CloudEventHeaders.SOURCE)).isEqualTo("/initiative-registry");
			assertThat(KafkaTopics.header(record, CloudEventHeaders.ID)).hasSize(36);
			assertThat(KafkaTopics.header(record, CloudEventHeaders.SUBJECT)).isEqualTo(record.key());
			assertThat(KafkaTopics.header(record, CloudEventHeaders.TIME)).isNotBlank();
			assertThat(contracts.violations("SteckbriefPublished", record.value())).isEmpty();
			assertThat(this.json.readTree(record.value()).get("initiativeId").asString()).isEqualTo(record.key());
			// Public in the 2017 registry already: consumers must not announce it as new.
			assertThat(this.json.readTree(record.value()).get("importedFrom").asString()).isEqualTo("registry-2017");
		}
		Map<String, Long> byLevel = records.stream()
			.collect(Collectors.groupingBy((r) -> this.json.readTree(r.value()).get("level").asString(),
					Collectors.counting()));
		assertThat(byLevel).containsExactlyInAnyOrderEntriesOf(Map.of("LOCAL", 8L, "REGIONAL", 14L, "STATE", 18L));
	}

	@Test
	@Order(2)
	void shouldAddNothingTwiceWhenTheImportRunsAgain() {
		Registry2017Import.Report again = this.registry2017Import.importAll();

		assertThat(again.added()).isZero();
		assertThat(again.present()).isEqualTo(40);
		assertThat(this.steckbriefe.count()).isEqualTo(40);
		assertThat(outboxIsEmpty()).isTrue();
	}

	@Test
	@Order(3)
	void shouldListPublishedInitiativesWithFiltersAndPaging() {
		JsonNode all = getJson("/api/initiatives?size=15&page=1");
		assertThat(all.at("/page/totalElements").asInt()).isEqualTo(40);
		assertThat(all.at("/page/totalPages").asInt()).isEqualTo(3);
		assertThat(all.get("content")).hasSize(15);

		JsonNode stateNetworks = getJson("/api/initiatives?level=STATE&type=NETWORK&size=100");
		assertThat(stateNetworks.at("/page/totalElements").asInt()).isEqualTo(13);

		JsonNode northRhineWestphalia = getJson("/api/initiatives?state=DE-NW&size=100");
		assertThat(northRhineWestphalia.get("content"))
			.allSatisfy((initiative) -> assertThat(initiative.get("state").asString()).isEqualTo("DE-NW"));
		assertThat(northRhineWestphalia.at("/page/totalElements").asInt()).isEqualTo(13);

		String id = all.get("content").get(0).get("id").asString();
		assertThat(getJson("/api/initiatives/" + id).get("id").asString()).isEqualTo(id);
	}

	@Test
	@Order(4)
	void shouldAnswerBadInputAsGermanProblemDetails() throws Exception {
		HttpResponse<String> unknownState = get("/api/initiatives?state=DE-XX");
		assertThat(unknownState.statusCode()).isEqualTo(400);
		assertThat(unknownState.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = this.json.readTree(unknownState.body());
		assertThat(problem.get("detail").asString()).contains("kein Bundesland-Code");
		assertThat(problem.at("/errors/0/field").asString()).isEqualTo("state");

		HttpResponse<String> unknownLevel = get("/api/initiatives?level=GALACTIC");
		assertThat(unknownLevel.statusCode()).isEqualTo(400);
		assertThat(this.json.readTree(unknownLevel.body()).at("/errors/0/field").asString()).isEqualTo("level");

		HttpResponse<String> unknownId = get("/api/initiatives/does-not-exist");
		assertThat(unknownId.statusCode()).isEqualTo(404);
		assertThat(this.json.readTree(unknownId.body()).get("detail").asString()).contains("gibt es nicht");
	}

	@Test
	@Order(5)
	void shouldPublishAStoredEventAfterACrashBeforeTheSend() {
		this.relay.stop();
		try {
			assertThat(this.steckbriefe.importPublished("crash-test", "Initiative nach dem Absturz", Level.LOCAL,
					InitiativeType.MIXED, "DE-SN", "test"))
				.isTrue();
			// The relay was down when the change was written: the event waits in the
			// document.
			assertThat(outboxIsEmpty()).isFalse();
		}
		finally {
			this.relay.start();
		}
		await().atMost(Duration.ofSeconds(30)).until(this::outboxIsEmpty);

		List<ConsumerRecord<String, String>> records = KafkaTopics.distinctByCeId(
				KafkaTopics.readAll(bootstrapServers(), TOPIC, 41, Duration.ofSeconds(30), Duration.ofSeconds(1)));
		assertThat(records).filteredOn((record) -> "crash-test".equals(record.key())).hasSize(1);
	}

	@Test
	@Order(6)
	void shouldNeverStoreOrPublishAnEventThatBreaksItsContract() {
		String tooLongName = "x".repeat(201);

		assertThatThrownBy(() -> this.steckbriefe.importPublished("contract-test", tooLongName, Level.LOCAL,
				InitiativeType.MIXED, null, "test"))
			.isInstanceOf(ContractViolationException.class)
			.hasMessageContaining("name");

		assertThat(this.steckbriefe.find("contract-test")).isEmpty();
		List<ConsumerRecord<String, String>> records = KafkaTopics.readAll(bootstrapServers(), TOPIC, 1000,
				Duration.ofSeconds(3), Duration.ZERO);
		assertThat(records).noneMatch((record) -> "contract-test".equals(record.key()));
	}

	private boolean outboxIsEmpty() {
		return !this.mongo.exists(new Query(Criteria.where("outbox.0").exists(true)), "steckbriefe");
	}

	private JsonNode getJson(String path) {
		HttpResponse<String> response = get(path);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	private HttpResponse<String> get(String path) {
		try {
			URI uri = URI.create("http://localhost:" + this.environment.getProperty("local.server.port") + path);
			return this.http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
