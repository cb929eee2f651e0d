package de.industriedialog.newsletter.privacy;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import de.industriedialog.contracts.CloudEventHeaders;
import de.industriedialog.contracts.Topics;
import de.industriedialog.localstack.LocalMongoServer;
import de.industriedialog.localstack.MailCatcher;
import de.industriedialog.newsletter.delivery.TestSubscribers;
import de.industriedialog.newsletter.subscriber.ConsentText;
import de.industriedialog.newsletter.subscriber.ErasureOutboxRetention;
import de.industriedialog.newsletter.subscriber.SubscriberDirectory;
import de.industriedialog.newsletter.subscriber.SubscriberStore;
import de.industriedialog.platform.privacy.PrivacyScope;
import de.industriedialog.platform.privacy.SubjectKeys;
import de.industriedialog.platform.security.CurrentUser;
import de.industriedialog.platform.security.ResourceServerConfiguration;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Access and erasure requests (docs/adr/0015) for an Infobrief subscriber, over real
 * Kafka, the store over TCP, HTTP and a real SMTP server (the mail catcher): a person
 * subscribes, confirms and receives an Infobrief, asks for their data, then for erasure.
 * The unsubscription is announced although the subscriber document goes, the send report
 * stays, no address or name is left in any collection, the subject key stays suppressed
 * so a later send does not mail the address even if it turns up again, and a new
 * confirmed double opt-in is possible.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "industriedialog.security.jwt-secret=" + TestTokens.SECRET,
				"industriedialog.newsletter.token-secret=newsletter-test-secret-of-32-bytes-at-least",
				"industriedialog.public-url=" + SubscriberPrivacyEmbeddedIT.PUBLIC_URL,
				"industriedialog.newsletter.delivery.rate-per-second=0",
				"industriedialog.newsletter.delivery.lease=2s" })
@EmbeddedKafka(partitions = 3, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class SubscriberPrivacyEmbeddedIT {

	static final String PUBLIC_URL = "https://industriedialog.test";

	static final String TOPIC = "dialog.privacy.v1";

	static final LocalMongoServer store = LocalMongoServer.inMemory();

	static final MailCatcher mail = startMailCatcher();

	private static final Pattern CONFIRMATION_LINK = Pattern
		.compile(Pattern.quote(PUBLIC_URL) + "/newsletter-bestaetigen\\.html\\?token=([A-Za-z0-9_-]+)");

	private final JsonMapper json = JsonMapper.builder().build();

	private final ServiceClient http = new ServiceClient(
			() -> "http://localhost:" + this.environment.getProperty("local.server.port"), this.json);

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	@Autowired
	Environment environment;

	@Autowired
	EmbeddedKafkaBroker broker;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	SubjectKeys subjectKeys;

	@Autowired
	ConsentText consentText;

	@Autowired
	SubscriberDirectory directory;

	@Autowired
	SubscriberStore subscriberStore;

	@Autowired
	SubjectKeyBackfill backfill;

	@Autowired
	ErasureOutboxRetention erasureOutboxRetention;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> store.connectionString() + "/newsletter_service");
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", mail::smtpPort);
	}

	@AfterAll
	static void stop() {
		mail.close();
		store.close();
	}

	@Test
	void shouldExportAndThenEraseASubscriberAndNeverMailTheAddressAgain() {
		String paula = address("paula");
		String bert = address("bert");
		String paulaId = subscribeAndConfirm(paula, name("paula"), List.of("DE-NW"));
		String bertId = subscribeAndConfirm(bert, name("bert"), List.of());
		String subject = this.subjectKeys.of(paula);
		assertThat(this.mongo.findById(paulaId, Document.class, "subscribers").getString("subjectKey"))
			.isEqualTo(subject);

		String first = sendInfobrief("Infobrief Datenschutz " + this.run);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(mails(paula)).hasSize(2));
		Document delivery = this.mongo.findById(first + ":" + paulaId, Document.class, "deliveries");
		assertThat(delivery.getString("state")).isEqualTo("SENT");
		assertThat(delivery.getString("subjectKey")).isEqualTo(subject);
		JsonNode reportBefore = progress(first);
		assertThat(reportBefore.path("sent").asLong()).isEqualTo(2);

		// Access: the counts on the topic, the data over the export route.
		String access = UUID.randomUUID().toString();
		request(access, "ACCESS", subject);
		JsonNode accessAnswer = answer(access);
		assertThat(accessAnswer.get("status").asString()).isEqualTo("DONE");
		assertThat(accessAnswer.get("service").asString()).isEqualTo("newsletter-service");
		assertThat(accessAnswer.get("records").get("subscribers").asInt()).isEqualTo(1);
		assertThat(accessAnswer.get("records").get("infobriefDeliveries").asInt()).isEqualTo(1);

		HttpResponse<String> export = this.http.get("/api/privacy/requests/" + access + "/export",
				privacyToken(access, subject));
		assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
		JsonNode data = this.http.body(export).get("data");
		JsonNode subscription = data.get("subscribers");
		assertThat(subscription.get("title").asString()).isEqualTo("Infobrief-Abonnement");
		assertThat(subscription.get("records")).hasSize(1);
		JsonNode subscriber = subscription.get("records").get(0);
		assertThat(subscriber.get("subscriberId").asString()).isEqualTo(paulaId);
		assertThat(subscriber.get("email").asString()).isEqualTo(paula);
		assertThat(subscriber.get("name").asString()).isEqualTo(name("paula"));
		assertThat(subscriber.get("status").asString()).isEqualTo("CONFIRMED");
		assertThat(subscriber.get("audiences")).extracting(JsonNode::asString).containsExactly("Unternehmen");
		assertThat(subscriber.get("states")).extracting(JsonNode::asString).containsExactly("Nordrhein-Westfalen");
		assertThat(subscriber.get("confirmedAt").isNull()).isFalse();
		JsonNode consents = subscriber.get("consents");
		assertThat(consents.findValuesAsString("action")).containsExactly("REQUESTED", "CONFIRMED");
		assertThat(consents.get(0).get("textVersion").asString()).isEqualTo(this.consentText.version());
		assertThat(consents.get(0).get("text").asString()).isEqualTo(this.consentText.text());
		assertThat(consents.get(0).get("at").isNull()).isFalse();
		assertThat(export.body()).doesNotContain("confirmationTokenHash", "\"outbox\"");
		JsonNode delivered = data.get("infobriefDeliveries");
		assertThat(delivered.get("title").asString()).isEqualTo("Zugestellte Infobriefe");
		assertThat(delivered.get("records")).hasSize(1);
		assertThat(delivered.get("records").get(0).get("subject").asString())
			.isEqualTo("Infobrief Datenschutz " + this.run);
		assertThat(delivered.get("records").get(0).get("state").asString()).isEqualTo("SENT");
		assertThat(delivered.get("records").get(0).get("sentAt").isNull()).isFalse();
		assertThat(export.body()).doesNotContain(bert, name("bert"));

		// Only the privacy token of this very request opens the export.
		assertThat(this.http.get("/api/privacy/requests/" + access + "/export").statusCode()).isEqualTo(401);
		assertThat(this.http.get("/api/privacy/requests/" + access + "/export", TestTokens.staff()).statusCode())
			.isEqualTo(403);
		assertThat(this.http
			.get("/api/privacy/requests/" + access + "/export", privacyToken(UUID.randomUUID().toString(), subject))
			.statusCode()).isEqualTo(403);

		// Erasure: announced as an unsubscription, nothing of the person left.
		String erasure = UUID.randomUUID().toString();
		request(erasure, "ERASURE", subject);
		JsonNode erasureAnswer = answer(erasure);
		assertThat(erasureAnswer.get("status").asString()).isEqualTo("DONE");
		assertThat(erasureAnswer.get("records").get("subscribers").asInt()).isEqualTo(1);
		assertThat(erasureAnswer.get("records").get("infobriefDeliveries").asInt()).isEqualTo(1);
		List<ConsumerRecord<String, String>> events = KafkaTopics.recordsOf(this.broker.getBrokersAsString(),
				Topics.NEWSLETTER_V1, paulaId, 2);
		assertThat(KafkaTopics.header(events.get(1), CloudEventHeaders.TYPE))
			.isEqualTo(CloudEventHeaders.ceType("SubscriberUnsubscribed"));
		JsonNode unsubscribed = this.json.readTree(events.get(1).value());
		assertThat(unsubscribed.get("reason").asString()).isEqualTo("UNSUBSCRIBED");
		assertThat(unsubscribed.get("version").asLong())
			.isGreaterThan(this.json.readTree(events.get(0).value()).get("version").asLong());
		assertThat(events.get(1).value()).doesNotContain("@", name("paula"));
		assertThat(this.mongo.findById(paulaId, Document.class, "subscribers")).isNull();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			String everything = everything();
			assertThat(everything).doesNotContain(paula.toLowerCase(Locale.ROOT),
					name("paula").toLowerCase(Locale.ROOT));
			assertThat(everything).contains(bert.toLowerCase(Locale.ROOT));
		});
		Document suppression = this.mongo.findById(subject, Document.class, "suppressions");
		assertThat(suppression.getString("reason")).isEqualTo("ERASURE");
		assertThat(this.directory.isSuppressed(paula)).isTrue();
		// The send report counts the same; the delivery keeps its state, not the address.
		assertThat(progress(first).path("sent").asLong()).isEqualTo(reportBefore.path("sent").asLong());
		assertThat(progress(first).path("failed").asLong()).isEqualTo(reportBefore.path("failed").asLong());
		Document erasedDelivery = this.mongo.findById(first + ":" + paulaId, Document.class, "deliveries");
		assertThat(erasedDelivery.getString("state")).isEqualTo("SENT");
		assertThat(erasedDelivery).doesNotContainKey("email").doesNotContainKey("subjectKey");
		// The moved outbox entries went out; their emptied document goes with the
		// retention.
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.mongo.count(Query.query(Criteria.where("outbox.0").exists(true)),
					SubscriberStore.ERASED_OUTBOX) == 0);
		assertThat(this.erasureOutboxRetention.deletePublished()).isPositive();
		assertThat(this.mongo.count(new Query(), SubscriberStore.ERASED_OUTBOX)).isZero();
		assertThat(this.http.get("/api/privacy/requests/" + erasure + "/export", privacyToken(erasure, subject)).body())
			.doesNotContain(paula);

		// The address turns up again (an import, a restored backup): still never mailed.
		TestSubscribers.insert(this.database(), List
			.of(TestSubscribers.subscriber("imported-" + this.run, paula, "CONFIRMED", List.of("COMPANY"), List.of())));
		String second = sendInfobrief("Zweiter Infobrief " + this.run);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(mails(bert)).hasSize(3));
		assertThat(progress(second).path("recipients").asLong()).isEqualTo(1);
		assertThat(mails(paula)).hasSize(2);
		this.mongo.remove(Query.query(Criteria.where("_id").is("imported-" + this.run)), "subscribers");

		// A second erasure finds nothing and changes nothing.
		String everythingBefore = everything();
		String again = UUID.randomUUID().toString();
		request(again, "ERASURE", subject);
		JsonNode againAnswer = answer(again);
		assertThat(againAnswer.get("status").asString()).isEqualTo("NOTHING_FOUND");
		assertThat(againAnswer.get("records").get("subscribers").asInt()).isZero();
		assertThat(againAnswer.get("records").get("infobriefDeliveries").asInt()).isZero();
		assertThat(withoutPrivacyAnswers(everything())).isEqualTo(withoutPrivacyAnswers(everythingBefore));
		assertThat(KafkaTopics.recordsOf(this.broker.getBrokersAsString(), Topics.NEWSLETTER_V1, paulaId, 2))
			.hasSize(2);

		// The person's own new double opt-in, confirmed from the mailbox, lifts the
		// erasure
		// entry: the Infobrief may go to the address again.
		String renewed = subscribeAndConfirm(paula, null, List.of(), 3);
		assertThat(renewed).isNotEqualTo(paulaId);
		assertThat(this.directory.isSuppressed(paula)).isFalse();
		assertThat(this.directory.confirmed(renewed)).isPresent();
		assertThat(bertId).isNotNull();
	}

	@Test
	void shouldExportAndEraseTheAuthorOfInfobriefeAndKeepTheIssues() {
		String author = "Redaktion-" + this.run + "@Industriedialog.test";
		String token = TestTokens.token(author, List.of(CurrentUser.STAFF), null, TestTokens.SECRET);
		Map<String, Object> draft = Map.of("subject", "Entwurf " + this.run, "intro", "Hallo.", "segment",
				Map.of("audiences", List.of("UNION"), "states", List.of()));
		String issue = this.http.body(this.http.post("/api/infobriefe", token, draft)).path("id").asString();
		String subject = this.subjectKeys.of(author);

		String access = UUID.randomUUID().toString();
		request(access, "ACCESS", subject);
		assertThat(answer(access).get("records").get("infobriefAuthorship").asInt()).isEqualTo(1);
		JsonNode authored = this.http
			.body(this.http.get("/api/privacy/requests/" + access + "/export", privacyToken(access, subject)))
			.at("/data/infobriefAuthorship");
		assertThat(authored.get("title").asString()).isEqualTo("Von Ihnen angelegte Infobriefe");
		assertThat(authored.at("/records/0/subject").asString()).isEqualTo("Entwurf " + this.run);
		assertThat(authored.at("/records/0/author").asString()).isEqualTo(author);

		String erasure = UUID.randomUUID().toString();
		request(erasure, "ERASURE", subject);
		JsonNode erased = answer(erasure);
		assertThat(erased.get("status").asString()).isEqualTo("DONE");
		assertThat(erased.get("records").get("infobriefAuthorship").asInt()).isEqualTo(1);
		JsonNode kept = this.http.body(this.http.get("/api/infobriefe/" + issue, TestTokens.staff()));
		assertThat(kept.path("subject").asString()).isEqualTo("Entwurf " + this.run);
		assertThat(everything()).doesNotContain(author.toLowerCase(Locale.ROOT));
		assertThat(this.http.get("/api/infobriefe/" + issue, TestTokens.staff()).body()).doesNotContain(author);
	}

	@Test
	void shouldKeySubscribersAndDeliveriesStoredBeforeSubjectKeysOnceAtStartup() {
		String legacy = "legacy-" + this.run;
		String address = " Lea-" + this.run + "@Example.org";
		this.mongo.insert(new Document("_id", legacy).append("email", address)
			.append("emailKey", address.strip().toLowerCase(Locale.ROOT))
			.append("name", "Lea")
			.append("status", "UNSUBSCRIBED")
			.append("version", 3L)
			.append("outbox", List.of()), "subscribers");
		this.mongo.insert(new Document("_id", "issue-" + this.run + ":" + legacy).append("issueId", "issue-" + this.run)
			.append("subscriberId", legacy)
			.append("email", address)
			.append("state", "SENT"), "deliveries");
		this.mongo.insert(new Document("_id", "issue-" + this.run + ":dropped").append("issueId", "issue-" + this.run)
			.append("subscriberId", "dropped")
			.append("state", "SENT"), "deliveries");

		this.mongo.insert(new Document("_id", "issue-" + this.run).append("subject", "Alt")
			.append("status", "SENT")
			.append("createdBy", address)
			.append("version", 1L), "infobriefe");

		this.backfill.run(null);

		String key = this.subjectKeys.of("lea-" + this.run + "@example.org");
		assertThat(this.mongo.findById(legacy, Document.class, "subscribers").getString("subjectKey")).isEqualTo(key);
		assertThat(this.mongo.findById("issue-" + this.run + ":" + legacy, Document.class, "deliveries")
			.getString("subjectKey")).isEqualTo(key);
		assertThat(this.mongo.findById("issue-" + this.run + ":dropped", Document.class, "deliveries"))
			.doesNotContainKey("subjectKey");
		assertThat(
				this.mongo.findById("issue-" + this.run, Document.class, "infobriefe").getString("createdBySubjectKey"))
			.isEqualTo(key);
		assertThat(this.subscriberStore.countOfSubject(key)).isEqualTo(1);
		// Idempotent: a second run, or another replica's, finds nothing left.
		assertThat(this.subscriberStore.backfillSubjectKeys()).isZero();
		this.mongo.remove(Query.query(Criteria.where("_id").is(legacy)), "subscribers");
		this.mongo.remove(Query.query(Criteria.where("_id").is("issue-" + this.run)), "infobriefe");
	}

	private com.mongodb.client.MongoDatabase database() {
		return this.mongo.getDb();
	}

	private String subscribeAndConfirm(String email, String name, List<String> states) {
		return subscribeAndConfirm(email, name, states, 1);
	}

	/**
	 * @param mails the number of mails the address has then, the new one included
	 */
	private String subscribeAndConfirm(String email, String name, List<String> states, int mails) {
		Map<String, Object> form = new LinkedHashMap<>();
		form.put("email", email);
		form.put("name", name);
		form.put("audiences", List.of("COMPANY"));
		form.put("states", states);
		form.put("consentTextVersion", this.consentText.version());
		HttpResponse<String> subscribed = this.http.post("/api/newsletter/subscriptions", null, form);
		assertThat(subscribed.statusCode()).as(subscribed.body()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(mails(email)).hasSize(mails));
		String text = this.json.readTree(mailApi("/api/messages/" + mails(email).get(0).get("id").asString()))
			.get("text")
			.asString();
		Matcher link = CONFIRMATION_LINK.matcher(text);
		assertThat(link.find()).as(text).isTrue();
		HttpResponse<String> confirmed = this.http.post("/api/newsletter/subscriptions/confirm", null,
				Map.of("token", link.group(1)));
		assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
		String id = this.mongo
			.findOne(Query.query(Criteria.where("emailKey").is(email.toLowerCase(Locale.ROOT))), Document.class,
					"subscribers")
			.getString("_id");
		KafkaTopics.recordsOf(this.broker.getBrokersAsString(), Topics.NEWSLETTER_V1, id, 1);
		return id;
	}

	private String sendInfobrief(String subject) {
		Map<String, Object> draft = Map.of("subject", subject, "intro", "Hallo.", "segment",
				Map.of("audiences", List.of("COMPANY"), "states", List.of()));
		String id = this.http.body(this.http.post("/api/infobriefe", TestTokens.staff(), draft)).path("id").asString();
		HttpResponse<String> send = this.http.post("/api/infobriefe/" + id + "/send", TestTokens.staff());
		assertThat(send.statusCode()).as(send.body()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(progress(id).path("status").asString()));
		return id;
	}

	private JsonNode progress(String issueId) {
		return this.http.body(this.http.get("/api/infobriefe/" + issueId + "/progress", TestTokens.staff()));
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

	/** The answer of newsletter-service to the request on the topic. */
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
		for (String collection : new java.util.TreeSet<>(
				this.mongo.getDb().listCollectionNames().into(new ArrayList<>()))) {
			List<String> documents = new ArrayList<>();
			for (Document document : this.mongo.getDb().getCollection(collection).find()) {
				documents.add(document.toJson());
			}
			java.util.Collections.sort(documents);
			documents.forEach((document) -> all.append(collection).append(": ").append(document).append('\n'));
		}
		return all.toString().toLowerCase(Locale.ROOT);
	}

	/** The answers (one more for each request) and the lock of the scheduler move on. */
	private static String withoutPrivacyAnswers(String everything) {
		return everything.lines()
			.filter((line) -> !line.startsWith("privacy_answers: ") && !line.startsWith("shedlock: "))
			.reduce("", (a, b) -> a + b + "\n");
	}

	private List<JsonNode> mails(String to) {
		List<JsonNode> list = new ArrayList<>();
		this.json.readTree(mailApi("/api/messages?to=" + URLEncoder.encode(to, StandardCharsets.UTF_8)))
			.forEach(list::add);
		return list;
	}

	private String mailApi(String path) {
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + mail.httpPort() + path)), null);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.body();
	}

	private String address(String who) {
		return who + "-" + this.run + "@example.org";
	}

	private String name(String who) {
		return "Privat " + who + " " + this.run;
	}

	private static MailCatcher startMailCatcher() {
		try {
			return MailCatcher.start(Files.createTempDirectory("newsletter-privacy-mail"), 0, 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
