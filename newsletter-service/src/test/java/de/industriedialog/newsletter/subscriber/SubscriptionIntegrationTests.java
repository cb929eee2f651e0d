package de.industriedialog.newsletter.subscriber;

import java.io.ByteArrayInputStream;
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
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import de.industriedialog.platform.testing.MovableClock;
import de.industriedialog.contracts.CloudEventHeaders;
import de.industriedialog.contracts.Topics;
import de.industriedialog.localstack.MailCatcher;
import de.industriedialog.platform.testing.KafkaTopics;
import de.industriedialog.platform.testing.ServiceClient;
import de.industriedialog.platform.testing.TestTokens;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The double opt-in end to end: requests over HTTP, the confirmation mail through SMTP
 * into the project's mail catcher (read back and parsed with Jakarta Mail), the link in
 * it followed, the events read from Kafka with the plain client. Subclasses choose Kafka
 * and MongoDB.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "industriedialog.security.jwt-secret=" + TestTokens.SECRET,
				"industriedialog.newsletter.token-secret=newsletter-test-secret-of-32-bytes-at-least",
				"industriedialog.public-url=" + SubscriptionIntegrationTests.PUBLIC_URL,
				"industriedialog.newsletter.imprint=" + SubscriptionIntegrationTests.IMPRINT })
@Import(MovableClock.Setup.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DirtiesContext
abstract class SubscriptionIntegrationTests {

	static final String PUBLIC_URL = "https://industriedialog.test";

	static final String IMPRINT = "Geschäftsstelle Industriedialog · Teststraße 1 · 10115 Berlin";

	static final MailCatcher mail = startMailCatcher();

	private static final Pattern CONFIRMATION_LINK = Pattern
		.compile(Pattern.quote(PUBLIC_URL) + "/newsletter-bestaetigen\\.html\\?token=([A-Za-z0-9_-]+)");

	private final JsonMapper json = JsonMapper.builder().build();

	private final ServiceClient http = new ServiceClient(
			() -> "http://localhost:" + this.environment.getProperty("local.server.port"), this.json);

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	@Autowired
	de.industriedialog.platform.privacy.SubjectKeys subjectKeys;

	@Autowired
	Environment environment;

	@Autowired
	SubscriberDirectory directory;

	@Autowired
	SubscriberStore store;

	@Autowired
	SubscriberTokens tokens;

	@Autowired
	ConsentText consentText;

	@Autowired
	MovableClock clock;

	@Autowired
	MongoTemplate mongo;

	abstract String bootstrapServers();

	@DynamicPropertySource
	static void smtp(DynamicPropertyRegistry properties) {
		properties.add("spring.mail.host", () -> "127.0.0.1");
		properties.add("spring.mail.port", mail::smtpPort);
	}

	@AfterAll
	static void stopMailCatcher() {
		mail.close();
	}

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	@Test
	void shouldConfirmChangeUnsubscribeWithOneClickAndSubscribeAgain() throws Exception {
		String to = "Lena.Schmidt-" + this.run + "@Example.org";
		assertThat(subscribe(to, "Lena <Schmidt> & Co", List.of("COMPANY", "UNION"), List.of("DE-NW")).statusCode())
			.isEqualTo(202);

		// the mail: German, du-form, both alternatives, the link, its validity, the
		// imprint
		JsonNode confirmation = onlyMail(to);
		assertThat(confirmation.get("subject").asString()).isEqualTo(ConfirmationMail.SUBJECT);
		assertThat(confirmation.get("from").asString()).isEqualTo("Industriedialog <infobrief@industriedialog.de>");
		assertThat(header(confirmation, "Auto-Submitted")).isEqualTo("auto-generated");
		String text = confirmation.get("text").asString();
		assertThat(text).startsWith("Hallo Lena <Schmidt> & Co,")
			.contains("Bitte bestätige", "Der Link gilt 48 Stunden.",
					"Wenn du dich nicht angemeldet hast, ignoriere diese E-Mail — ohne Bestätigung schreiben wir dir "
							+ "nie wieder.",
					"Unternehmen, Gewerkschaft – Nordrhein-Westfalen", IMPRINT, "Du erhältst diese E-Mail, weil");
		String html = confirmation.get("html").asString();
		assertThat(html).contains("Hallo <span>Lena &lt;Schmidt&gt; &amp; Co</span>,")
			.doesNotContain("<Schmidt>")
			.contains("Der Link gilt 48 Stunden.", IMPRINT);
		MimeMessage raw = raw(confirmation);
		assertThat(raw.isMimeType("multipart/alternative")).isTrue();
		Multipart alternative = (Multipart) raw.getContent();
		assertThat(alternative.getBodyPart(0).isMimeType("text/plain")).isTrue();
		assertThat(alternative.getBodyPart(1).isMimeType("text/html")).isTrue();
		String token = confirmationToken(text);
		assertThat(html).contains("href=\"" + PUBLIC_URL + "/newsletter-bestaetigen.html?token=" + token + "\"");

		Subscriber pending = subscriberOf(to);
		assertThat(pending.status()).isEqualTo(SubscriberStatus.PENDING);
		assertThat(pending.email()).isEqualTo(to);
		assertThat(pending.confirmationTokenHash()).isEqualTo(ConfirmationTokens.sha256(token)).isNotEqualTo(token);
		String id = pending.id();
		assertThat(this.directory.recipients(Segment.everyone())).extracting(Recipient::subscriberId)
			.doesNotContain(id);

		// confirmed by the link's token
		JsonNode confirmed = this.http.body(confirm(token));
		assertThat(confirmed.get("status").asString()).isEqualTo("CONFIRMED");
		assertThat(confirmed.get("alreadyConfirmed").asBoolean()).isFalse();
		String personal = confirmed.get("preferencesToken").asString();
		assertThat(personal).isEqualTo(this.tokens.personalToken(id));
		assertThat(this.directory.recipients(Segment.everyone()))
			.contains(new Recipient(id, to, "Lena <Schmidt> & Co"));
		JsonNode event = payload(events(id, 1).get(0), "SubscriberConfirmed");
		assertThat(event.get("subscriberId").asString()).isEqualTo(id);
		assertThat(event.get("audiences")).extracting(JsonNode::asString).containsExactly("COMPANY", "UNION");
		assertThat(event.get("states")).extracting(JsonNode::asString).containsExactly("DE-NW");
		assertThat(event.get("source").asString()).isEqualTo("website");
		assertThat(event.get("consentTextVersion").asString()).isEqualTo(this.consentText.version());
		assertThat(event.get("version").asLong()).isEqualTo(2);

		// the link used again: nothing changes
		assertThat(this.http.body(confirm(token)).get("alreadyConfirmed").asBoolean()).isTrue();

		// a stranger subscribing the confirmed address: same answer, no mail, no change
		HttpResponse<String> again = subscribe(to.toLowerCase(), "Fremd", List.of("PUBLIC"), List.of());
		assertThat(again.statusCode()).isEqualTo(202);
		assertThat(again.body()).isEqualTo(subscribe(address("never-seen"), null, List.of("PUBLIC"), List.of()).body());
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> mails(to).size() == 1);
		assertThat(this.store.find(id).orElseThrow().audiences()).containsExactly("COMPANY", "UNION");

		// preferences through the personal link
		JsonNode preferences = this.http.body(this.http.get("/api/newsletter/preferences/" + personal));
		assertThat(preferences.get("email").asString()).isEqualTo(to);
		assertThat(preferences.get("status").asString()).isEqualTo("CONFIRMED");
		Map<String, Object> change = new LinkedHashMap<>();
		change.put("name", "Lena");
		change.put("audiences", List.of("PUBLIC"));
		change.put("states", List.of());
		JsonNode changed = this.http.body(this.http.post("/api/newsletter/preferences/" + personal, null, change));
		assertThat(changed.get("name").asString()).isEqualTo("Lena");
		assertThat(changed.get("audiences")).extracting(JsonNode::asString).containsExactly("PUBLIC");
		assertThat(changed.get("states")).isEmpty();
		JsonNode preferencesChanged = payload(events(id, 2).get(1), "SubscriberPreferencesChanged");
		assertThat(preferencesChanged.get("audiences")).extracting(JsonNode::asString).containsExactly("PUBLIC");
		assertThat(preferencesChanged.get("version").asLong()).isEqualTo(3);
		// bundesweit: in every Land's segment
		assertThat(this.directory.recipients(new Segment(java.util.Set.of(Audience.PUBLIC), java.util.Set.of("DE-BY"))))
			.extracting(Recipient::subscriberId)
			.contains(id);

		// RFC 8058 one click, as a mailbox provider sends it; twice is harmless
		for (int i = 0; i < 2; i++) {
			HttpResponse<String> unsubscribed = oneClick(personal);
			assertThat(unsubscribed.statusCode()).as(unsubscribed.body()).isEqualTo(200);
			assertThat(this.json.readTree(unsubscribed.body()).get("status").asString()).isEqualTo("UNSUBSCRIBED");
		}
		assertThat(this.directory.isSuppressed(to)).isTrue();
		assertThat(this.directory.isSuppressed(to.toUpperCase())).isTrue();
		assertThat(this.directory.recipients(Segment.everyone())).extracting(Recipient::subscriberId)
			.doesNotContain(id);
		assertThat(this.directory.confirmed(id)).isEmpty();
		JsonNode unsubscribedEvent = payload(events(id, 3).get(2), "SubscriberUnsubscribed");
		assertThat(unsubscribedEvent.get("reason").asString()).isEqualTo("UNSUBSCRIBED");
		assertThat(unsubscribedEvent.get("channel").asString()).isEqualTo("ONE_CLICK");
		assertThat(unsubscribedEvent.get("version").asLong()).isEqualTo(4);
		assertThat(this.store.find(id).orElseThrow().consents()).extracting(Consent::action)
			.containsExactly("REQUESTED", "CONFIRMED", "PREFERENCES_CHANGED", "UNSUBSCRIBED");
		assertThat(this.store.find(id).orElseThrow().consents().get(3).channel()).isEqualTo("ONE_CLICK");

		// a new double opt-in lifts the suppression only once confirmed
		assertThat(subscribe(to, "Lena", List.of("ASSOCIATION"), List.of("DE-BE")).statusCode()).isEqualTo(202);
		JsonNode second = newestMail(to, 2);
		assertThat(this.store.find(id).orElseThrow().status()).isEqualTo(SubscriberStatus.PENDING);
		assertThat(this.directory.isSuppressed(to)).isTrue();
		JsonNode reconfirmed = this.http.body(confirm(confirmationToken(second.get("text").asString())));
		assertThat(reconfirmed.get("alreadyConfirmed").asBoolean()).isFalse();
		assertThat(this.directory.isSuppressed(to)).isFalse();
		assertThat(this.directory.confirmed(id)).isPresent();
		JsonNode reconfirmedEvent = payload(events(id, 4).get(3), "SubscriberConfirmed");
		assertThat(reconfirmedEvent.get("audiences")).extracting(JsonNode::asString).containsExactly("ASSOCIATION");
		assertThat(reconfirmedEvent.get("version").asLong()).isEqualTo(6);
		assertThat(this.store.find(id).orElseThrow().consents()).extracting(Consent::action)
			.containsExactly("REQUESTED", "CONFIRMED", "PREFERENCES_CHANGED", "UNSUBSCRIBED", "REQUESTED", "CONFIRMED");
	}

	@Test
	void shouldUnsubscribeFromThePreferencePageWithAJsonBody() {
		String to = address("page");
		String id = subscribeAndConfirm(to, List.of("COMPANY"), List.of());
		HttpResponse<String> response = this.http.post("/api/newsletter/unsubscribe/" + this.tokens.personalToken(id),
				null, Map.of("channel", "PREFERENCE_PAGE"));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(payload(events(id, 2).get(1), "SubscriberUnsubscribed").get("channel").asString())
			.isEqualTo("PREFERENCE_PAGE");
		HttpResponse<String> staffChannel = this.http
			.post("/api/newsletter/unsubscribe/" + this.tokens.personalToken(id), null, Map.of("channel", "STAFF"));
		assertProblem(staffChannel, "channel", "Erlaubt sind");
		// an empty POST and a forged token
		assertThat(this.http.post("/api/newsletter/unsubscribe/" + this.tokens.personalToken(id), null).statusCode())
			.isEqualTo(200);
		assertThat(oneClick(id + ".forged").statusCode()).isEqualTo(404);
		// no more preference changes once unsubscribed
		HttpResponse<String> refused = this.http.post("/api/newsletter/preferences/" + this.tokens.personalToken(id),
				null, Map.of("audiences", List.of("UNION"), "states", List.of()));
		assertThat(refused.statusCode()).isEqualTo(409);
		assertThat(this.http.problem(refused).get("detail").asString()).contains("abgemeldet");
	}

	@Test
	void shouldRefuseExpiredUnknownAndReplacedLinks() {
		String to = address("late");
		subscribe(to, null, List.of("PUBLIC"), List.of());
		String token = confirmationToken(onlyMail(to).get("text").asString());

		this.clock.advance(Duration.ofHours(48).plusSeconds(1));
		HttpResponse<String> expired = confirm(token);
		assertThat(expired.statusCode()).isEqualTo(410);
		JsonNode problem = this.http.problem(expired);
		assertThat(problem.get("code").asString()).isEqualTo("confirmation-expired");
		assertThat(problem.get("detail").asString()).contains("abgelaufen", "noch einmal");
		assertThat(subscriberOf(to).status()).isEqualTo(SubscriberStatus.PENDING);

		HttpResponse<String> unknown = confirm("no-such-token");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(this.http.problem(unknown).get("detail").asString())
			.startsWith("Dieser Bestätigungslink ist uns nicht bekannt");

		// asking again after the expiry sends a fresh link; the old one is replaced
		subscribe(to, null, List.of("PUBLIC"), List.of());
		String fresh = confirmationToken(newestMail(to, 2).get("text").asString());
		assertThat(confirm(token).statusCode()).isEqualTo(404);
		assertThat(this.http.body(confirm(fresh)).get("status").asString()).isEqualTo("CONFIRMED");
	}

	@Test
	void shouldMailAPendingAddressAtMostOncePerIntervalAndFiveTimesPerValidityPeriod() {
		String to = address("flood");
		for (int i = 0; i < 3; i++) {
			assertThat(subscribe(to, null, List.of("PUBLIC"), List.of()).statusCode()).isEqualTo(202);
		}
		onlyMail(to);
		for (int mails = 2; mails <= 5; mails++) {
			this.clock.advance(Duration.ofMinutes(10).plusSeconds(1));
			subscribe(to, null, List.of("PUBLIC"), List.of());
			subscribe(to, null, List.of("PUBLIC"), List.of());
			newestMail(to, mails);
		}
		this.clock.advance(Duration.ofHours(1));
		assertThat(subscribe(to, null, List.of("PUBLIC"), List.of()).statusCode()).isEqualTo(202);
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> mails(to).size() == 5);
		assertThat(subscriberOf(to).confirmationMailsSent()).isEqualTo(5);

		// Once the last link expired, the person may ask once more (not locked out for
		// good), and then again only after that link expired.
		this.clock.advance(Duration.ofHours(48));
		subscribe(to, null, List.of("PUBLIC"), List.of());
		subscribe(to, null, List.of("PUBLIC"), List.of());
		newestMail(to, 6);
		this.clock.advance(Duration.ofHours(1));
		subscribe(to, null, List.of("PUBLIC"), List.of());
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> mails(to).size() == 6);
	}

	@Test
	void shouldCreateOneSubscriberAndSendOneMailForTenSimultaneousRequests() throws Exception {
		String to = address("twins");
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(10);
		try {
			List<Future<Integer>> answers = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				answers.add(pool.submit(() -> {
					start.await();
					return subscribe(to, null, List.of("UNION"), List.of("DE-SN")).statusCode();
				}));
			}
			start.countDown();
			for (Future<Integer> answer : answers) {
				assertThat(answer.get()).isEqualTo(202);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.mongo.count(Query.query(Criteria.where("emailKey").is(to.toLowerCase())), Subscriber.class))
			.isEqualTo(1);
		onlyMail(to);
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> mails(to).size() == 1);
		assertThat(subscriberOf(to).confirmationMailsSent()).isEqualTo(1);
	}

	@Test
	void shouldAnswerBadInputWithGermanProblems() {
		assertProblem(subscribe("keine-adresse", null, List.of("PUBLIC"), List.of()), "email",
				"keine gültige E-Mail-Adresse");
		assertProblem(subscribe("Lena <lena@example.org>", null, List.of("PUBLIC"), List.of()), "email",
				"keine gültige E-Mail-Adresse");
		assertProblem(subscribe("lena@localhost", null, List.of("PUBLIC"), List.of()), "email",
				"keine gültige E-Mail-Adresse");
		assertProblem(subscribe("a".repeat(250) + "@example.org", null, List.of("PUBLIC"), List.of()), "email",
				"keine gültige E-Mail-Adresse");
		assertProblem(subscribe(address("no-audience"), null, List.of(), List.of()), "audiences",
				"mindestens eine Gruppe");
		assertProblem(subscribe(address("bad-audience"), null, List.of("ALIENS"), List.of()), "audiences",
				"„ALIENS“ gibt es nicht");
		assertProblem(subscribe(address("bad-state"), null, List.of("PUBLIC"), List.of("DE-XX")), "states",
				"„DE-XX“ kennen wir nicht");
		Map<String, Object> outdated = form(address("outdated"), null, List.of("PUBLIC"), List.of());
		outdated.put("consentTextVersion", "infobrief-2001-01");
		assertProblem(this.http.post("/api/newsletter/subscriptions", null, outdated), "consentTextVersion",
				"Einwilligungstext hat sich");
		outdated.remove("consentTextVersion");
		assertProblem(this.http.post("/api/newsletter/subscriptions", null, outdated), "consentTextVersion",
				"stimme der Einwilligung zu");
		HttpResponse<String> unreadable = this.http.post("/api/newsletter/subscriptions", null,
				Map.of("email", Map.of("$ne", "x")));
		assertThat(unreadable.statusCode()).isEqualTo(400);
		assertThat(this.http.problem(unreadable).get("detail").asString()).contains("prüfe");
		assertThat(this.mongo.count(
				Query.query(
						Criteria.where("emailKey").regex("^(no-audience|bad-audience|bad-state|outdated)-" + this.run)),
				Subscriber.class))
			.isZero();
	}

	@Test
	void shouldNeverMailPendingSubscribersAndSuppressABounce() {
		String pendingAddress = address("pending");
		subscribe(pendingAddress, null, List.of("COMPANY"), List.of("DE-HB"));
		onlyMail(pendingAddress);
		String pendingId = subscriberOf(pendingAddress).id();
		String to = address("bounce");
		String id = subscribeAndConfirm(to, List.of("COMPANY"), List.of("DE-HB"));
		Segment bremen = new Segment(java.util.Set.of(Audience.COMPANY), java.util.Set.of("DE-HB"));
		assertThat(this.directory.recipients(bremen)).extracting(Recipient::subscriberId)
			.contains(id)
			.doesNotContain(pendingId);
		assertThat(this.directory.confirmed(pendingId)).isEmpty();
		long before = this.directory.count(bremen);

		this.directory.recordBounce(to.toUpperCase(), "550 5.1.1 user unknown");
		assertThat(this.directory.isSuppressed(to)).isTrue();
		assertThat(this.directory.count(bremen)).isEqualTo(before - 1);
		assertThat(this.store.find(id).orElseThrow().status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
		JsonNode event = payload(events(id, 2).get(1), "SubscriberUnsubscribed");
		assertThat(event.get("reason").asString()).isEqualTo("BOUNCED");
		assertThat(event.get("channel").asString()).isEqualTo("BOUNCE");
		assertThat(this.mongo.findById(this.subjectKeys.of(to), org.bson.Document.class, SubscriberStore.SUPPRESSIONS)
			.getString("reason")).isEqualTo("BOUNCED");
	}

	@Test
	void shouldShowSubscribersOnlyToStaff() {
		String to = address("staff-view");
		String id = subscribeAndConfirm(to, List.of("ASSOCIATION"), List.of("DE-SL"));
		String pending = address("staff-pending");
		subscribe(pending, "Paul", List.of("ASSOCIATION"), List.of());
		onlyMail(pending);

		assertThat(this.http.get("/api/newsletter/subscribers").statusCode()).isEqualTo(401);
		assertThat(this.http.get("/api/newsletter/subscribers", TestTokens.initiative("ini-1")).statusCode())
			.isEqualTo(403);
		assertThat(this.http.get("/api/newsletter/segment-count").statusCode()).isEqualTo(401);
		assertThat(this.http.post("/api/newsletter/subscribers/" + id + "/unsubscribe", null).statusCode())
			.isEqualTo(401);
		assertThat(this.http.post("/api/newsletter/subscribers/" + id + "/unsubscribe", TestTokens.initiative("ini-1"))
			.statusCode()).isEqualTo(403);

		JsonNode list = this.http.body(this.http.get(
				"/api/newsletter/subscribers?q=" + this.run + "&audience=ASSOCIATION" + "&state=DE-SL&page=0&size=1",
				TestTokens.staff()));
		assertThat(list.get("total").asLong()).isEqualTo(2);
		assertThat(list.get("items")).hasSize(1);
		assertThat(list.at("/counts/byStatus/CONFIRMED").asLong()).isEqualTo(1);
		assertThat(list.at("/counts/byStatus/PENDING").asLong()).isEqualTo(1);
		assertThat(list.at("/counts/byState/DE-SL").asLong()).isEqualTo(1);
		assertThat(list.at("/counts/byState/BUNDESWEIT").asLong()).isEqualTo(1);
		assertThat(list.at("/counts/byAudience/ASSOCIATION").asLong()).isEqualTo(2);
		JsonNode confirmedOnly = this.http.body(this.http.get(
				"/api/newsletter/subscribers?status=CONFIRMED&state=DE-SL&q=" + this.run + "&audience=ASSOCIATION",
				TestTokens.staff()));
		assertThat(confirmedOnly.get("items")).hasSize(1);
		assertThat(confirmedOnly.at("/items/0/id").asString()).isEqualTo(id);
		assertThat(confirmedOnly.at("/items/0/source").asString()).isEqualTo("website");
		assertThat(confirmedOnly.at("/items/0/confirmedAt").isNull()).isFalse();
		assertProblem(this.http.get("/api/newsletter/subscribers?status=MAYBE", TestTokens.staff()), "status",
				"Erlaubt sind");

		JsonNode detail = this.http.body(this.http.get("/api/newsletter/subscribers/" + id, TestTokens.staff()));
		assertThat(detail.get("email").asString()).isEqualTo(to);
		assertThat(detail.get("consents")).extracting((c) -> c.get("action").asString())
			.containsExactly("REQUESTED", "CONFIRMED");
		assertThat(detail.at("/consents/0/textVersion").asString()).isEqualTo(this.consentText.version());
		assertThat(this.http.get("/api/newsletter/subscribers/nobody", TestTokens.staff()).statusCode()).isEqualTo(404);

		JsonNode count = this.http.body(this.http
			.get("/api/newsletter/segment-count?audiences=ASSOCIATION,UNION" + "&states=DE-SL", TestTokens.staff()));
		assertThat(count.get("recipients").asLong())
			.isEqualTo(this.directory
				.count(new Segment(java.util.Set.of(Audience.ASSOCIATION, Audience.UNION), java.util.Set.of("DE-SL"))))
			.isPositive();
		assertProblem(this.http.get("/api/newsletter/segment-count?audiences=ALIENS", TestTokens.staff()), "audiences",
				"gibt es nicht");

		HttpResponse<String> unsubscribed = this.http.post("/api/newsletter/subscribers/" + id + "/unsubscribe",
				TestTokens.staff());
		assertThat(this.http.body(unsubscribed).get("status").asString()).isEqualTo("UNSUBSCRIBED");
		assertThat(payload(events(id, 2).get(1), "SubscriberUnsubscribed").get("channel").asString())
			.isEqualTo("STAFF");
		assertThat(this.directory.isSuppressed(to)).isTrue();
	}

	@Test
	void shouldOfferAudiencesLaenderAndTheConsentText() {
		JsonNode options = this.http.body(this.http.get("/api/newsletter/options"));
		assertThat(options.get("audiences")).hasSize(6);
		assertThat(options.at("/audiences/0/code").asString()).isEqualTo("INITIATIVE_REPRESENTATIVE");
		assertThat(options.at("/audiences/0/label").asString()).isEqualTo("Vertreter:in einer Initiative");
		assertThat(options.get("states")).hasSize(16);
		assertThat(options.at("/states/0/code").asString()).isEqualTo("DE-BW");
		assertThat(options.at("/states/0/label").asString()).isEqualTo("Baden-Württemberg");
		assertThat(options.get("consentText").asString()).contains("Infobrief", "abmelden");
		assertThat(options.get("consentTextVersion").asString()).isEqualTo("infobrief-2026-11");
	}

	// helpers

	private String address(String who) {
		return who + "-" + this.run + "@example.org";
	}

	private Map<String, Object> form(String email, String name, List<String> audiences, List<String> states) {
		Map<String, Object> form = new LinkedHashMap<>();
		form.put("email", email);
		form.put("name", name);
		form.put("audiences", audiences);
		form.put("states", states);
		form.put("consentTextVersion", this.consentText.version());
		return form;
	}

	private HttpResponse<String> subscribe(String email, String name, List<String> audiences, List<String> states) {
		return this.http.post("/api/newsletter/subscriptions", null, form(email, name, audiences, states));
	}

	private HttpResponse<String> confirm(String token) {
		return this.http.post("/api/newsletter/subscriptions/confirm", null, Map.of("token", token));
	}

	private HttpResponse<String> oneClick(String personalToken) {
		return this.http.send(HttpRequest.newBuilder(this.http.uri("/api/newsletter/unsubscribe/" + personalToken))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")), null);
	}

	private String subscribeAndConfirm(String email, List<String> audiences, List<String> states) {
		assertThat(subscribe(email, null, audiences, states).statusCode()).isEqualTo(202);
		String token = confirmationToken(onlyMail(email).get("text").asString());
		JsonNode confirmed = this.http.body(confirm(token));
		assertThat(confirmed.get("status").asString()).isEqualTo("CONFIRMED");
		String id = subscriberOf(email).id();
		events(id, 1);
		return id;
	}

	private Subscriber subscriberOf(String email) {
		return this.store.findByEmailKey(Subscriber.emailKey(email)).orElseThrow();
	}

	private void assertProblem(HttpResponse<String> response, String field, String message) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		JsonNode problem = this.http.problem(response);
		assertThat(problem.get("errors")).as(response.body()).anySatisfy((error) -> {
			assertThat(error.get("field").asString()).isEqualTo(field);
			assertThat(error.get("message").asString()).contains(message);
		});
	}

	/** The events of the subscriber on the topic, in order; waits for exactly so many. */
	private List<ConsumerRecord<String, String>> events(String subscriberId, int expected) {
		return KafkaTopics.recordsOf(bootstrapServers(), Topics.NEWSLETTER_V1, subscriberId, expected);
	}

	/**
	 * The payload of an event, checked for its type and for carrying nothing personal.
	 */
	private JsonNode payload(ConsumerRecord<String, String> record, String type) {
		assertThat(KafkaTopics.header(record, CloudEventHeaders.TYPE)).isEqualTo(CloudEventHeaders.ceType(type));
		assertThat(KafkaTopics.header(record, CloudEventHeaders.SUBJECT)).isEqualTo(record.key());
		assertThat(record.value()).doesNotContain("@", "Lena", "example.org");
		return this.json.readTree(record.value());
	}

	private static String confirmationToken(String text) {
		Matcher link = CONFIRMATION_LINK.matcher(text);
		assertThat(link.find()).as(text).isTrue();
		return link.group(1);
	}

	private static String header(JsonNode mail, String name) {
		for (JsonNode header : mail.get("headers")) {
			if (header.get("name").asString().equalsIgnoreCase(name)) {
				return header.get("value").asString();
			}
		}
		return null;
	}

	/** Waits for exactly one mail to the address; its details. */
	private JsonNode onlyMail(String to) {
		return newestMail(to, 1);
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

	private MimeMessage raw(JsonNode mail) throws Exception {
		byte[] raw = this.http
			.send(HttpRequest.newBuilder(mailUri("/api/messages/" + mail.get("id").asString() + "/raw")), null,
					HttpResponse.BodyHandlers.ofByteArray())
			.body();
		return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
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
			return MailCatcher.start(Files.createTempDirectory("newsletter-service-mail"), 0, 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void shouldMoveSuppressionsKeptByPlainAddressToTheirSubjectKey() {
		String address = "alt-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@example.org";
		this.mongo.insert(new org.bson.Document("_id", address).append("reason", "UNSUBSCRIBED")
			.append("at", new java.util.Date())
			.append("detail", "LINK"), SubscriberStore.SUPPRESSIONS);

		assertThat(this.store.migrateSuppressions()).isGreaterThanOrEqualTo(1);

		assertThat(this.mongo.findById(address, org.bson.Document.class, SubscriberStore.SUPPRESSIONS)).isNull();
		org.bson.Document keyed = this.mongo.findById(this.subjectKeys.of(address), org.bson.Document.class,
				SubscriberStore.SUPPRESSIONS);
		assertThat(keyed.getString("reason")).isEqualTo("UNSUBSCRIBED");
		assertThat(keyed.toJson()).doesNotContain(address);
		assertThat(this.directory.isSuppressed(address.toUpperCase(java.util.Locale.ROOT))).isTrue();
		assertThat(this.directory.suppressedAmong(List.of(address))).containsExactly(address);
		// Another replica running it at the same time, or the next start: nothing to do.
		assertThat(this.store.migrateSuppressions()).isZero();
	}

}
