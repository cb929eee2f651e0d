package de.industriedialog.events.retention;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import de.industriedialog.platform.testing.MovableClock;
import de.industriedialog.contracts.CloudEventHeaders;
import de.industriedialog.events.initiative.InitiativeReplication;
import de.industriedialog.events.registration.RegistrationTokens;
import de.industriedialog.localstack.LocalMongoServer;
import de.industriedialog.platform.testing.KafkaTopics;
import de.industriedialog.platform.testing.ServiceClient;
import de.industriedialog.platform.testing.TestTokens;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Retention against the store over TCP and an in-JVM broker: people register, one is
 * checked in, one comes in at the door, the event is held, mails are queued; once the
 * clock is past the period the job leaves no name or address anywhere in the service's
 * database, every count as it was, nothing new on Kafka, and the personal link answers in
 * German that the registration was deleted.
 */
@EmbeddedKafka(partitions = 3, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "industriedialog.security.jwt-secret=" + TestTokens.SECRET,
				"industriedialog.registration.rate-limit.per-address.max=100000",
				"industriedialog.registration.rate-limit.per-address-and-event.max=100000",
				"industriedialog.registration.rate-limit.per-event.minimum=100000",
				// Run directly below, not at 03:30.
				"industriedialog.retention.enabled=false", "industriedialog.mail.reminder.enabled=false" })
class ParticipantRetentionEmbeddedIT {

	static final LocalMongoServer store = LocalMongoServer.inMemory();

	static final MovableClock CLOCK = new MovableClock();

	static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	private final JsonMapper json = JsonMapper.builder().build();

	private final ServiceClient http = new ServiceClient(
			() -> "http://localhost:" + this.environment.getProperty("local.server.port"), this.json);

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	private final String own = "ini-retention-" + this.run;

	@TestBean
	Clock clock;

	@Autowired
	Environment environment;

	@Autowired
	EmbeddedKafkaBroker broker;

	@Autowired
	InitiativeReplication replication;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	RegistrationTokens tokens;

	@Autowired
	ParticipantRetention retention;

	static Clock clock() {
		return CLOCK;
	}

	@DynamicPropertySource
	static void mongo(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> store.connectionString() + "/event_service");
	}

	@AfterAll
	static void stopStore() {
		store.close();
	}

	@Test
	void shouldAnonymiseTheParticipantsOfEventsPastTheRetentionPeriodAndKeepEveryCount() {
		publishInitiative();
		String held = openEvent(3);
		String anna = register(held, "anna", "PUPIL");
		String ben = register(held, "ben", "PROFESSIONAL");
		walkIn(held, "walter");
		String carla = register(held, "carla", "PUPIL");
		String david = register(held, "david", "TRAINEE_STUDENT");
		// Waiting, then cancelled; anna registers again and gets the "already registered"
		// mail; anna is checked in by her QR code.
		assertThat(this.http.post("/api/registrations/" + token(david) + "/cancel", null).statusCode()).isEqualTo(200);
		register(held, "anna", "PUPIL");
		assertThat(this.http
			.post("/api/events/" + held + "/check-ins", TestTokens.initiative(this.own), Map.of("token", token(anna)))
			.statusCode()).isEqualTo(200);
		assertThat(this.http.post("/api/events/" + held + "/close", TestTokens.initiative(this.own)).statusCode())
			.isEqualTo(200);
		assertThat(this.http.post("/api/events/" + held + "/held", TestTokens.initiative(this.own)).statusCode())
			.isEqualTo(200);
		String cancelled = openEvent(5);
		String cora = register(cancelled, "cora", "PUPIL");
		assertThat(this.http.post("/api/events/" + cancelled + "/cancel", TestTokens.initiative(this.own)).statusCode())
			.isEqualTo(200);
		String stillOpen = openEvent(5);
		String olga = register(stillOpen, "olga", "PUPIL");

		// Confirmations, the waitlist mail, the "already registered" mail and the
		// feedback invitations of anna and walter: the mail queue holds the addresses.
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			assertThat(mailTypesOf(anna)).contains("confirmation", "already-registered", "feedback-invitation");
			assertThat(mailTypesOf(ben)).isNotEmpty();
			assertThat(mailTypesOf(carla)).isNotEmpty();
			assertThat(mailTypesOf(cora)).isNotEmpty();
			assertThat(this.mongo.count(Query.query(Criteria.where("to").regex("walter-" + this.run)), "mail_queue"))
				.isPositive();
		});
		// Everything published that is to be published.
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.mongo.findAll(Document.class, "registrations")
				.stream()
				.allMatch((registration) -> registration.getList("outbox", Document.class, List.of()).isEmpty()));
		Map<String, Long> countsBefore = counts(held);
		JsonNode summaryBefore = summary(held);
		List<String> recordsBefore = recordIds();
		assertThat(countsBefore).containsEntry("PUPIL/CONFIRMED/checked-in", 1L)
			.containsEntry("PROFESSIONAL/CONFIRMED/not-checked-in", 1L)
			.containsEntry("PUPIL/WAITLISTED/not-checked-in", 1L)
			.containsEntry("TRAINEE_STUDENT/CANCELLED/not-checked-in", 1L);
		List<String> personal = new ArrayList<>();
		for (String who : List.of("anna", "ben", "walter", "carla", "david", "cora")) {
			personal.add(address(who));
			personal.add(name(who));
		}
		assertThat(everything()).contains(address("anna"), name("walter"));

		// Within the period nothing happens.
		CLOCK.advance(Duration.ofDays(100));
		assertThat(this.retention.run()).isZero();
		assertThat(everything()).contains(address("anna"));

		// 30 days until the event, 180 after it and one more.
		CLOCK.advance(Duration.ofDays(111));
		assertThat(this.retention.run()).isEqualTo(6);

		String everything = everything();
		assertThat(personal).allSatisfy((value) -> assertThat(everything).doesNotContain(value));
		assertThat(everything).contains(address("olga"), name("olga"));
		assertThat(this.mongo.find(Query.query(Criteria.where("eventId").in(held, cancelled)), Document.class,
				"registrations"))
			.hasSize(6)
			.allSatisfy((registration) -> {
				assertThat(registration.get("anonymisedAt")).isNotNull();
				assertThat(registration.get("organisation")).isNull();
				assertThat(registration.getList("sentMails", String.class)).isEmpty();
			});
		assertThat(counts(held)).isEqualTo(countsBefore);
		assertThat(summary(held)).isEqualTo(summaryBefore);
		assertThat(this.json.readTree(this.http.get("/api/events/" + held + "/availability").body())
			.get("confirmed")
			.asInt()).isEqualTo(3);

		HttpResponse<String> page = this.http.get("/api/registrations/" + token(anna));
		assertThat(page.statusCode()).isEqualTo(410);
		assertThat(page.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(this.http.problem(page).get("detail").asString())
			.contains("gelöscht – nach Ablauf der Aufbewahrungsfrist");
		HttpResponse<String> cancel = this.http.post("/api/registrations/" + token(cora) + "/cancel", null);
		assertThat(cancel.statusCode()).isEqualTo(410);
		assertThat(this.http.get("/api/registrations/" + token(olga)).statusCode()).isEqualTo(200);
		// The organiser's list keeps the anonymous seats, without names; none can be
		// cancelled (it would change the figures).
		JsonNode list = this.http
			.body(this.http.get("/api/events/" + held + "/registrations", TestTokens.initiative(this.own)));
		assertThat(list.get("registrations")).hasSize(5).allSatisfy((entry) -> {
			assertThat(entry.get("name").isNull()).isTrue();
			assertThat(entry.get("email").isNull()).isTrue();
		});
		assertThat(this.http
			.post("/api/events/" + cancelled + "/registrations/" + cora + "/cancel", TestTokens.initiative(this.own))
			.statusCode()).isEqualTo(410);

		// A second run changes nothing, and nothing was published.
		List<Document> after = this.mongo.findAll(Document.class, "registrations");
		assertThat(this.retention.run()).isZero();
		assertThat(this.mongo.findAll(Document.class, "registrations")).isEqualTo(after);
		assertThat(recordIds()).isEqualTo(recordsBefore);
	}

	/** Every document of every collection of the service's database as JSON. */
	private String everything() {
		StringBuilder all = new StringBuilder();
		for (String collection : this.mongo.getDb().listCollectionNames()) {
			for (Document document : this.mongo.getDb().getCollection(collection).find()) {
				all.append(collection).append(": ").append(document.toJson()).append('\n');
			}
		}
		return all.toString().toLowerCase(Locale.ROOT);
	}

	/** Registrations of the event per group, status and check-in. */
	private Map<String, Long> counts(String eventId) {
		Map<String, Long> counts = new TreeMap<>();
		for (Document registration : this.mongo.find(Query.query(Criteria.where("eventId").is(eventId)), Document.class,
				"registrations")) {
			String key = registration.getString("participantGroup") + "/" + registration.getString("status") + "/"
					+ ((registration.get("checkedInAt") != null) ? "checked-in" : "not-checked-in");
			counts.merge(key, 1L, Long::sum);
		}
		return counts;
	}

	private JsonNode summary(String eventId) {
		return this.http
			.body(this.http.get("/api/events/" + eventId + "/registrations", TestTokens.initiative(this.own)))
			.get("summary");
	}

	/** The ids of every record on the registrations topic. */
	private List<String> recordIds() {
		List<ConsumerRecord<String, String>> records = KafkaTopics.readAll(this.broker.getBrokersAsString(),
				"dialog.registrations.v1", 1, Duration.ofSeconds(10), Duration.ofSeconds(2));
		return records.stream().map((record) -> KafkaTopics.header(record, CloudEventHeaders.ID)).sorted().toList();
	}

	private List<String> mailTypesOf(String registrationId) {
		return this.mongo
			.find(Query.query(Criteria.where("reference").is(registrationId)), Document.class, "mail_queue")
			.stream()
			.map((mail) -> mail.getString("type"))
			.toList();
	}

	private String token(String registrationId) {
		return this.tokens.personalToken(registrationId);
	}

	private String address(String who) {
		return who + "-" + this.run + "@example.org";
	}

	private String name(String who) {
		return "retention " + who + " " + this.run;
	}

	/**
	 * @return the id of the address's active registration
	 */
	private String register(String eventId, String who, String group) {
		Map<String, Object> form = new LinkedHashMap<>();
		form.put("name", name(who));
		form.put("email", address(who));
		form.put("organisation", "Schule " + who + " " + this.run);
		form.put("participantGroup", group);
		form.put("consent", true);
		form.put("consentVersion", "teilnahme-2026-11");
		form.put("representedInitiativeId", this.own);
		HttpResponse<String> response = this.http.post("/api/events/" + eventId + "/registrations", null, form);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		Document stored = this.mongo.findOne(Query.query(Criteria.where("addressKey").is(eventId + "|" + address(who))),
				Document.class, "registrations");
		return stored.getString("_id");
	}

	private void walkIn(String eventId, String who) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", name(who));
		body.put("email", address(who));
		body.put("organisation", "Betrieb " + who + " " + this.run);
		body.put("participantGroup", "PROFESSIONAL");
		HttpResponse<String> response = this.http.post("/api/events/" + eventId + "/walk-ins",
				TestTokens.initiative(this.own), body);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
	}

	private void publishInitiative() {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("initiativeId", this.own);
		payload.put("version", 1);
		payload.put("occurredAt", Instant.now().toString());
		payload.put("name", "Initiative " + this.own);
		payload.put("level", "REGIONAL");
		payload.put("type", "NETWORK");
		payload.put("state", "DE-BW");
		Map<String, String> headers = Map.of(CloudEventHeaders.SPEC_VERSION, "1.0", CloudEventHeaders.ID,
				UUID.randomUUID().toString(), CloudEventHeaders.TYPE, CloudEventHeaders.ceType("SteckbriefPublished"),
				CloudEventHeaders.SOURCE, "/initiative-registry", CloudEventHeaders.SUBJECT, this.own,
				CloudEventHeaders.TIME, Instant.now().toString());
		KafkaTopics.send(this.broker.getBrokersAsString(), "dialog.initiatives.v1", this.own, headers,
				this.json.writeValueAsString(payload));
		await().atMost(Duration.ofSeconds(30)).until(() -> this.replication.find(this.own).isPresent());
	}

	private String openEvent(int capacity) {
		ZonedDateTime start = ZonedDateTime.now(BERLIN)
			.plusDays(30)
			.withHour(10)
			.withMinute(0)
			.withSecond(0)
			.withNano(0);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("initiativeId", this.own);
		body.put("title", "Zukunftswerkstatt Aufbewahrung");
		body.put("format", "DESIGN_THINKING_WORKSHOP");
		body.put("start", start.toInstant().toString());
		body.put("end", start.plusHours(4).toInstant().toString());
		body.put("city", "Ahaus");
		body.put("state", "DE-NW");
		body.put("capacity", capacity);
		body.put("targetGroups", List.of("PUPIL"));
		body.put("campaignSupported", true);
		String id = this.http.body(this.http.post("/api/events", TestTokens.initiative(this.own), body))
			.get("id")
			.asString();
		assertThat(this.http.post("/api/events/" + id + "/open", TestTokens.initiative(this.own)).statusCode())
			.isEqualTo(200);
		return id;
	}

}
