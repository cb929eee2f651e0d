package de.industriedialog.registry.privacy;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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
import de.industriedialog.localstack.LocalMongoServer;
import de.industriedialog.platform.privacy.PrivacyScope;
import de.industriedialog.platform.privacy.SubjectKeys;
import de.industriedialog.platform.security.CurrentUser;
import de.industriedialog.platform.security.ResourceServerConfiguration;
import de.industriedialog.platform.testing.KafkaTopics;
import de.industriedialog.platform.testing.ServiceClient;
import de.industriedialog.platform.testing.TestTokens;
import de.industriedialog.registry.steckbrief.Steckbriefe;
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
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Access and erasure requests (docs/adr/0015) for the contact person of a Steckbrief,
 * over real Kafka, the store over TCP and HTTP: the answer counts, the export, and after
 * erasure neither the contact's address nor name in any collection, while the Steckbrief
 * stays published and nothing public is announced.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "industriedialog.security.jwt-secret=" + TestTokens.SECRET)
@EmbeddedKafka(partitions = 3, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class SteckbriefContactPrivacyEmbeddedIT {

	static final LocalMongoServer mongoServer = LocalMongoServer.inMemory();

	static final String TOPIC = "dialog.privacy.v1";

	private final JsonMapper json = JsonMapper.builder().build();

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	@Autowired
	EmbeddedKafkaBroker broker;

	@Autowired
	Environment environment;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	SubjectKeys subjectKeys;

	@Autowired
	Steckbriefe steckbriefe;

	private final ServiceClient http = new ServiceClient(
			() -> "http://localhost:" + this.environment.getProperty("local.server.port"), this.json);

	@DynamicPropertySource
	static void mongo(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> mongoServer.connectionString() + "/initiative_registry");
	}

	@AfterAll
	static void stopMongo() {
		mongoServer.close();
	}

	@Test
	void shouldExportAndEraseTheContactPersonAndKeepTheSteckbriefPublished() {
		String own = "ini-privacy-" + this.run;
		// The initiative's account subject is its address, as the gateway mints it: the
		// workflow history records it as the actor of the submit.
		String address = "contact@" + own + ".test";
		String name = "Paula Privatsphäre-" + this.run;
		String ownToken = TestTokens.initiative(own);
		assertThat(this.http.post("/api/initiatives", ownToken, body("Initiative " + own, name, address)).statusCode())
			.isEqualTo(201);
		assertThat(this.http.post("/api/initiatives/" + own + "/submit", ownToken).statusCode()).isEqualTo(200);
		assertThat(this.http.post("/api/initiatives/" + own + "/publish", TestTokens.staff()).statusCode())
			.isEqualTo(200);
		String other = this.http.body(this.http.post("/api/initiatives", TestTokens.staff(),
				body("Andere Initiative " + this.run, "Otto Anders-" + this.run, "otto-" + this.run + "@example.org")))
			.at("/profile/id")
			.asString();
		String subject = this.subjectKeys.of(address);
		assertThat(stored(own).getString("contactSubjectKey")).isEqualTo(subject);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> !this.mongo.exists(new Query(Criteria.where("_id").is(own).and("outbox.0").exists(true)),
					"steckbriefe"));
		int announcedBefore = announcements(own);

		// ACCESS: counted on the topic, exported over HTTP with the request's own token.
		String access = "acc-" + this.run;
		request(access, "ACCESS", subject);
		JsonNode accessAnswer = answer(access);
		assertThat(accessAnswer.get("status").asString()).isEqualTo("DONE");
		assertThat(accessAnswer.at("/records/steckbriefContacts").asInt()).isEqualTo(1);
		HttpResponse<String> export = this.http.get("/api/privacy/requests/" + access + "/export",
				privacyToken(access, subject));
		assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
		JsonNode data = this.http.body(export).at("/data/steckbriefContacts");
		assertThat(data.get("title").asString()).isNotBlank();
		JsonNode record = data.at("/records/0");
		assertThat(record.get("initiative").asString()).isEqualTo("Initiative " + own);
		assertThat(record.get("name").asString()).isEqualTo(name);
		assertThat(record.get("email").asString()).isEqualTo(address);
		assertThat(record.get("phone").asString()).isEqualTo("+49 261 1234");
		assertThat(record.get("contactSetAt").isNull()).isFalse();
		assertThat(record.at("/workflowSteps/0/to").asString()).isEqualTo("IN_REVIEW");
		assertThat(data.get("records")).hasSize(1);
		assertThat(this.http.get("/api/privacy/requests/" + access + "/export", privacyToken("other-request", subject))
			.statusCode()).isEqualTo(403);
		assertThat(this.http.get("/api/privacy/requests/" + access + "/export", TestTokens.staff()).statusCode())
			.isEqualTo(403);

		// ERASURE: the contact and the address in the history go, the Steckbrief stays.
		String erasure = "era-" + this.run;
		request(erasure, "ERASURE", subject);
		JsonNode erasureAnswer = answer(erasure);
		assertThat(erasureAnswer.get("status").asString()).isEqualTo("DONE");
		assertThat(erasureAnswer.at("/records/steckbriefContacts").asInt()).isEqualTo(1);
		String everything = everything();
		assertThat(everything).doesNotContain(address.toLowerCase(Locale.ROOT))
			.doesNotContain(name.toLowerCase(Locale.ROOT))
			.contains(("Otto Anders-" + this.run).toLowerCase(Locale.ROOT));
		Document stored = stored(own);
		assertThat(stored.get("contact")).isNull();
		assertThat(stored.getString("status")).isEqualTo("PUBLISHED");
		assertThat(this.http.get("/api/initiatives/" + own).statusCode()).isEqualTo(200);
		assertThat(stored(other).get("contact")).isNotNull();
		// The contact is not public: its erasure announces nothing.
		assertThat(stored.getList("outbox", Document.class)).isEmpty();
		assertThat(announcements(own)).isEqualTo(announcedBefore);

		// A second erasure finds nothing and harms nothing.
		String again = "again-" + this.run;
		request(again, "ERASURE", subject);
		JsonNode againAnswer = answer(again);
		assertThat(againAnswer.get("status").asString()).isEqualTo("NOTHING_FOUND");
		assertThat(againAnswer.at("/records/steckbriefContacts").asInt()).isZero();
		assertThat(stored(own).getString("status")).isEqualTo("PUBLISHED");
	}

	@Test
	void shouldKeyContactsStoredBeforeSubjectKeysOnce() {
		String address = "alt-" + this.run + "@example.org";
		String id = this.http.body(this.http.post("/api/initiatives", TestTokens.staff(),
				body("Alte Initiative " + this.run, "Alma Alt-" + this.run, address)))
			.at("/profile/id")
			.asString();
		this.mongo.updateFirst(new Query(Criteria.where("_id").is(id)), new Update().unset("contactSubjectKey"),
				"steckbriefe");

		assertThat(this.steckbriefe.keyContacts()).isGreaterThanOrEqualTo(1);
		assertThat(stored(id).getString("contactSubjectKey")).isEqualTo(this.subjectKeys.of(address));
		assertThat(this.steckbriefe.keyContacts()).isZero();
		assertThat(this.steckbriefe.withContact(this.subjectKeys.of(address.toUpperCase(Locale.ROOT))))
			.extracting((steckbrief) -> steckbrief.id())
			.containsExactly(id);
	}

	private Document stored(String id) {
		return this.mongo.findById(id, Document.class, "steckbriefe");
	}

	private int announcements(String key) {
		return KafkaTopics
			.distinctByCeId(KafkaTopics.readAll(this.broker.getBrokersAsString(), "dialog.initiatives.v1", 1000,
					Duration.ofSeconds(3), Duration.ZERO))
			.stream()
			.filter((record) -> key.equals(record.key()))
			.toList()
			.size();
	}

	private static Map<String, Object> body(String initiative, String name, String email) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", initiative);
		body.put("contact", Map.of("name", name, "email", email, "phone", "+49 261 1234"));
		body.put("state", "DE-RP");
		body.put("city", "Koblenz");
		body.put("level", "REGIONAL");
		body.put("type", "MEASURE");
		return body;
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

	/** The registry's answer to the request on the topic. */
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
		assertThat(body.get("service").asString()).isEqualTo("initiative-registry");
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

}
