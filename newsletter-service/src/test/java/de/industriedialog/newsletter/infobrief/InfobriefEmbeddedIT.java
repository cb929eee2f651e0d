package de.industriedialog.newsletter.infobrief;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.industriedialog.contracts.Topics;
import de.industriedialog.localstack.LocalMongoServer;
import de.industriedialog.newsletter.delivery.TestSmtpServer;
import de.industriedialog.newsletter.delivery.TestSmtpServer.Received;
import de.industriedialog.newsletter.delivery.TestSubscribers;
import de.industriedialog.newsletter.subscriber.SubscriberTokens;
import de.industriedialog.platform.testing.KafkaTopics;
import de.industriedialog.platform.testing.ServiceClient;
import de.industriedialog.platform.testing.TestTokens;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Infobrief drafts, preview, test send and the send to a segment, over HTTP with real
 * JWTs, against an in-JVM Kafka broker, the Mongo-compatible server over TCP and a real
 * SMTP server.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "industriedialog.security.jwt-secret=" + TestTokens.SECRET,
				"industriedialog.public-url=https://industriedialog.example",
				"industriedialog.newsletter.delivery.rate-per-second=0",
				"industriedialog.newsletter.delivery.retry-backoff=200ms",
				"industriedialog.newsletter.delivery.lease=2s" })
@EmbeddedKafka(partitions = 3, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class InfobriefEmbeddedIT {

	static final LocalMongoServer mongo = LocalMongoServer.inMemory();

	static final TestSmtpServer smtp = TestSmtpServer.start();

	static final String STAFF_EMAIL = "staff@industriedialog.test";

	@Autowired
	de.industriedialog.platform.privacy.SubjectKeys subjectKeys;

	@Autowired
	Environment environment;

	@Autowired
	EmbeddedKafkaBroker broker;

	@Autowired
	SubscriberTokens tokens;

	final JsonMapper json = JsonMapper.builder().build();

	final ServiceClient client = new ServiceClient(
			() -> "http://localhost:" + this.environment.getProperty("local.server.port"), this.json);

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> mongo.connectionString() + "/newsletter_service");
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", smtp::port);
	}

	@AfterAll
	static void stop() {
		smtp.close();
		mongo.close();
	}

	@Test
	void shouldRefuseAnonymousAndNonStaffCallers() {
		assertThat(this.client.get("/api/infobriefe").statusCode()).isEqualTo(401);
		assertThat(this.client.post("/api/infobriefe", null, draft("Hallo", List.of(), List.of())).statusCode())
			.isEqualTo(401);
		HttpResponse<String> initiative = this.client.get("/api/infobriefe", TestTokens.initiative("ini-1"));
		assertThat(initiative.statusCode()).isEqualTo(403);
		assertThat(this.client.problem(initiative).path("detail").asString()).contains("Geschäftsstelle");
		assertThat(this.client
			.post("/api/infobriefe", TestTokens.initiative("ini-1"), draft("Hallo", List.of(), List.of()))
			.statusCode()).isEqualTo(403);
	}

	@Test
	void shouldExplainEveryInvalidFieldInGerman() {
		Map<String, Object> invalid = Map.of("subject", " ", "intro", "", "sections",
				List.of(Map.of("heading", "", "text", "x".repeat(5001), "link", "javascript:alert(1)"),
						Map.of("heading", "h".repeat(201), "text", "ok", "link", "ftp://example.org/x")),
				"segment", Map.of("audiences", List.of("ALIENS"), "states", List.of("DE-XX")));
		HttpResponse<String> response = this.client.post("/api/infobriefe", TestTokens.staff(), invalid);
		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode problem = this.client.problem(response);
		assertThat(problem.path("detail").asString()).startsWith("Bitte prüfe");
		assertThat(problem.path("errors").findValuesAsString("field")).contains("subject", "sections[0].heading",
				"sections[0].text", "sections[0].link", "sections[1].heading", "sections[1].link", "segment.audiences",
				"segment.states");
		assertThat(problem.path("errors").findValuesAsString("message")).contains("Bitte gib einen Betreff ein.",
				"Bitte gib dem Abschnitt eine Überschrift.");

		HttpResponse<String> empty = this.client.post("/api/infobriefe", TestTokens.staff(),
				Map.of("subject", "Nur ein Betreff", "sections", List.of()));
		assertThat(empty.statusCode()).isEqualTo(400);
		assertThat(this.client.problem(empty).path("errors").findValuesAsString("message"))
			.contains("Der Infobrief braucht eine Einleitung oder mindestens einen Abschnitt.");
	}

	@Test
	void shouldKeepDraftsEditableUntilSentAndRefuseEmptySegments() {
		String id = create(draft("Entwurf", List.of("UNION"), List.of("DE-HB")));
		JsonNode read = this.client.body(this.client.get("/api/infobriefe/" + id, TestTokens.staff()));
		assertThat(read.path("status").asString()).isEqualTo("DRAFT");
		assertThat(read.path("createdBy").asString()).isEqualTo(STAFF_EMAIL);

		HttpResponse<String> updated = this.client.put("/api/infobriefe/" + id, TestTokens.staff(),
				draft("Entwurf, geändert", List.of("UNION"), List.of("DE-HB")));
		assertThat(this.client.body(updated).path("subject").asString()).isEqualTo("Entwurf, geändert");
		assertThat(this.client.body(updated).path("version").asLong()).isEqualTo(2);

		HttpResponse<String> nobody = this.client.post("/api/infobriefe/" + id + "/send", TestTokens.staff());
		assertThat(nobody.statusCode()).isEqualTo(400);
		assertThat(this.client.problem(nobody).path("detail").asString()).contains("niemanden");

		assertThat(this.client.delete("/api/infobriefe/" + id, TestTokens.staff()).statusCode()).isEqualTo(204);
		assertThat(this.client.get("/api/infobriefe/" + id, TestTokens.staff()).statusCode()).isEqualTo(404);
	}

	@Test
	void shouldPreviewEscapedWithStandInLinksAndTestSendToTheCaller() throws Exception {
		Map<String, Object> body = Map.of("subject", "Vorschau <b>fett</b>", "intro",
				"Erster Absatz <script>alert(1)</script>\nzweite Zeile\n\nZweiter Absatz %%PERSONAL_TOKEN%%",
				"sections",
				List.of(Map.of("heading", "Neu: <i>Initiative</i>", "text", "Text & mehr", "link",
						"https://industriedialog.example/steckbrief?id=1&x=2", "linkLabel", "Zum Steckbrief")),
				"segment", Map.of("audiences", List.of(), "states", List.of()));
		String id = create(body);
		JsonNode preview = this.client.body(this.client.get("/api/infobriefe/" + id + "/preview", TestTokens.staff()));
		String html = preview.path("html").asString();
		assertThat(preview.path("subject").asString()).isEqualTo("Vorschau <b>fett</b>");
		assertThat(html).contains("Erster Absatz &lt;script&gt;alert(1)&lt;/script&gt;")
			.doesNotContain("<script>")
			.contains("Neu: &lt;i&gt;Initiative&lt;/i&gt;")
			.contains("Text &amp; mehr")
			.contains("href=\"https://industriedialog.example/steckbrief?id=1&amp;x=2\"")
			.contains("https://industriedialog.example/newsletter-einstellungen.html?token=vorschau")
			.contains("https://industriedialog.example/newsletter-abmelden.html?token=vorschau")
			.contains("Einstellungen ändern")
			.contains("Abmelden")
			.contains("Du erhältst den Infobrief, weil du ihn unter https://industriedialog.example abonniert hast.")
			.contains("max-width:600px")
			.doesNotContain("%%PERSONAL_TOKEN%%");
		assertThat(html.split("<p ", -1).length).as("paragraphs kept").isGreaterThan(3);
		String text = preview.path("text").asString();
		assertThat(text).contains("Erster Absatz <script>alert(1)</script>\nzweite Zeile")
			.contains("\n\nZweiter Absatz")
			.contains("Zum Steckbrief: https://industriedialog.example/steckbrief?id=1&x=2")
			.contains("Abmelden: https://industriedialog.example/newsletter-abmelden.html?token=vorschau")
			.doesNotContain("%%PERSONAL_TOKEN%%");

		HttpResponse<String> test = this.client.post("/api/infobriefe/" + id + "/test-send", TestTokens.staff());
		assertThat(test.statusCode()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(10)).until(() -> !smtp.to(STAFF_EMAIL).isEmpty());
		MimeMessage mail = smtp.to(STAFF_EMAIL).get(0).message();
		assertThat(mail.getSubject()).isEqualTo("[Test] Vorschau <b>fett</b>");
		assertThat(mail.getHeader("List-Unsubscribe", null))
			.startsWith("<https://industriedialog.example/api/newsletter/unsubscribe/");
		assertThat(mail.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
		assertThat(mail.getContentType()).startsWith("multipart/alternative");
		// Still a draft: nothing was recorded as sent.
		assertThat(this.client.body(this.client.get("/api/infobriefe/" + id, TestTokens.staff()))
			.path("status")
			.asString()).isEqualTo("DRAFT");
	}

	@Test
	void shouldSendOnceToEveryConfirmedSubscriberOfTheSegment() throws Exception {
		String run = UUID.randomUUID().toString().substring(0, 8);
		try (MongoClient mongoClient = MongoClients.create(mongo.connectionString())) {
			MongoDatabase database = mongoClient.getDatabase("newsletter_service");
			TestSubscribers.insert(database,
					List.of(TestSubscribers.subscriber(run + "-in-bw", run + "-in-bw@example.org", "CONFIRMED",
							List.of("COMPANY"), List.of("DE-BW")),
							TestSubscribers.subscriber(run + "-in-all", run + "-in-all@example.org", "CONFIRMED",
									List.of("COMPANY", "PUBLIC"), List.of()),
							TestSubscribers.subscriber(run + "-out-state", run + "-out-state@example.org", "CONFIRMED",
									List.of("COMPANY"), List.of("DE-BY")),
							TestSubscribers.subscriber(run + "-out-audience", run + "-out-audience@example.org",
									"CONFIRMED", List.of("UNION"), List.of("DE-BW")),
							TestSubscribers.subscriber(run + "-pending", run + "-pending@example.org", "PENDING",
									List.of("COMPANY"), List.of("DE-BW")),
							TestSubscribers.subscriber(run + "-gone", run + "-gone@example.org", "UNSUBSCRIBED",
									List.of("COMPANY"), List.of("DE-BW")),
							TestSubscribers.subscriber(run + "-suppressed", run + "-suppressed@example.org",
									"CONFIRMED", List.of("COMPANY"), List.of("DE-BW"))));
			TestSubscribers.suppress(database, this.subjectKeys, run + "-suppressed@example.org", "COMPLAINT");
		}
		String subject = "Infobrief " + run;
		String id = create(draft(subject, List.of("COMPANY"), List.of("DE-BW")));

		HttpResponse<String> send = this.client.post("/api/infobriefe/" + id + "/send", TestTokens.staff());
		assertThat(send.statusCode()).isEqualTo(202);
		assertThat(this.client.body(send).path("status").asString()).isEqualTo("SENDING");
		assertThat(this.client.body(send).path("recipients").asLong()).isEqualTo(2);
		HttpResponse<String> again = this.client.post("/api/infobriefe/" + id + "/send", TestTokens.staff());
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(this.client.problem(again).path("detail").asString()).contains("bereits versendet");

		await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(progress(id).path("status").asString()));
		JsonNode progress = progress(id);
		assertThat(progress.path("recipients").asLong()).isEqualTo(2);
		assertThat(progress.path("sent").asLong()).isEqualTo(2);
		assertThat(progress.path("failed").asLong()).isZero();
		assertThat(progress.path("pending").asLong()).isZero();
		assertThat(progress.path("finishedAt").isNull()).isFalse();

		for (String in : List.of(run + "-in-bw", run + "-in-all")) {
			List<Received> mails = smtp.to(in + "@example.org");
			assertThat(mails).as(in).hasSize(1);
			MimeMessage mail = mails.get(0).message();
			assertThat(mail.getSubject()).isEqualTo(subject);
			assertThat(mail.getContentType()).startsWith("multipart/alternative");
			assertThat(mail.getMessageID()).isEqualTo("<" + id + "." + in + "@industriedialog.de>");
			assertThat(mail.getHeader("List-Id", null))
				.isEqualTo("Infobrief Industriedialog <infobrief.industriedialog.de>");
			assertThat(mail.getHeader("Precedence", null)).isEqualTo("bulk");
			assertThat(mail.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
			String listUnsubscribe = mail.getHeader("List-Unsubscribe", null);
			String prefix = "<https://industriedialog.example/api/newsletter/unsubscribe/";
			assertThat(listUnsubscribe).startsWith(prefix).endsWith(">");
			String token = listUnsubscribe.substring(prefix.length(), listUnsubscribe.length() - 1);
			assertThat(this.tokens.subscriberId(token)).contains(in);
			assertThat(bodies(mail)).contains("newsletter-abmelden.html?token=" + token)
				.contains("newsletter-einstellungen.html?token=" + token);
		}
		for (String out : List.of("-out-state", "-out-audience", "-pending", "-gone", "-suppressed")) {
			assertThat(smtp.to(run + out + "@example.org")).as(out).isEmpty();
		}

		JsonNode history = this.client.body(this.client.get("/api/infobriefe", TestTokens.staff()));
		JsonNode item = null;
		for (JsonNode entry : history) {
			if (id.equals(entry.path("id").asString())) {
				item = entry;
			}
		}
		assertThat(item).isNotNull();
		assertThat(item.path("status").asString()).isEqualTo("SENT");
		assertThat(item.path("counts").path("sent").asLong()).isEqualTo(2);
		assertThat(item.path("counts").path("recipients").asLong()).isEqualTo(2);

		List<ConsumerRecord<String, String>> events = KafkaTopics.recordsOf(this.broker.getBrokersAsString(),
				Topics.NEWSLETTER_V1, id, 1);
		assertThat(KafkaTopics.header(events.get(0), "ce_type")).endsWith("InfobriefSent");
		JsonNode payload = this.json.readTree(events.get(0).value());
		assertThat(payload.path("recipients").asLong()).isEqualTo(2);
		assertThat(payload.path("delivered").asLong()).isEqualTo(2);
		assertThat(payload.path("failed").asLong()).isZero();
		assertThat(payload.path("subject").asString()).isEqualTo(subject);
		assertThat(payload.toString()).doesNotContain("@example.org");

		assertThat(this.client.post("/api/infobriefe/" + id + "/send", TestTokens.staff()).statusCode()).isEqualTo(409);
		assertThat(this.client.put("/api/infobriefe/" + id, TestTokens.staff(), draft("x", List.of(), List.of()))
			.statusCode()).isEqualTo(409);
		assertThat(this.client.delete("/api/infobriefe/" + id, TestTokens.staff()).statusCode()).isEqualTo(409);
	}

	/** Text and HTML part, decoded. */
	static String bodies(MimeMessage mail) throws Exception {
		jakarta.mail.Multipart parts = (jakarta.mail.Multipart) mail.getContent();
		StringBuilder bodies = new StringBuilder();
		for (int i = 0; i < parts.getCount(); i++) {
			bodies.append(parts.getBodyPart(i).getContent()).append('\n');
		}
		return bodies.toString();
	}

	private JsonNode progress(String id) {
		return this.client.body(this.client.get("/api/infobriefe/" + id + "/progress", TestTokens.staff()));
	}

	private String create(Object draft) {
		HttpResponse<String> created = this.client.post("/api/infobriefe", TestTokens.staff(), draft);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return this.client.body(created).path("id").asString();
	}

	static Map<String, Object> draft(String subject, List<String> audiences, List<String> states) {
		return Map.of("subject", subject, "intro", "Liebe Leserinnen und Leser,\n\nhier das Neueste.", "sections",
				List.of(Map.of("heading", "Neue Initiative", "text", "Eine neue Initiative stellt sich vor.", "link",
						"https://industriedialog.example/initiative.html?id=1", "linkLabel", "Zum Steckbrief")),
				"segment", Map.of("audiences", audiences, "states", states));
	}

}
