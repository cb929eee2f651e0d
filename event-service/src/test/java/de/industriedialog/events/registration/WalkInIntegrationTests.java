package de.industriedialog.events.registration;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import de.industriedialog.contracts.CloudEventHeaders;
import de.industriedialog.contracts.EventContracts;
import de.industriedialog.events.initiative.InitiativeReplication;
import de.industriedialog.platform.testing.KafkaTopics;
import de.industriedialog.platform.testing.ServiceClient;
import de.industriedialog.platform.testing.TestTokens;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
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
 * Events recorded afterwards by staff ("Nacherfassung") and people registered at the door
 * ("Anmeldung an der Tür") over HTTP against real infrastructure; what the service
 * publishes is read back from {@code dialog.registrations.v1}. Subclasses choose the
 * infrastructure.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "industriedialog.security.jwt-secret=" + TestTokens.SECRET)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WalkInIntegrationTests {

	static final String TOPIC = "dialog.registrations.v1";

	static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	private final JsonMapper json = JsonMapper.builder().build();

	/** With an executor of its own: one test sends many requests at once. */
	private final ServiceClient http = new ServiceClient(
			() -> "http://localhost:" + this.environment.getProperty("local.server.port"), this.json,
			HttpClient.newBuilder().executor(Executors.newFixedThreadPool(16)).build());

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	final String own = "ini-walk-own-" + this.run;

	final String other = "ini-walk-other-" + this.run;

	/** An initiative whose people come to a network meeting. */
	final String guest = "ini-walk-guest-" + this.run;

	@Autowired
	Environment environment;

	@Autowired
	InitiativeReplication replication;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	RegistrationTokens tokens;

	abstract String bootstrapServers();

	@BeforeAll
	void publishInitiatives() {
		for (String id : List.of(this.own, this.other, this.guest)) {
			Map<String, Object> payload = new LinkedHashMap<>();
			payload.put("initiativeId", id);
			payload.put("version", 1);
			payload.put("occurredAt", Instant.now().toString());
			payload.put("name", "Initiative " + id);
			payload.put("level", "REGIONAL");
			payload.put("type", "NETWORK");
			payload.put("state", "DE-BE");
			KafkaTopics.send(bootstrapServers(), "dialog.initiatives.v1", id,
					Map.of(CloudEventHeaders.SPEC_VERSION, "1.0", CloudEventHeaders.ID, UUID.randomUUID().toString(),
							CloudEventHeaders.TYPE, CloudEventHeaders.ceType("SteckbriefPublished"),
							CloudEventHeaders.SOURCE, "/initiative-registry", CloudEventHeaders.SUBJECT, id,
							CloudEventHeaders.TIME, Instant.now().toString()),
					this.json.writeValueAsString(payload));
		}
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(List.of(this.own, this.other, this.guest))
				.allSatisfy((id) -> assertThat(this.replication.find(id)).isPresent()));
	}

	@Test
	void shouldLetOnlyStaffRecordAPastEventAfterwards() {
		ZonedDateTime past = ZonedDateTime.of(2017, 11, 7, 10, 0, 0, 0, BERLIN);
		Map<String, Object> recorded = eventBody(past, 45);
		recorded.put("recordedAfterwards", true);

		HttpResponse<String> byInitiative = this.http.post("/api/events", TestTokens.initiative(this.own), recorded);
		assertThat(byInitiative.statusCode()).as(byInitiative.body()).isEqualTo(400);
		assertThat(this.http.problem(byInitiative).get("errors").findValuesAsString("field"))
			.containsExactlyInAnyOrder("recordedAfterwards", "start");
		assertThat(byInitiative.body()).contains("Der Beginn darf nicht in der Vergangenheit liegen.")
			.contains("nur die Geschäftsstelle");

		HttpResponse<String> withoutFlag = this.http.post("/api/events", TestTokens.staff(), eventBody(past, 45));
		assertThat(withoutFlag.statusCode()).as(withoutFlag.body()).isEqualTo(400);
		assertThat(this.http.problem(withoutFlag).get("errors").findValuesAsString("message"))
			.containsExactly("Der Beginn darf nicht in der Vergangenheit liegen.");

		Map<String, Object> future = eventBody(ZonedDateTime.now(BERLIN).plusDays(3).withNano(0), 45);
		future.put("recordedAfterwards", true);
		HttpResponse<String> notYetHeld = this.http.post("/api/events", TestTokens.staff(), future);
		assertThat(notYetHeld.statusCode()).as(notYetHeld.body()).isEqualTo(400);
		assertThat(notYetHeld.body()).contains("bereits begonnen");
		assertThat(this.mongo.count(
				Query.query(Criteria.where("initiativeId").is(this.own).and("start").lt(new java.util.Date())),
				"dialogue_events"))
			.isZero();

		HttpResponse<String> byStaff = this.http.post("/api/events", TestTokens.staff(), recorded);
		assertThat(byStaff.statusCode()).as(byStaff.body()).isEqualTo(201);
		JsonNode event = this.http.body(byStaff);
		assertThat(event.get("recordedAfterwards").asBoolean()).isTrue();
		assertThat(event.get("start").asString()).isEqualTo("2017-11-07T10:00:00+01:00");
		String id = event.get("id").asString();

		// The normal lifecycle, with people added at the door while it is open.
		assertThat(this.http.post("/api/events/" + id + "/open", TestTokens.staff()).statusCode()).isEqualTo(200);
		HttpResponse<String> publicRegistration = this.http.post("/api/events/" + id + "/registrations", null,
				Map.of("name", "Zu spät", "email", "spaet@example.org", "participantGroup", "PROFESSIONAL", "consent",
						true, "consentVersion", "teilnahme-2026-11"));
		assertThat(publicRegistration.statusCode()).isEqualTo(409);
		assertThat(walkIn(id, TestTokens.staff(), "Petra Vogel", null, this.guest).statusCode()).isEqualTo(201);
		assertThat(this.http.post("/api/events/" + id + "/close", TestTokens.staff()).statusCode()).isEqualTo(200);
		assertThat(walkIn(id, TestTokens.staff(), "Jens Albers", null, null).statusCode()).isEqualTo(201);
		HttpResponse<String> held = this.http.post("/api/events/" + id + "/held", TestTokens.staff());
		assertThat(held.statusCode()).as(held.body()).isEqualTo(200);
		assertThat(this.http.body(held).get("status").asString()).isEqualTo("HELD");

		JsonNode list = this.http.body(this.http.get("/api/events/" + id + "/registrations", TestTokens.staff()));
		assertThat(list.at("/summary/checkedIn").asInt()).isEqualTo(2);
		assertThat(list.at("/summary/byGroup/PROFESSIONAL/checkedIn").asInt()).isEqualTo(2);
		assertThat(list.get("registrations")).extracting((r) -> r.get("name").asString())
			.containsExactly("Petra Vogel", "Jens Albers");
		assertThat(list.get("registrations")).allSatisfy((r) -> {
			assertThat(r.get("walkIn").asBoolean()).isTrue();
			assertThat(r.get("email").isNull()).isTrue();
		});
		// Once held, the door is shut.
		HttpResponse<String> afterHeld = walkIn(id, TestTokens.staff(), "Nach Schluss", null, null);
		assertThat(afterHeld.statusCode()).isEqualTo(409);
	}

	@Test
	void shouldRegisterAndCheckInAtTheDoorAndPublishBothEventsWithTheRepresentedInitiative() {
		String event = openEvent(10);
		HttpResponse<String> response = walkIn(event, TestTokens.initiative(this.own), "  Karin Lehmann ", null,
				this.guest);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		JsonNode entry = this.http.body(response);
		assertThat(entry.get("name").asString()).isEqualTo("Karin Lehmann");
		assertThat(entry.get("status").asString()).isEqualTo("CONFIRMED");
		assertThat(entry.get("checkedIn").asBoolean()).isTrue();
		assertThat(entry.get("walkIn").asBoolean()).isTrue();
		assertThat(entry.get("representedInitiativeId").asString()).isEqualTo(this.guest);
		String registrationId = entry.get("id").asString();

		// Several without an address: the unique address key must not collide.
		assertThat(walkIn(event, TestTokens.staff(), "Ohne Adresse 1", null, null).statusCode()).isEqualTo(201);
		assertThat(walkIn(event, TestTokens.staff(), "Ohne Adresse 2", "", null).statusCode()).isEqualTo(201);
		HttpResponse<String> withAddress = walkIn(event, TestTokens.staff(), "Mit Adresse", "tuer@example.org", null);
		assertThat(withAddress.statusCode()).as(withAddress.body()).isEqualTo(201);
		HttpResponse<String> sameAddress = walkIn(event, TestTokens.staff(), "Noch mal", "TUER@example.org", null);
		assertThat(sameAddress.statusCode()).isEqualTo(409);
		assertThat(this.http.problem(sameAddress).get("detail").asString()).contains("schon eine Anmeldung");
		assertThat(this.http.body(this.http.get("/api/events/" + event + "/availability")).get("confirmed").asInt())
			.isEqualTo(4);

		List<ConsumerRecord<String, String>> records = recordsOf(event, 8);
		assertValidAgainstTheContract(records);
		List<ConsumerRecord<String, String>> karin = records.stream()
			.filter((r) -> registrationId.equals(this.json.readTree(r.value()).get("registrationId").asString()))
			.toList();
		assertThat(karin).extracting((r) -> KafkaTopics.header(r, CloudEventHeaders.TYPE))
			.containsExactly("de.industriedialog.RegistrationConfirmed", "de.industriedialog.ParticipantCheckedIn");
		JsonNode confirmed = this.json.readTree(karin.get(0).value());
		JsonNode checkedIn = this.json.readTree(karin.get(1).value());
		assertThat(confirmed.get("version").asLong()).isEqualTo(1);
		assertThat(checkedIn.get("version").asLong()).isEqualTo(2);
		assertThat(confirmed.get("representedInitiativeId").asString()).isEqualTo(this.guest);
		assertThat(checkedIn.get("representedInitiativeId").asString()).isEqualTo(this.guest);
		assertThat(checkedIn.get("method").asString()).isEqualTo("MANUAL");
		assertThat(checkedIn.get("participantGroup").asString()).isEqualTo("PROFESSIONAL");
		assertThat(checkedIn.get("feedbackTokenHash").asString())
			.isEqualTo(RegistrationTokens.sha256(this.tokens.feedbackToken(registrationId)));
		assertThat(records)
			.allSatisfy((r) -> assertThat(r.value()).doesNotContain("Karin").doesNotContain("tuer@example.org"));
	}

	@Test
	void shouldAnswerAFullEventWith409AndChangeNothing() {
		String event = openEvent(2);
		assertThat(walkIn(event, TestTokens.initiative(this.own), "Erste", null, null).statusCode()).isEqualTo(201);
		assertThat(walkIn(event, TestTokens.initiative(this.own), "Zweite", null, null).statusCode()).isEqualTo(201);
		recordsOf(event, 4);

		HttpResponse<String> full = walkIn(event, TestTokens.initiative(this.own), "Dritte", null, null);
		assertThat(full.statusCode()).as(full.body()).isEqualTo(409);
		assertThat(full.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(this.http.problem(full).get("detail").asString()).contains("ausgebucht");
		assertThat(countRegistrations(event)).isEqualTo(2);
		assertThat(this.http.body(this.http.get("/api/events/" + event + "/availability")).get("confirmed").asInt())
			.isEqualTo(2);

		// Registered later through the form: waitlisted, and the only record after the
		// four of the two walk-ins (the refusal published nothing).
		HttpResponse<String> form = this.http.post("/api/events/" + event + "/registrations", null,
				Map.of("name", "Wartende", "email", "wartend-" + this.run + "@example.org", "participantGroup", "PUPIL",
						"consent", true, "consentVersion", "teilnahme-2026-11"));
		assertThat(form.statusCode()).as(form.body()).isEqualTo(202);
		assertThat(
				this.mongo
					.findOne(
							Query.query(
									Criteria.where("addressKey").is(event + "|wartend-" + this.run + "@example.org")),
							Document.class, "registrations")
					.getString("status"))
			.isEqualTo("WAITLISTED");
		List<ConsumerRecord<String, String>> records = recordsOf(event, 5);
		assertThat(records).extracting((r) -> KafkaTopics.header(r, CloudEventHeaders.TYPE))
			.containsExactly("de.industriedialog.RegistrationConfirmed", "de.industriedialog.ParticipantCheckedIn",
					"de.industriedialog.RegistrationConfirmed", "de.industriedialog.ParticipantCheckedIn",
					"de.industriedialog.RegistrationWaitlisted");
	}

	@Test
	void shouldNeverOverbookWithManyWalkInsAtOnce() throws Exception {
		int seats = 5;
		int people = 60;
		String event = openEvent(seats);
		List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
		for (int i = 0; i < people; i++) {
			String name = "Person " + i;
			calls.add(() -> walkIn(event, TestTokens.initiative(this.own), name, null, null));
		}
		List<HttpResponse<String>> responses = allAtOnce(calls);
		assertThat(responses).filteredOn((r) -> r.statusCode() == 201).hasSize(seats);
		assertThat(responses).filteredOn((r) -> r.statusCode() == 409)
			.hasSize(people - seats)
			.allSatisfy((r) -> assertThat(r.body()).contains("ausgebucht"));
		List<Document> stored = this.mongo.find(Query.query(Criteria.where("eventId").is(event)), Document.class,
				"registrations");
		assertThat(stored).hasSize(seats)
			.allSatisfy((d) -> assertThat(d.getString("status")).isEqualTo("CONFIRMED"))
			.allSatisfy((d) -> assertThat(d.get("checkedInAt")).isNotNull());
		assertThat(this.http.body(this.http.get("/api/events/" + event + "/availability")).get("confirmed").asInt())
			.isEqualTo(seats);
	}

	@Test
	void shouldAdmitEveryoneAtOnceWhileSeatsAreFree() throws Exception {
		// The first requests of an event race to create its seat ledger; none of them may
		// be told "full" while seats are free.
		for (int round = 0; round < 3; round++) {
			int people = 12;
			String event = openEvent(people);
			List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
			for (int i = 0; i < people; i++) {
				String name = "Früh " + i;
				calls.add(() -> walkIn(event, TestTokens.initiative(this.own), name, null, null));
			}
			assertThat(allAtOnce(calls)).allSatisfy((r) -> assertThat(r.statusCode()).as(r.body()).isEqualTo(201));
			assertThat(countRegistrations(event)).isEqualTo(people);
		}
	}

	@Test
	void shouldRefuseWhatCannotBeAcceptedWithGermanAnswers() {
		String event = openEvent(5);
		String path = "/api/events/" + event + "/walk-ins";
		Map<String, Object> valid = walkInBody("Gast", null, null);
		assertThat(this.http.post(path, null, valid).statusCode()).isEqualTo(401);
		assertThat(this.http.post(path, TestTokens.initiative(this.other), valid).statusCode()).isEqualTo(403);

		Map<String, Object> bad = new LinkedHashMap<>();
		bad.put("name", " ");
		bad.put("email", "keine-adresse");
		bad.put("organisation", "x".repeat(201));
		HttpResponse<String> invalid = this.http.post(path, TestTokens.initiative(this.own), bad);
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(invalid.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(this.http.problem(invalid).get("errors").findValuesAsString("field"))
			.containsExactlyInAnyOrder("name", "email", "organisation", "participantGroup");
		assertThat(invalid.body()).contains("Bitte geben Sie den Namen an.");

		HttpResponse<String> unknown = this.http.post(path, TestTokens.initiative(this.own),
				walkInBody("Gast", null, "ini-gibt-es-nicht"));
		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(this.http.problem(unknown).get("errors").findValuesAsString("field"))
			.containsExactly("representedInitiativeId");
		HttpResponse<String> unknownOnForm = this.http.post("/api/events/" + event + "/registrations", null,
				Map.of("name", "Gast", "email", "gast-" + this.run + "@example.org", "participantGroup", "PROFESSIONAL",
						"consent", true, "consentVersion", "teilnahme-2026-11", "representedInitiativeId",
						"ini-gibt-es-nicht"));
		assertThat(unknownOnForm.statusCode()).isEqualTo(400);
		assertThat(this.http.problem(unknownOnForm).get("errors").findValuesAsString("field"))
			.containsExactly("representedInitiativeId");
		assertThat(countRegistrations(event)).isZero();

		String planned = this.http.body(this.http.post("/api/events", TestTokens.initiative(this.own),
				eventBody(ZonedDateTime.now(BERLIN).plusDays(30).withNano(0), 5)))
			.get("id")
			.asString();
		HttpResponse<String> notOpen = this.http.post("/api/events/" + planned + "/walk-ins",
				TestTokens.initiative(this.own), valid);
		assertThat(notOpen.statusCode()).isEqualTo(409);
		assertThat(this.http.problem(notOpen).get("detail").asString()).contains("geplant");
		assertThat(countRegistrations(planned)).isZero();
	}

	@Test
	void shouldCarryTheRepresentedInitiativeFromTheRegistrationFormToTheCheckIn() {
		String event = openEvent(5);
		HttpResponse<String> registered = this.http.post("/api/events/" + event + "/registrations", null,
				Map.of("name", "Vertreterin", "email", "vertreterin-" + this.run + "@example.org", "participantGroup",
						"PROFESSIONAL", "consent", true, "consentVersion", "teilnahme-2026-11",
						"representedInitiativeId", this.guest));
		assertThat(registered.statusCode()).as(registered.body()).isEqualTo(202);
		String token = this.tokens.personalToken(
				this.mongo
					.findOne(
							Query.query(Criteria.where("addressKey")
								.is(event + "|vertreterin-" + this.run + "@example.org")),
							Document.class, "registrations")
					.getString("_id"));
		assertThat(this.http
			.post("/api/events/" + event + "/check-ins", TestTokens.initiative(this.own), Map.of("token", token))
			.statusCode()).isEqualTo(200);
		List<ConsumerRecord<String, String>> records = recordsOf(event, 2);
		assertValidAgainstTheContract(records);
		assertThat(records).extracting((r) -> this.json.readTree(r.value()).get("representedInitiativeId").asString())
			.containsExactly(this.guest, this.guest);
	}

	private HttpResponse<String> walkIn(String event, String token, String name, String email, String represented) {
		return this.http.post("/api/events/" + event + "/walk-ins", token, walkInBody(name, email, represented));
	}

	private static Map<String, Object> walkInBody(String name, String email, String represented) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", name);
		body.put("email", email);
		body.put("organisation", "IHK Berlin");
		body.put("participantGroup", "PROFESSIONAL");
		body.put("representedInitiativeId", represented);
		return body;
	}

	private String openEvent(int capacity) {
		HttpResponse<String> created = this.http.post("/api/events", TestTokens.initiative(this.own), eventBody(
				ZonedDateTime.now(BERLIN).plusDays(30).withHour(10).withMinute(0).withSecond(0).withNano(0), capacity));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String id = this.http.body(created).get("id").asString();
		assertThat(this.http.post("/api/events/" + id + "/open", TestTokens.initiative(this.own)).statusCode())
			.isEqualTo(200);
		return id;
	}

	private Map<String, Object> eventBody(ZonedDateTime start, int capacity) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("initiativeId", this.own);
		body.put("title", "Treffen regionaler Industrieinitiativen");
		body.put("format", "TREFFEN_REGIONALER_INITIATIVEN");
		body.put("start", start.toInstant().toString());
		body.put("end", start.plusHours(6).toInstant().toString());
		body.put("city", "Berlin");
		body.put("state", "DE-BE");
		body.put("capacity", capacity);
		body.put("targetGroups", List.of("PROFESSIONAL"));
		body.put("campaignSupported", true);
		return body;
	}

	private long countRegistrations(String event) {
		return this.mongo.count(Query.query(Criteria.where("eventId").is(event)), "registrations");
	}

	private List<HttpResponse<String>> allAtOnce(List<Callable<HttpResponse<String>>> calls) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(32);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<HttpResponse<String>>> futures = new ArrayList<>();
			for (Callable<HttpResponse<String>> call : calls) {
				futures.add(pool.submit(() -> {
					start.await();
					return call.call();
				}));
			}
			start.countDown();
			List<HttpResponse<String>> responses = new ArrayList<>();
			for (Future<HttpResponse<String>> future : futures) {
				responses.add(future.get());
			}
			return responses;
		}
		finally {
			pool.shutdownNow();
		}
	}

	private void assertValidAgainstTheContract(List<ConsumerRecord<String, String>> records) {
		EventContracts contracts = EventContracts.fromClasspath();
		for (ConsumerRecord<String, String> record : records) {
			String type = KafkaTopics.header(record, CloudEventHeaders.TYPE).substring("de.industriedialog.".length());
			assertThat(contracts.violations(type, record.value())).as(record.value()).isEmpty();
		}
	}

	private List<ConsumerRecord<String, String>> recordsOf(String eventId, int expected) {
		return KafkaTopics.recordsOf(bootstrapServers(), TOPIC, eventId, expected);
	}

}
