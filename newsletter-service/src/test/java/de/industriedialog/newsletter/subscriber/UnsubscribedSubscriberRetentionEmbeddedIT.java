package de.industriedialog.newsletter.subscriber;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import de.industriedialog.contracts.Topics;
import de.industriedialog.localstack.LocalMongoServer;
import de.industriedialog.localstack.MailCatcher;
import de.industriedialog.newsletter.NewsletterProperties;
import de.industriedialog.platform.mail.MailQueue;
import de.industriedialog.platform.testing.KafkaTopics;
import de.industriedialog.platform.testing.MovableClock;
import de.industriedialog.platform.testing.ServiceClient;
import de.industriedialog.platform.testing.TestTokens;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
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
 * The retention of ended subscriptions against the store over TCP, an in-JVM broker and
 * the mail catcher's SMTP server, with people subscribing, confirming, unsubscribing and
 * bouncing as they do and the service's clock moved forward: a subscriber who
 * unsubscribed or bounced longer than the period ago is gone with address, name and
 * consent history, one who unsubscribed recently and a confirmed one stay; a former
 * subscriber who asked again and never confirmed goes by the rule for unconfirmed
 * subscriptions once the period of the earlier unsubscription is over too. The
 * suppression entries stay (and still work), nothing is published on Kafka, no gone
 * address is left anywhere in the service's database, and a second run changes nothing.
 */
@EmbeddedKafka(partitions = 3, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "industriedialog.security.jwt-secret=" + TestTokens.SECRET,
				"industriedialog.newsletter.token-secret=newsletter-test-secret-of-32-bytes-at-least",
				"industriedialog.public-url=" + UnsubscribedSubscriberRetentionEmbeddedIT.PUBLIC_URL,
				// Run directly below, not at 03:30.
				"industriedialog.newsletter.retention.cron=-" })
@Import(MovableClock.Setup.class)
class UnsubscribedSubscriberRetentionEmbeddedIT {

	static final String PUBLIC_URL = "https://industriedialog.test";

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
	MovableClock clock;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	SubscriberStore subscribers;

	@Autowired
	SubscriberDirectory directory;

	@Autowired
	SubscriberTokens tokens;

	@Autowired
	ConsentText consentText;

	@Autowired
	MailQueue mailQueue;

	@Autowired
	NewsletterProperties properties;

	@Autowired
	UnsubscribedSubscriberRetention retention;

	@Autowired
	UnconfirmedSubscriptionRetention unconfirmed;

	@Autowired
	EmbeddedKafkaBroker broker;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry properties) {
		properties.add("spring.mongodb.uri", () -> store.connectionString() + "/newsletter_service");
		properties.add("spring.mail.host", () -> "127.0.0.1");
		properties.add("spring.mail.port", mail::smtpPort);
	}

	@AfterAll
	static void stop() {
		mail.close();
		store.close();
	}

	@Test
	void shouldDeleteEndedSubscribersAfterThePeriodAndKeepTheirSuppression() {
		assertThat(this.properties.retention().unsubscribed()).isEqualTo(Duration.ofDays(30));

		// day 0: one unsubscribes with one click, one bounces, one unsubscribes and asks
		// again without confirming, one stays
		String unsubscribed = address("Alt.Abgemeldet");
		String unsubscribedId = subscribeAndConfirm(unsubscribed, "Anna Alt");
		assertThat(oneClick(unsubscribed, unsubscribedId).statusCode()).isEqualTo(200);
		String bounced = address("Unzustellbar");
		String bouncedId = subscribeAndConfirm(bounced, "Bernd Bounce");
		this.directory.recordBounce(bounced, "550 5.1.1 user unknown");
		String former = address("Wieder.Angefragt");
		String formerId = subscribeAndConfirm(former, "Frida Früher");
		assertThat(oneClick(former, formerId).statusCode()).isEqualTo(200);
		assertThat(subscribe(former, "Frida Früher").statusCode()).isEqualTo(202);
		newestMail(former, 2);
		assertThat(this.subscribers.find(formerId).orElseThrow().status()).isEqualTo(SubscriberStatus.PENDING);
		String staying = address("Dabei");
		String stayingId = subscribeAndConfirm(staying, "Dora Dabei");
		events(unsubscribedId, 2);
		events(bouncedId, 2);
		events(formerId, 2);

		// day 21: one more unsubscribes
		this.clock.advance(Duration.ofDays(21));
		String recent = address("Neulich.Abgemeldet");
		String recentId = subscribeAndConfirm(recent, "Nora Neulich");
		assertThat(oneClick(recent, recentId).statusCode()).isEqualTo(200);
		events(recentId, 2);

		// day 31: the first ended 31 days ago, the recent one 10 days ago; the former
		// subscriber's link expired 29 days ago and its unsubscription is 31 days old
		this.clock.advance(Duration.ofDays(10));
		awaitOutboxesPublished();
		List<String> before = topic();
		this.retention.run();
		this.unconfirmed.run();

		assertThat(this.subscribers.find(unsubscribedId)).isEmpty();
		assertThat(this.subscribers.find(bouncedId)).isEmpty();
		assertThat(this.subscribers.find(formerId)).isEmpty();
		assertThat(this.subscribers.find(recentId).orElseThrow().status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
		assertThat(this.subscribers.find(recentId).orElseThrow().consents()).isNotEmpty();
		assertThat(this.subscribers.find(stayingId).orElseThrow().status()).isEqualTo(SubscriberStatus.CONFIRMED);
		List<String> kept = ids();

		// the suppression list keeps every ended address (by its subject key only)
		assertThat(this.directory.isSuppressed(unsubscribed)).isTrue();
		assertThat(this.directory.isSuppressed(bounced)).isTrue();
		assertThat(this.directory.isSuppressed(former)).isTrue();
		assertThat(this.directory.isSuppressed(recent)).isTrue();
		assertThat(this.directory.isSuppressed(staying)).isFalse();
		assertThat(this.directory.recipients(Segment.everyone())).extracting(Recipient::subscriberId)
			.contains(stayingId)
			.doesNotContain(unsubscribedId, bouncedId, formerId, recentId);

		// nothing published: the KPIs counted each end when it happened
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(topic()).isEqualTo(before));

		// no gone address left anywhere (the sent confirmation mails leave the mail
		// queue by its own retention, run here as its hourly sweep would); the kept
		// ones are found by the same scan
		this.mailQueue.deleteFinishedBefore(this.clock.instant()
			.minus(this.environment.getProperty("industriedialog.mail.queue.retention", Duration.class,
					Duration.ofDays(7))));
		String database = everything();
		for (String gone : List.of(unsubscribed, bounced, former)) {
			assertThat(database).doesNotContainIgnoringCase(gone).doesNotContainIgnoringCase(localPart(gone));
		}
		assertThat(database).doesNotContain("Anna Alt", "Bernd Bounce", "Frida Früher");
		assertThat(database).containsIgnoringCase(recent).containsIgnoringCase(staying);

		// again (the next day's run, or a second replica): nothing more goes
		assertThat(this.retention.deleteEnded(this.clock.instant())).isZero();
		assertThat(this.unconfirmed.deleteExpired(this.clock.instant())).isZero();
		assertThat(ids()).isEqualTo(kept);

		// the personal link of a deleted subscriber is unknown now; the address can
		// subscribe anew, and stays suppressed until the new double opt-in is confirmed
		assertThat(
				this.http.get("/api/newsletter/preferences/" + this.tokens.personalToken(unsubscribedId)).statusCode())
			.isEqualTo(404);
		assertThat(subscribe(unsubscribed, null).statusCode()).isEqualTo(202);
		assertThat(this.directory.isSuppressed(unsubscribed)).isTrue();
		String token = confirmationToken(newestMail(unsubscribed, 2).get("text").asString());
		assertThat(this.http.body(confirm(token)).get("status").asString()).isEqualTo("CONFIRMED");
		assertThat(this.directory.isSuppressed(unsubscribed)).isFalse();
		assertThat(this.subscribers.findByEmailKey(Subscriber.emailKey(unsubscribed)).orElseThrow().id())
			.isNotEqualTo(unsubscribedId);
	}

	// helpers

	private String address(String who) {
		return who + "-" + this.run + "@Example.org";
	}

	private static String localPart(String address) {
		return address.substring(0, address.indexOf('@'));
	}

	private HttpResponse<String> subscribe(String email, String name) {
		Map<String, Object> form = new LinkedHashMap<>();
		form.put("email", email);
		form.put("name", name);
		form.put("audiences", List.of("COMPANY"));
		form.put("states", List.of("DE-NW"));
		form.put("consentTextVersion", this.consentText.version());
		return this.http.post("/api/newsletter/subscriptions", null, form);
	}

	private HttpResponse<String> confirm(String token) {
		return this.http.post("/api/newsletter/subscriptions/confirm", null, Map.of("token", token));
	}

	private String subscribeAndConfirm(String email, String name) {
		assertThat(subscribe(email, name).statusCode()).isEqualTo(202);
		String token = confirmationToken(newestMail(email, 1).get("text").asString());
		assertThat(this.http.body(confirm(token)).get("status").asString()).isEqualTo("CONFIRMED");
		String id = this.subscribers.findByEmailKey(Subscriber.emailKey(email)).orElseThrow().id();
		events(id, 1);
		return id;
	}

	/** The one-click unsubscribe of the link in every Infobrief (RFC 8058). */
	private HttpResponse<String> oneClick(String email, String subscriberId) {
		assertThat(this.subscribers.find(subscriberId).orElseThrow().email()).isEqualTo(email);
		return this.http.send(HttpRequest
			.newBuilder(this.http.uri("/api/newsletter/unsubscribe/" + this.tokens.personalToken(subscriberId)))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")), null);
	}

	/** Waits until the relay has published every event and emptied the outboxes. */
	private void awaitOutboxesPublished() {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.mongo.count(Query.query(Criteria.where("outbox.0").exists(true)),
					Subscriber.COLLECTION) == 0);
	}

	private List<String> ids() {
		return this.mongo.findAll(Subscriber.class).stream().map(Subscriber::id).sorted().toList();
	}

	/** The ids of all records on the newsletter topic. */
	private List<String> topic() {
		return KafkaTopics.readTopic(this.broker.getBrokersAsString(), Topics.NEWSLETTER_V1)
			.stream()
			.map((record) -> record.topic() + "-" + record.partition() + "-" + record.offset())
			.sorted()
			.toList();
	}

	private void events(String subscriberId, int expected) {
		KafkaTopics.recordsOf(this.broker.getBrokersAsString(), Topics.NEWSLETTER_V1, subscriberId, expected);
	}

	/** Every document of every collection of the service's database, as JSON. */
	private String everything() {
		StringBuilder all = new StringBuilder();
		for (String collection : this.mongo.getCollectionNames()) {
			for (Document document : this.mongo.getCollection(collection).find()) {
				all.append(collection).append(' ').append(document.toJson()).append('\n');
			}
		}
		return all.toString();
	}

	private static String confirmationToken(String text) {
		Matcher link = CONFIRMATION_LINK.matcher(text);
		assertThat(link.find()).as(text).isTrue();
		return link.group(1);
	}

	/** Waits until exactly {@code count} mails went to the address; the newest. */
	private JsonNode newestMail(String to, int count) {
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> assertThat(mails(to)).hasSizeGreaterThanOrEqualTo(count));
		List<JsonNode> all = mails(to);
		assertThat(all).as("mails to " + to).hasSize(count);
		return this.json.readTree(mailApi("/api/messages/" + all.get(0).get("id").asString()));
	}

	private List<JsonNode> mails(String to) {
		List<JsonNode> list = new ArrayList<>();
		this.json.readTree(mailApi("/api/messages?to=" + URLEncoder.encode(to, StandardCharsets.UTF_8)))
			.forEach(list::add);
		return list;
	}

	private String mailApi(String path) {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(mailUri(path)), null);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.body();
	}

	private static URI mailUri(String path) {
		return URI.create("http://127.0.0.1:" + mail.httpPort() + path);
	}

	private static MailCatcher startMailCatcher() {
		try {
			return MailCatcher.start(Files.createTempDirectory("newsletter-retention-mail"), 0, 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
