package de.industriedialog.events;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import de.industriedialog.contracts.CloudEventHeaders;
import de.industriedialog.contracts.EventContracts;
import de.industriedialog.events.initiative.InitiativeReplication;
import de.industriedialog.platform.testing.KafkaTopics;
import de.industriedialog.platform.testing.ServiceClient;
import de.industriedialog.platform.testing.TestTokens;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Dialogue events over HTTP against real infrastructure: the initiative replica is fed
 * with registry events through Kafka, and what the service publishes is read from
 * {@code dialog.events.v1} with the plain Kafka client. Subclasses choose the
 * infrastructure.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "industriedialog.security.jwt-secret=" + TestTokens.SECRET)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DialogueEventIntegrationTests {

	static final String TOPIC = "dialog.events.v1";

	static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	private final JsonMapper json = JsonMapper.builder().build();

	private final ServiceClient http = new ServiceClient(
			() -> "http://localhost:" + this.environment.getProperty("local.server.port"), this.json);

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	/** A published initiative whose account acts in most tests. */
	final String own = "ini-own-" + this.run;

	/** Another published initiative. */
	final String other = "ini-other-" + this.run;

	/** An initiative that was published and then withdrawn. */
	final String withdrawn = "ini-withdrawn-" + this.run;

	@Autowired
	Environment environment;

	@Autowired
	InitiativeReplication replication;

	@Autowired
	MongoTemplate mongo;

	abstract String bootstrapServers();

	@BeforeAll
	void publishInitiatives() {
		for (String id : List.of(this.own, this.other, this.withdrawn)) {
			sendSteckbrief("SteckbriefPublished", id, 1);
		}
		sendSteckbrief("SteckbriefWithdrawn", this.withdrawn, 2);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(this.replication.find(this.own)).hasValueSatisfying((i) -> assertThat(i.published()).isTrue());
			assertThat(this.replication.find(this.other)).hasValueSatisfying((i) -> assertThat(i.published()).isTrue());
			assertThat(this.replication.find(this.withdrawn))
				.hasValueSatisfying((i) -> assertThat(i.published()).isFalse());
		});
	}

	@Test
	void shouldPublishCreateOpenCancelWithIncreasingVersionsValidAgainstTheContract() {
		JsonNode created = created(TestTokens.initiative(this.own), this.own);
		String id = created.get("id").asString();
		assertThat(created.get("status").asString()).isEqualTo("PLANNED");
		assertThat(created.get("version").asLong()).isEqualTo(1);
		assertThat(created.get("timeZone").asString()).isEqualTo("Europe/Berlin");
		// Sent in UTC, shown in Europe/Berlin.
		OffsetDateTime start = OffsetDateTime.parse(created.get("start").asString());
		assertThat(start.getOffset()).isEqualTo(BERLIN.getRules().getOffset(start.toInstant()));

		assertThat(this.http.post("/api/events/" + id + "/open", TestTokens.initiative(this.own)).statusCode())
			.isEqualTo(200);
		HttpResponse<String> cancelled = this.http.post("/api/events/" + id + "/cancel",
				TestTokens.initiative(this.own));
		assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
		assertThat(this.http.body(cancelled).get("version").asLong()).isEqualTo(3);

		List<ConsumerRecord<String, String>> records = recordsOf(id, 3);
		assertThat(records).extracting((r) -> KafkaTopics.header(r, CloudEventHeaders.TYPE))
			.containsExactly("de.industriedialog.DialogueEventScheduled", "de.industriedialog.DialogueEventUpdated",
					"de.industriedialog.DialogueEventCancelled");
		EventContracts contracts = EventContracts.fromClasspath();
		List<Long> versions = new ArrayList<>();
		for (ConsumerRecord<String, String> record : records) {
			String type = KafkaTopics.header(record, CloudEventHeaders.TYPE).substring("de.industriedialog.".length());
			assertThat(contracts.violations(type, record.value())).as(record.value()).isEmpty();
			assertThat(KafkaTopics.header(record, CloudEventHeaders.SOURCE)).isEqualTo("/event-service");
			assertThat(KafkaTopics.header(record, CloudEventHeaders.SUBJECT)).isEqualTo(id);
			JsonNode payload = this.json.readTree(record.value());
			assertThat(payload.get("eventId").asString()).isEqualTo(id);
			assertThat(payload.get("initiativeId").asString()).isEqualTo(this.own);
			versions.add(payload.get("version").asLong());
		}
		assertThat(versions).containsExactly(1L, 2L, 3L);
		assertThat(this.json.readTree(records.get(1).value()).get("status").asString()).isEqualTo("OPEN");
		assertThat(this.json.readTree(records.get(2).value()).get("status").asString()).isEqualTo("CANCELLED");
	}

	@Test
	void shouldWalkToHeldAndRefuseIllegalStepsWithAGermanConflict() {
		String id = created(TestTokens.staff(), this.own).get("id").asString();

		HttpResponse<String> tooEarly = this.http.post("/api/events/" + id + "/held", TestTokens.staff());
		assertThat(tooEarly.statusCode()).isEqualTo(409);
		assertThat(this.http.problem(tooEarly).get("detail").asString()).contains("geplant", "durchgeführt");

		for (String step : List.of("open", "close", "held")) {
			assertThat(this.http.post("/api/events/" + id + "/" + step, TestTokens.staff()).statusCode()).as(step)
				.isEqualTo(200);
		}
		HttpResponse<String> cancelAfterHeld = this.http.post("/api/events/" + id + "/cancel", TestTokens.staff());
		assertThat(cancelAfterHeld.statusCode()).isEqualTo(409);
		assertThat(this.http.problem(cancelAfterHeld).get("detail").asString()).contains("durchgeführt");
		HttpResponse<String> editAfterHeld = this.http.put("/api/events/" + id, TestTokens.staff(),
				eventBody(this.own));
		assertThat(editAfterHeld.statusCode()).isEqualTo(409);
		assertThat(this.http.problem(editAfterHeld).get("detail").asString()).contains("nicht mehr geändert");

		List<ConsumerRecord<String, String>> records = recordsOf(id, 4);
		assertThat(KafkaTopics.header(records.get(3), CloudEventHeaders.TYPE))
			.isEqualTo("de.industriedialog.DialogueEventHeld");
		assertThat(this.json.readTree(records.get(3).value()).get("version").asLong()).isEqualTo(4);
	}

	/**
	 * Every write endpoint × every kind of caller. Each refused attempt leaves the event
	 * as it was; the one allowed change per event is counted on the topic afterwards, so
	 * a refusal that published something would show as a surplus record.
	 */
	@Test
	void shouldAuthorizeEveryWriteEndpointForEveryCaller() {
		Map<String, String> anonymousAndForged = new LinkedHashMap<>();
		anonymousAndForged.put("anonymous", null);
		anonymousAndForged.put("forged", TestTokens.forged());
		String otherInitiative = TestTokens.initiative(this.other);
		Map<String, Integer> expectedRecords = new LinkedHashMap<>();

		// create
		long before = countOf(this.own);
		for (String token : anonymousAndForged.values()) {
			assertThat(this.http.post("/api/events", token, eventBody(this.own)).statusCode()).isEqualTo(401);
		}
		HttpResponse<String> foreignCreate = this.http.post("/api/events", otherInitiative, eventBody(this.own));
		assertThat(foreignCreate.statusCode()).isEqualTo(403);
		assertThat(this.http.problem(foreignCreate).get("detail").asString()).contains("eigenen Initiative");
		assertThat(countOf(this.own)).isEqualTo(before);
		expectedRecords.put(created(TestTokens.initiative(this.own), this.own).get("id").asString(), 1);
		expectedRecords.put(created(TestTokens.staff(), this.own).get("id").asString(), 1);

		// update and the four lifecycle steps, each from the state it needs
		Map<String, List<String>> preconditions = new LinkedHashMap<>();
		preconditions.put("update", List.of());
		preconditions.put("open", List.of());
		preconditions.put("close", List.of("open"));
		preconditions.put("held", List.of("open", "close"));
		preconditions.put("cancel", List.of("open"));
		preconditions.forEach((endpoint, steps) -> {
			for (String allowed : List.of("own", "staff")) {
				String id = created(TestTokens.staff(), this.own).get("id").asString();
				steps.forEach((step) -> assertThat(
						this.http.post("/api/events/" + id + "/" + step, TestTokens.staff()).statusCode())
					.isEqualTo(200));
				String stored = this.http.get("/api/events/" + id).body();

				for (Map.Entry<String, String> caller : anonymousAndForged.entrySet()) {
					assertThat(write(endpoint, id, caller.getValue()).statusCode()).as(endpoint + " " + caller.getKey())
						.isEqualTo(401);
				}
				HttpResponse<String> foreign = write(endpoint, id, otherInitiative);
				assertThat(foreign.statusCode()).as(endpoint + " other initiative").isEqualTo(403);
				assertThat(this.http.problem(foreign).get("detail").asString()).isNotBlank();
				assertThat(this.http.get("/api/events/" + id).body()).as(endpoint + " unchanged after refusals")
					.isEqualTo(stored);

				String token = allowed.equals("own") ? TestTokens.initiative(this.own) : TestTokens.staff();
				HttpResponse<String> done = write(endpoint, id, token);
				assertThat(done.statusCode()).as(endpoint + " " + allowed + ": " + done.body()).isEqualTo(200);
				expectedRecords.put(id, 1 + steps.size() + 1);
			}
		});

		await().atMost(Duration.ofSeconds(30)).until(this::outboxIsEmpty);
		List<ConsumerRecord<String, String>> records = KafkaTopics.readTopic(bootstrapServers(), TOPIC);
		expectedRecords.forEach((id, count) -> assertThat(records).filteredOn((r) -> id.equals(r.key()))
			.as("records of " + id)
			.hasSize(count));
	}

	@Test
	void shouldRefuseAnInitiativeThatIsNotOrNoLongerPublished() {
		HttpResponse<String> ownWithdrawn = this.http.post("/api/events", TestTokens.initiative(this.withdrawn),
				eventBody(this.withdrawn));
		assertThat(ownWithdrawn.statusCode()).isEqualTo(403);
		assertThat(this.http.problem(ownWithdrawn).get("detail").asString()).contains("nicht (mehr) veröffentlicht");

		HttpResponse<String> unknown = this.http.post("/api/events", TestTokens.initiative("ini-unknown-" + this.run),
				eventBody(null));
		assertThat(unknown.statusCode()).isEqualTo(403);

		HttpResponse<String> staffForWithdrawn = this.http.post("/api/events", TestTokens.staff(),
				eventBody(this.withdrawn));
		assertThat(staffForWithdrawn.statusCode()).isEqualTo(403);
		assertThat(this.http.problem(staffForWithdrawn).get("detail").asString()).contains("nicht veröffentlicht");
		assertThat(countOf(this.withdrawn)).isZero();
	}

	@Test
	void shouldAnswerEveryKindOfBadInputWithTheFieldInGerman() {
		ZonedDateTime start = Instant.parse((String) eventBody(this.own).get("start")).atZone(BERLIN);
		Map<String, Map<String, Object>> cases = new LinkedHashMap<>();
		cases.put("end", Map.of("end", start.minusHours(1).toOffsetDateTime().toString()));
		cases.put("capacity", Map.of("capacity", 0));
		cases.put("state", Map.of("state", "DE-XX"));
		cases.put("start",
				Map.of("start", start.minusDays(80).toOffsetDateTime().toString(), "end",
						start.minusDays(80).plusHours(2).toOffsetDateTime().toString(), "registrationOpens",
						start.minusDays(90).toOffsetDateTime().toString(), "registrationCloses",
						start.minusDays(81).toOffsetDateTime().toString()));
		cases.put("title", Map.of("title", "T".repeat(201)));
		cases.put("description", Map.of("description", "D".repeat(4001)));
		cases.put("format", Map.of("format", "KAFFEEKLATSCH"));
		cases.put("registrationCloses", Map.of("registrationCloses", start.plusDays(1).toOffsetDateTime().toString()));
		long before = countOf(this.own);

		cases.forEach((field, change) -> {
			Map<String, Object> body = eventBody(this.own);
			body.putAll(change);
			HttpResponse<String> response = this.http.post("/api/events", TestTokens.initiative(this.own), body);
			assertThat(response.statusCode()).as(field + ": " + response.body()).isEqualTo(400);
			JsonNode problem = this.http.problem(response);
			assertThat(problem.get("detail").asString()).contains("Bitte prüfen Sie die Angaben");
			List<String> fields = new ArrayList<>();
			problem.get("errors").forEach((error) -> fields.add(error.get("field").asString()));
			assertThat(fields).as(field).containsExactly(field);
			assertThat(problem.at("/errors/0/message").asString()).isNotBlank();
		});

		Map<String, Object> injection = eventBody(this.own);
		Map<String, Object> operator = new LinkedHashMap<>();
		operator.put("$ne", null);
		injection.put("title", operator);
		HttpResponse<String> injected = this.http.post("/api/events", TestTokens.initiative(this.own), injection);
		assertThat(injected.statusCode()).isEqualTo(400);
		assertThat(this.http.problem(injected).at("/errors/0/field").asString()).isEqualTo("title");
		assertThat(this.http.problem(injected).get("detail").asString()).contains("kein gültiges JSON");

		assertThat(countOf(this.own)).isEqualTo(before);
		assertThat(this.http.get("/api/events?state=DE-XX").statusCode()).isEqualTo(400);
		// An operator in a query parameter is just text that matches no initiative.
		assertThat(this.http.body(this.http.get("/api/events?initiative=%7B%22%24ne%22%3Anull%7D"))
			.at("/page/totalElements")
			.asInt()).isZero();
	}

	@Test
	void shouldRefuseAnEditOfAnOutdatedVersion() {
		JsonNode created = created(TestTokens.initiative(this.own), this.own);
		String id = created.get("id").asString();
		Map<String, Object> first = eventBody(this.own);
		first.put("title", "Erste Änderung");
		first.put("version", 1);
		assertThat(this.http.put("/api/events/" + id, TestTokens.initiative(this.own), first).statusCode())
			.isEqualTo(200);

		Map<String, Object> stale = eventBody(this.own);
		stale.put("title", "Zweite Änderung auf altem Stand");
		stale.put("version", 1);
		HttpResponse<String> conflict = this.http.put("/api/events/" + id, TestTokens.staff(), stale);

		assertThat(conflict.statusCode()).isEqualTo(409);
		assertThat(this.http.problem(conflict).get("detail").asString()).contains("inzwischen geändert");
		JsonNode stored = this.http.body(this.http.get("/api/events/" + id));
		assertThat(stored.get("title").asString()).isEqualTo("Erste Änderung");
		assertThat(stored.get("version").asLong()).isEqualTo(2);
	}

	@Test
	void shouldListEventsWithFiltersSortedByStart() {
		String initiative = this.other;
		ZonedDateTime base = ZonedDateTime.now(BERLIN).plusDays(60).withHour(18).withMinute(0).withSecond(0);
		List<String> ids = new ArrayList<>();
		for (int i = 2; i >= 0; i--) {
			Map<String, Object> body = eventBody(initiative);
			body.put("start", base.plusDays(i * 10L).toOffsetDateTime().toString());
			body.put("end", base.plusDays(i * 10L).plusHours(3).toOffsetDateTime().toString());
			body.put("state", (i == 1) ? "DE-TH" : "DE-HE");
			body.put("format", (i == 1) ? "WELT_CAFE" : "ZUKUNFTSCAFE");
			HttpResponse<String> response = this.http.post("/api/events", TestTokens.initiative(initiative), body);
			assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
			ids.add(0, this.http.body(response).get("id").asString());
		}
		this.http.post("/api/events/" + ids.get(2) + "/open", TestTokens.initiative(initiative));

		JsonNode all = this.http.body(this.http.get("/api/events?initiative=" + initiative + "&size=2"));
		assertThat(all.at("/page/totalElements").asInt()).isEqualTo(3);
		assertThat(all.get("content")).hasSize(2);
		assertThat(all.at("/content/0/id").asString()).isEqualTo(ids.get(0));
		assertThat(all.at("/content/1/id").asString()).isEqualTo(ids.get(1));

		assertThat(this.http.body(this.http.get("/api/events?initiative=" + initiative + "&state=DE-TH"))
			.at("/content/0/id")
			.asString()).isEqualTo(ids.get(1));
		assertThat(this.http.body(this.http.get("/api/events?initiative=" + initiative + "&format=ZUKUNFTSCAFE"))
			.at("/page/totalElements")
			.asInt()).isEqualTo(2);
		assertThat(this.http.body(this.http.get("/api/events?initiative=" + initiative + "&status=OPEN"))
			.at("/content/0/id")
			.asString()).isEqualTo(ids.get(2));
		String day = base.plusDays(10).toLocalDate().toString();
		JsonNode oneDay = this.http
			.body(this.http.get("/api/events?initiative=" + initiative + "&from=" + day + "&to=" + day));
		assertThat(oneDay.at("/page/totalElements").asInt()).isEqualTo(1);
		assertThat(oneDay.at("/content/0/id").asString()).isEqualTo(ids.get(1));
	}

	@Test
	void shouldServeTheFormatCatalogue() {
		JsonNode formats = this.http.body(this.http.get("/api/events/formats"));
		assertThat(formats).hasSize(12);
		JsonNode weltCafe = this.http.body(this.http.get("/api/events/formats/WELT_CAFE"));
		assertThat(weltCafe.get("name").asString()).startsWith("Welt-Café");
		assertThat(weltCafe.at("/runSheet/phases")).isNotEmpty();
		assertThat(weltCafe.at("/planningChecklist/items/0/when").asString()).contains("Wochen vorher");
		HttpResponse<String> unknown = this.http.get("/api/events/formats/KAFFEEKLATSCH");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(this.http.problem(unknown).get("detail").asString()).contains("gibt es nicht");
	}

	// helpers

	private HttpResponse<String> write(String endpoint, String id, String token) {
		if (endpoint.equals("update")) {
			Map<String, Object> body = eventBody(this.own);
			body.put("title", "Geändert " + UUID.randomUUID());
			return this.http.put("/api/events/" + id, token, body);
		}
		return this.http.post("/api/events/" + id + "/" + endpoint, token);
	}

	private JsonNode created(String token, String initiativeId) {
		HttpResponse<String> response = this.http.post("/api/events", token, eventBody(initiativeId));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return this.http.body(response);
	}

	Map<String, Object> eventBody(String initiativeId) {
		ZonedDateTime start = ZonedDateTime.now(BERLIN)
			.plusDays(30)
			.withHour(10)
			.withMinute(0)
			.withSecond(0)
			.withNano(0);
		Map<String, Object> body = new LinkedHashMap<>();
		if (initiativeId != null) {
			body.put("initiativeId", initiativeId);
		}
		body.put("title", "Zukunftswerkstatt „Unsere Industrie = Unsere Zukunft“");
		body.put("description", "Junge Menschen diskutieren die Zukunftsthemen der Industrie.");
		body.put("format", "ZUKUNFTSWERKSTATT");
		body.put("start", start.toInstant().toString());
		body.put("end", start.plusHours(6).toInstant().toString());
		body.put("venue", "Haus der Wirtschaft");
		body.put("city", "Stuttgart");
		body.put("state", "DE-BW");
		body.put("capacity", 25);
		body.put("targetGroups", List.of("TRAINEE_STUDENT", "PROFESSIONAL"));
		body.put("registrationOpens", start.minusDays(20).toOffsetDateTime().toString());
		body.put("registrationCloses", start.minusDays(2).toOffsetDateTime().toString());
		body.put("campaignSupported", true);
		return body;
	}

	private long countOf(String initiativeId) {
		return this.http.body(this.http.get("/api/events?initiative=" + initiativeId))
			.at("/page/totalElements")
			.asLong();
	}

	private List<ConsumerRecord<String, String>> recordsOf(String id, int expected) {
		return KafkaTopics.recordsOf(bootstrapServers(), TOPIC, id, expected);
	}

	private boolean outboxIsEmpty() {
		return !this.mongo.exists(new Query(Criteria.where("outbox.0").exists(true)), "dialogue_events");
	}

	private void sendSteckbrief(String eventType, String id, long version) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("initiativeId", id);
		payload.put("version", version);
		payload.put("occurredAt", Instant.now().toString());
		if (eventType.equals("SteckbriefPublished")) {
			payload.put("name", "Initiative " + id);
			payload.put("level", "REGIONAL");
			payload.put("type", "NETWORK");
			payload.put("state", "DE-BW");
		}
		String value = this.json.writeValueAsString(payload);
		assertThat(EventContracts.fromClasspath().violations(eventType, value)).isEmpty();
		KafkaTopics.send(bootstrapServers(), "dialog.initiatives.v1", id,
				Map.of(CloudEventHeaders.SPEC_VERSION, "1.0", CloudEventHeaders.ID, UUID.randomUUID().toString(),
						CloudEventHeaders.TYPE, CloudEventHeaders.ceType(eventType), CloudEventHeaders.SOURCE,
						"/initiative-registry", CloudEventHeaders.SUBJECT, id, CloudEventHeaders.TIME,
						Instant.now().toString()),
				value);
	}

}
