package de.industriedialog.events.privacy;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import de.industriedialog.contracts.CloudEventHeaders;
import de.industriedialog.events.initiative.InitiativeReplication;
import de.industriedialog.events.registration.RegistrationStore;
import de.industriedialog.events.registration.RegistrationTokens;
import de.industriedialog.localstack.LocalMongoServer;
import de.industriedialog.platform.privacy.PrivacyScope;
import de.industriedialog.platform.privacy.SubjectKeys;
import de.industriedialog.platform.security.CurrentUser;
import de.industriedialog.platform.security.ResourceServerConfiguration;
import de.industriedialog.platform.testing.KafkaTopics;
import de.industriedialog.platform.testing.MovableClock;
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
 * Access and erasure requests against the store over TCP and an in-JVM broker: a person
 * checked in at a held event and holding the last seat of a full event ahead asks for
 * their data, then for erasure; the seat goes to the person waiting, the held event keeps
 * its figures, no name or address is left anywhere in the database, and the personal
 * links answer in German that the registration was deleted.
 */
@EmbeddedKafka(partitions = 3, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "industriedialog.security.jwt-secret=" + TestTokens.SECRET,
				"industriedialog.registration.rate-limit.per-address.max=100000",
				"industriedialog.registration.rate-limit.per-address-and-event.max=100000",
				"industriedialog.registration.rate-limit.per-event.minimum=100000",
				"industriedialog.retention.enabled=false", "industriedialog.mail.reminder.enabled=false" })
class PrivacyRequestsEmbeddedIT {

	static final LocalMongoServer store = LocalMongoServer.inMemory();

	static final MovableClock CLOCK = new MovableClock();

	static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	static final String TOPIC = "dialog.privacy.v1";

	private final JsonMapper json = JsonMapper.builder().build();

	private final ServiceClient http = new ServiceClient(
			() -> "http://localhost:" + this.environment.getProperty("local.server.port"), this.json);

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	private final String own = "ini-privacy-" + this.run;

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
	SubjectKeys subjectKeys;

	@Autowired
	SubjectKeyBackfill backfill;

	@Autowired
	RegistrationStore registrationStore;

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
	void shouldExportAndThenEraseEverythingOfAPersonAndKeepTheFigures() {
		publishInitiative();
		String held = openEvent(3);
		String pastOfPaula = register(held, "paula", "PUPIL");
		register(held, "ben", "PROFESSIONAL");
		assertThat(this.http
			.post("/api/events/" + held + "/check-ins", TestTokens.initiative(this.own),
					Map.of("token", token(pastOfPaula)))
			.statusCode()).isEqualTo(200);
		assertThat(this.http.post("/api/events/" + held + "/close", TestTokens.initiative(this.own)).statusCode())
			.isEqualTo(200);
		assertThat(this.http.post("/api/events/" + held + "/held", TestTokens.initiative(this.own)).statusCode())
			.isEqualTo(200);
		String ahead = openEvent(1);
		String futureOfPaula = register(ahead, "paula", "PUPIL");
		String waiting = register(ahead, "wanda", "TRAINEE_STUDENT");
		assertThat(status(futureOfPaula)).isEqualTo("CONFIRMED");
		assertThat(status(waiting)).isEqualTo("WAITLISTED");
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(mailTypesOf(futureOfPaula)).contains("confirmation"));
		String subject = this.subjectKeys.of(address("paula"));
		assertThat(this.mongo.findById(pastOfPaula, Document.class, "registrations").getString("subjectKey"))
			.isEqualTo(subject);
		Document heldBefore = figures(pastOfPaula);

		// Access: the counts on the topic, the data over the export route.
		String access = UUID.randomUUID().toString();
		request(access, "ACCESS", subject);
		JsonNode accessAnswer = answer(access);
		assertThat(accessAnswer.get("status").asString()).isEqualTo("DONE");
		assertThat(accessAnswer.get("kind").asString()).isEqualTo("ACCESS");
		assertThat(accessAnswer.get("service").asString()).isEqualTo("event-service");
		assertThat(accessAnswer.get("records").get("registrations").asInt()).isEqualTo(2);

		HttpResponse<String> export = this.http.get("/api/privacy/requests/" + access + "/export",
				privacyToken(access, subject));
		assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
		JsonNode part = this.http.body(export);
		assertThat(part.get("service").asString()).isEqualTo("event-service");
		JsonNode registrations = part.get("data").get("registrations");
		assertThat(registrations.get("title").asString()).isEqualTo("Anmeldungen zu Veranstaltungen");
		assertThat(registrations.get("records")).hasSize(2);
		JsonNode past = registrations.get("records").get(0);
		assertThat(past.get("registrationId").asString()).isEqualTo(pastOfPaula);
		assertThat(past.get("event").asString()).isEqualTo("Zukunftswerkstatt Datenschutz");
		assertThat(past.get("eventStart").isNull()).isFalse();
		assertThat(past.get("name").asString()).isEqualTo(name("paula"));
		assertThat(past.get("email").asString()).isEqualTo(address("paula"));
		assertThat(past.get("organisation").asString()).isEqualTo("Schule paula " + this.run);
		assertThat(past.get("representedInitiative").asString()).isEqualTo("Initiative " + this.own);
		assertThat(past.get("participantGroup").asString()).isEqualTo("PUPIL");
		assertThat(past.get("consentVersion").asString()).isEqualTo("teilnahme-2026-12");
		assertThat(past.get("consentedAt").isNull()).isFalse();
		assertThat(past.get("checkedInAt").isNull()).isFalse();
		assertThat(past.get("mails").findValuesAsString("type")).contains("confirmation");
		assertThat(registrations.get("records").get(1).get("status").asString()).isEqualTo("CONFIRMED");
		// Nobody else's registrations.
		assertThat(export.body()).doesNotContain(address("wanda"), address("ben"));

		// Only the privacy token of this very request opens the export.
		assertThat(this.http.get("/api/privacy/requests/" + access + "/export").statusCode()).isEqualTo(401);
		assertThat(this.http.get("/api/privacy/requests/" + access + "/export", TestTokens.staff()).statusCode())
			.isEqualTo(403);
		assertThat(this.http
			.get("/api/privacy/requests/" + access + "/export", privacyToken(UUID.randomUUID().toString(), subject))
			.statusCode()).isEqualTo(403);

		// Erasure: the seat ahead goes to wanda, the held event keeps its figures.
		String erasure = UUID.randomUUID().toString();
		request(erasure, "ERASURE", subject);
		JsonNode erasureAnswer = answer(erasure);
		assertThat(erasureAnswer.get("status").asString()).isEqualTo("DONE");
		assertThat(erasureAnswer.get("records").get("registrations").asInt()).isEqualTo(2);
		assertThat(status(futureOfPaula)).isEqualTo("CANCELLED");
		assertThat(status(waiting)).isEqualTo("CONFIRMED");
		List<ConsumerRecord<String, String>> cancellations = KafkaTopics
			.readTopic(this.broker.getBrokersAsString(), "dialog.registrations.v1")
			.stream()
			.filter((record) -> record.value().contains(futureOfPaula)
					&& CloudEventHeaders.ceType("RegistrationCancelled")
						.equals(KafkaTopics.header(record, CloudEventHeaders.TYPE)))
			.toList();
		assertThat(cancellations).isNotEmpty();
		assertThat(figures(pastOfPaula)).isEqualTo(heldBefore);
		assertThat(this.mongo.findById(pastOfPaula, Document.class, "registrations").get("anonymisedAt")).isNotNull();
		assertThat(this.mongo.findById(futureOfPaula, Document.class, "registrations").get("anonymisedAt")).isNotNull();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			String everything = everything();
			assertThat(everything).doesNotContain(address("paula"), name("paula"), "schule paula " + this.run);
			assertThat(everything).contains(address("wanda"), address("ben"));
		});
		for (String registration : List.of(pastOfPaula, futureOfPaula)) {
			HttpResponse<String> page = this.http.get("/api/registrations/" + token(registration));
			assertThat(page.statusCode()).isEqualTo(410);
			assertThat(this.http.problem(page).get("detail").asString()).contains("gelöscht");
		}
		assertThat(this.http.get("/api/privacy/requests/" + erasure + "/export", privacyToken(erasure, subject)).body())
			.doesNotContain(address("paula"));

		// A second erasure finds nothing and changes nothing.
		List<Document> after = this.mongo.findAll(Document.class, "registrations");
		String again = UUID.randomUUID().toString();
		request(again, "ERASURE", subject);
		JsonNode againAnswer = answer(again);
		assertThat(againAnswer.get("status").asString()).isEqualTo("NOTHING_FOUND");
		assertThat(againAnswer.get("records").get("registrations").asInt()).isZero();
		assertThat(this.mongo.findAll(Document.class, "registrations")).isEqualTo(after);
	}

	@Test
	void shouldKeyRegistrationsStoredBeforeSubjectKeysOnceAtStartup() {
		// As stored before subject keys existed, and one anonymised by retention.
		String legacy = "legacy-" + this.run;
		String anonymous = "anonymous-" + this.run;
		this.mongo.insert(new Document("_id", legacy).append("eventId", "event-" + this.run)
			.append("name", name("lea"))
			.append("email", " Lea-" + this.run + "@Example.org")
			.append("addressKey", "event-" + this.run + "|" + address("lea"))
			.append("status", "CONFIRMED")
			.append("version", 1L), "registrations");
		this.mongo.insert(new Document("_id", anonymous).append("eventId", "event-" + this.run)
			.append("addressKey", "event-" + this.run + "|anonymised:" + anonymous)
			.append("status", "CONFIRMED")
			.append("anonymisedAt", new Date())
			.append("version", 2L), "registrations");

		this.backfill.run(null);

		assertThat(this.mongo.findById(legacy, Document.class, "registrations").getString("subjectKey"))
			.isEqualTo(this.subjectKeys.of(address("lea")));
		assertThat(this.mongo.findById(anonymous, Document.class, "registrations")).doesNotContainKey("subjectKey");
		assertThat(this.registrationStore.countOfSubject(this.subjectKeys.of(address("lea")))).isEqualTo(1);
		// Idempotent: a second run, or another replica's, finds nothing left.
		assertThat(this.registrationStore.backfillSubjectKeys()).isZero();
	}

	/** What the figures of a held event are made of: event, group, status, check-in. */
	private Document figures(String registrationId) {
		Document registration = this.mongo.findById(registrationId, Document.class, "registrations");
		return new Document("eventId", registration.get("eventId"))
			.append("participantGroup", registration.get("participantGroup"))
			.append("status", registration.get("status"))
			.append("checkedInAt", registration.get("checkedInAt"))
			.append("checkInMethod", registration.get("checkInMethod"));
	}

	private String status(String registrationId) {
		return this.mongo.findById(registrationId, Document.class, "registrations").getString("status");
	}

	private void request(String requestId, String kind, String subject) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("requestId", requestId);
		payload.put("kind", kind);
		payload.put("subjectKey", subject);
		payload.put("occurredAt", Instant.now().toString());
		payload.put("version", 1);
		Map<String, String> headers = Map.of(CloudEventHeaders.SPEC_VERSION, "1.0", CloudEventHeaders.ID,
				UUID.randomUUID().toString(), CloudEventHeaders.TYPE,
				CloudEventHeaders.ceType("PrivacyRequestVerified"), CloudEventHeaders.SOURCE, "/gateway",
				CloudEventHeaders.SUBJECT, requestId, CloudEventHeaders.TIME, Instant.now().toString(), "content-type",
				"application/json");
		KafkaTopics.send(this.broker.getBrokersAsString(), TOPIC, requestId, headers,
				this.json.writeValueAsString(payload));
	}

	/** The answer of event-service to the request on the topic (after the request). */
	private JsonNode answer(String requestId) {
		List<ConsumerRecord<String, String>> records = KafkaTopics.recordsOf(this.broker.getBrokersAsString(), TOPIC,
				requestId, 2);
		ConsumerRecord<String, String> answer = records.stream()
			.filter((record) -> CloudEventHeaders.ceType("PrivacyRequestAnswered")
				.equals(KafkaTopics.header(record, CloudEventHeaders.TYPE)))
			.findFirst()
			.orElseThrow();
		JsonNode body = this.json.readTree(answer.value());
		assertThat(body.get("requestId").asString()).isEqualTo(requestId);
		return body;
	}

	/** The token the gateway mints to fetch one request's export. */
	private static String privacyToken(String requestId, String subject) {
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("privacy-request:" + requestId)
			.issuer(ResourceServerConfiguration.GATEWAY_ISSUER)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(60)))
			.claim(CurrentUser.ROLES_CLAIM, List.of(PrivacyScope.ROLE))
			.claim(PrivacyScope.REQUEST_CLAIM, requestId)
			.claim(PrivacyScope.SUBJECT_CLAIM, subject)
			.build();
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
			jwt.sign(new MACSigner(TestTokens.SECRET.getBytes(StandardCharsets.UTF_8)));
			return jwt.serialize();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
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
		return "privacy " + who + " " + this.run;
	}

	private String register(String eventId, String who, String group) {
		Map<String, Object> form = new LinkedHashMap<>();
		form.put("name", name(who));
		form.put("email", address(who));
		form.put("organisation", "Schule " + who + " " + this.run);
		form.put("participantGroup", group);
		form.put("consent", true);
		form.put("consentVersion", "teilnahme-2026-12");
		form.put("representedInitiativeId", this.own);
		HttpResponse<String> response = this.http.post("/api/events/" + eventId + "/registrations", null, form);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		Document stored = this.mongo.findOne(Query.query(Criteria.where("addressKey").is(eventId + "|" + address(who))),
				Document.class, "registrations");
		return stored.getString("_id");
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
		body.put("title", "Zukunftswerkstatt Datenschutz");
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
