package de.industriedialog.gateway.privacy;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;
import de.industriedialog.contracts.Topics;
import de.industriedialog.localstack.LocalKafka;
import de.industriedialog.localstack.LocalMongoServer;
import de.industriedialog.localstack.MailCatcher;
import de.industriedialog.platform.privacy.SubjectKeys;
import de.industriedialog.platform.testing.KafkaTopics;
import de.industriedialog.platform.testing.MovableClock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Access and erasure requests through the gateway (docs/adr/0015), over real HTTP with
 * the store over TCP, a real Kafka broker and a real SMTP server. The three other
 * services are small HTTP servers standing in for the platform's privacy routes (they
 * record the scoped tokens they get); the system test runs the real ones.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(MovableClock.Setup.class)
class PrivacyRequestsIT {

	static final String SECRET = "gateway-test-secret-of-at-least-32-bytes";

	static final String STAFF = "staff@industriedialog.test";

	static final LocalMongoServer mongo = LocalMongoServer.inMemory();

	static final LocalKafka kafka = startKafka();

	static final MailCatcher mail = startMailCatcher();

	static final Map<String, StandIn> services = Map.of("initiative-registry", new StandIn("initiative-registry"),
			"event-service", new StandIn("event-service"), "newsletter-service", new StandIn("newsletter-service"));

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	Environment environment;

	@Autowired
	MovableClock clock;

	@Autowired
	MongoTemplate store;

	@Autowired
	SubjectKeys subjectKeys;

	@Autowired
	PrivacyRequestRetention retention;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry properties) {
		properties.add("spring.mongodb.uri", () -> mongo.connectionString() + "/gateway");
		properties.add("KAFKA_BOOTSTRAP_SERVERS", kafka::bootstrapServers);
		properties.add("REGISTRY_URL", () -> services.get("initiative-registry").url());
		properties.add("EVENT_SERVICE_URL", () -> services.get("event-service").url());
		properties.add("NEWSLETTER_URL", () -> services.get("newsletter-service").url());
		properties.add("JWT_SECRET", () -> SECRET);
		properties.add("STAFF_EMAIL", () -> STAFF);
		properties.add("STAFF_PASSWORD", () -> "richtig-geheim");
		properties.add("SMTP_HOST", () -> "127.0.0.1");
		properties.add("SMTP_PORT", mail::smtpPort);
		// Every request of the test comes from 127.0.0.1.
		properties.add("PRIVACY_REQUESTS_PER_HOUR", () -> "1000");
	}

	@AfterEach
	void resetStandIns() {
		services.values().forEach(StandIn::reset);
		this.clock.reset();
	}

	@AfterAll
	static void stop() {
		services.values().forEach(StandIn::stop);
		mail.close();
		kafka.close();
		mongo.close();
	}

	@Test
	void shouldAnswerAKnownAndAnUnknownAddressAlikeAndMailTheLinkToTheAddressOnly() throws Exception {
		HttpClient browser = browser();
		HttpResponse<String> known = ask(browser, STAFF, "ACCESS");
		HttpResponse<String> unknown = ask(browser, "niemand@beispiel.test", "ACCESS");

		assertThat(known.statusCode()).isEqualTo(202);
		assertThat(unknown.statusCode()).isEqualTo(202);
		assertThat(unknown.body()).isEqualTo(known.body());
		assertThat(this.json.readTree(known.body()).get("message").asString()).contains("24 Stunden");
		assertThat(links(STAFF)).hasSize(1);
		assertThat(links("niemand@beispiel.test")).hasSize(1);

		HttpResponse<String> invalid = ask(browser, "kein-at-zeichen", "ACCESS");
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(invalid.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(this.json.readTree(invalid.body()).get("errors").get(0).get("field").asString()).isEqualTo("email");
		HttpResponse<String> noKind = postJson(browser, "/api/privacy/requests", "{\"email\":\"a@b.test\"}");
		assertThat(noKind.statusCode()).isEqualTo(400);
		assertThat(noKind.body()).contains("Auskunft oder Löschung");
	}

	@Test
	void shouldVerifyOncePublishTheRequestAndAssembleTheExportFromEveryService() throws Exception {
		String address = "jonas@beispiel.test";
		signUp(address, "ein-langes-passwort");
		HttpClient browser = browser();
		ask(browser, address, "ACCESS");
		String token = token(links(address).get(0));

		JsonNode before = this.json.readTree(get("/api/privacy/requests/progress?token=" + token).body());
		assertThat(before.get("kind").asString()).isEqualTo("ACCESS");
		assertThat(before.get("verified").asBoolean()).isFalse();

		JsonNode first = this.json.readTree(verify(browser, token).body());
		assertThat(first.get("firstUse").asBoolean()).isTrue();
		String requestId = first.get("requestId").asString();
		JsonNode second = this.json.readTree(verify(browser, token).body());
		assertThat(second.get("firstUse").asBoolean()).isFalse();
		assertThat(second.get("message").asString()).contains("bereits");

		// Exactly one request on the topic, with the subject key and no address; the
		// second click published nothing (given the relay time to send it). The gateway's
		// own answer goes on the same topic with the same key.
		KafkaTopics.recordsOf(kafka.bootstrapServers(), Topics.PRIVACY_V1, requestId, 2);
		Thread.sleep(2000);
		assertThat(KafkaTopics.recordsOf(kafka.bootstrapServers(), Topics.PRIVACY_V1, requestId, 2)).filteredOn(
				(record) -> "de.industriedialog.PrivacyRequestVerified".equals(KafkaTopics.header(record, "ce_type")))
			.singleElement()
			.satisfies((record) -> {
				assertThat(KafkaTopics.header(record, "ce_type"))
					.isEqualTo("de.industriedialog.PrivacyRequestVerified");
				JsonNode event = this.json.readTree(record.value());
				assertThat(event.get("subjectKey").asString()).isEqualTo(this.subjectKeys.of(address));
				assertThat(event.get("kind").asString()).isEqualTo("ACCESS");
				assertThat(record.value()).doesNotContain(address);
			});

		// The gateway answered its own part at once; the others are pending.
		JsonNode progress = this.json.readTree(get("/api/privacy/requests/progress?token=" + token).body());
		assertThat(part(progress, "gateway").get("status").asString()).isEqualTo("DONE");
		assertThat(part(progress, "gateway").get("records").get("accounts").asInt()).isEqualTo(1);
		assertThat(part(progress, "event-service").get("status").asString()).isEqualTo("PENDING");
		assertThat(progress.get("done").asBoolean()).isFalse();

		services.values().forEach((service) -> service.answered.add(requestId));
		progress = this.json.readTree(get("/api/privacy/requests/progress?token=" + token).body());
		assertThat(progress.get("done").asBoolean()).isTrue();
		assertThat(part(progress, "event-service").get("records").get("registrations").asInt()).isEqualTo(2);

		HttpResponse<String> download = get("/api/privacy/requests/export?token=" + token);
		assertThat(download.statusCode()).isEqualTo(200);
		assertThat(download.headers().firstValue("Content-Disposition").orElseThrow())
			.startsWith("attachment; filename=\"industriedialog-auskunft-");
		JsonNode export = this.json.readTree(download.body());
		assertThat(export.get("requestId").asString()).isEqualTo(requestId);
		assertThat(export.get("parts").get("gateway").get("accounts").get("records").get(0).get("email").asString())
			.isEqualTo(address);
		assertThat(export.get("parts")
			.get("event-service")
			.get("registrations")
			.get("records")
			.get(0)
			.get("eventTitle")
			.asString()).isEqualTo("Zukunftswerkstatt event-service");
		// Each service was asked with a token for this request and this person only.
		for (StandIn service : services.values()) {
			assertThat(service.tokens).isNotEmpty().allSatisfy((jwt) -> {
				assertThat(jwt.get("privacy_request").asString()).isEqualTo(requestId);
				assertThat(jwt.get("subject_key").asString()).isEqualTo(this.subjectKeys.of(address));
				assertThat(jwt.get("roles").get(0).asString()).isEqualTo("PRIVACY");
				assertThat(jwt.get("exp").asLong() - jwt.get("iat").asLong()).isLessThanOrEqualTo(60);
			});
		}

		// A part missing is never a silently partial file.
		services.get("newsletter-service").down = true;
		HttpResponse<String> partial = get("/api/privacy/requests/export?token=" + token);
		assertThat(partial.statusCode()).isEqualTo(503);
		assertThat(this.json.readTree(partial.body()).get("detail").asString()).contains("„Infobrief“");
	}

	@Test
	void shouldEraseTheGatewaysPartAndLogThePersonOutAndTakeASecondErasureCalmly() throws Exception {
		String address = "lea@beispiel.test";
		signUp(address, "ein-langes-passwort");
		HttpClient lea = browser();
		assertThat(login(lea, address, "ein-langes-passwort")).isEqualTo("/");
		assertThat(session(lea)).contains(address);

		ask(lea, address, "ERASURE");
		String token = token(links(address).get(0));
		JsonNode erased = this.json.readTree(verify(browser(), token).body());
		assertThat(erased.get("kind").asString()).isEqualTo("ERASURE");
		assertThat(part(erased, "gateway").get("status").asString()).isEqualTo("DONE");

		assertThat(session(lea)).doesNotContain(address);
		assertThat(login(browser(), address, "ein-langes-passwort")).isEqualTo("/login?error");
		// Nothing in any collection of the gateway's database holds the address.
		for (String collection : this.store.getCollectionNames()) {
			assertThat(this.store.findAll(Document.class, collection)).as(collection)
				.noneSatisfy((document) -> assertThat(document.toJson()).containsIgnoringCase(address));
		}

		// A second erasure for the same address is harmless: nothing is left to find but
		// the mail with its own link.
		ask(browser(), address, "ERASURE");
		await().atMost(Duration.ofSeconds(20)).until(() -> links(address).size() == 2);
		JsonNode again = this.json.readTree(verify(browser(), token(links(address).get(0))).body());
		assertThat(part(again, "gateway").get("records").get("accounts").asInt()).isZero();
		assertThat(part(again, "gateway").get("records").get("mails").asInt()).isEqualTo(1);
	}

	@Test
	void shouldExplainAForgedAndAnExpiredLinkInGerman() throws Exception {
		HttpResponse<String> forged = verify(browser(), "ausgedacht");
		assertThat(forged.statusCode()).isEqualTo(404);
		assertThat(forged.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(this.json.readTree(forged.body()).get("detail").asString()).contains("Diesen Link kennen wir nicht");

		String address = "spaet@beispiel.test";
		ask(browser(), address, "ACCESS");
		String token = token(links(address).get(0));
		this.clock.advance(Duration.ofHours(25));
		HttpResponse<String> expired = verify(browser(), token);
		assertThat(expired.statusCode()).isEqualTo(410);
		assertThat(this.json.readTree(expired.body()).get("detail").asString()).contains("abgelaufen");
		assertThat(get("/api/privacy/requests/export?token=" + token).statusCode()).isEqualTo(410);

		// The request itself goes 30 days after its link expired (the job's body: its
		// lock keeps a second run within a minute from running).
		String hash = de.industriedialog.gateway.web.SecretLinks.hash(token);
		this.clock.advance(Duration.ofDays(29));
		this.retention.deleteOld(this.clock.instant());
		assertThat(this.store.exists(
				org.springframework.data.mongodb.core.query.Query
					.query(org.springframework.data.mongodb.core.query.Criteria.where("tokenHash").is(hash)),
				PrivacyRequestStore.COLLECTION))
			.isTrue();
		this.clock.advance(Duration.ofDays(2));
		this.retention.deleteOld(this.clock.instant());
		assertThat(this.store.exists(
				org.springframework.data.mongodb.core.query.Query
					.query(org.springframework.data.mongodb.core.query.Criteria.where("tokenHash").is(hash)),
				PrivacyRequestStore.COLLECTION))
			.isFalse();
	}

	@Test
	void shouldLetOnlyStaffRunARequestByLetterAndRecordEveryStep() throws Exception {
		String body = "{\"email\":\"brief@beispiel.test\",\"kind\":\"ACCESS\",\"identityCheckedByLetter\":true}";
		HttpClient stranger = browser();
		get(stranger, "/login");
		assertThat(postJson(stranger, "/api/privacy/staff/requests", body).statusCode()).isEqualTo(403);
		HttpClient initiative = browser();
		signUp("initiative@beispiel.test", "ein-langes-passwort");
		login(initiative, "initiative@beispiel.test", "ein-langes-passwort");
		assertThat(postJson(initiative, "/api/privacy/staff/requests", body).statusCode()).isEqualTo(403);
		assertThat(get(initiative, "/api/privacy/staff/audit").statusCode()).isEqualTo(403);

		HttpClient staff = browser();
		assertThat(login(staff, STAFF, "richtig-geheim")).isEqualTo("/");
		HttpResponse<String> created = postJson(staff, "/api/privacy/staff/requests", body);
		assertThat(created.statusCode()).isEqualTo(201);
		String requestId = this.json.readTree(created.body()).get("requestId").asString();
		// Verified by staff: no link goes out.
		assertThat(links("brief@beispiel.test")).isEmpty();
		services.values().forEach((service) -> service.answered.add(requestId));
		JsonNode progress = this.json.readTree(get(staff, "/api/privacy/staff/requests/" + requestId).body());
		assertThat(progress.get("done").asBoolean()).isTrue();
		assertThat(part(progress, "gateway").get("status").asString()).isEqualTo("NOTHING_FOUND");

		assertThat(get(staff, "/api/privacy/staff/requests/" + requestId + "/export").statusCode()).isEqualTo(200);
		HttpResponse<String> again = get(staff, "/api/privacy/staff/requests/" + requestId + "/export");
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(this.json.readTree(again.body()).get("detail").asString()).contains("schon heruntergeladen");

		// A request by letter without the identity check goes the person's way: the link
		// by mail, and the download is theirs, not staff's.
		HttpResponse<String> byMail = postJson(staff, "/api/privacy/staff/requests",
				"{\"email\":\"post@beispiel.test\",\"kind\":\"ACCESS\",\"identityCheckedByLetter\":false}");
		assertThat(byMail.statusCode()).isEqualTo(202);
		String byMailId = this.json.readTree(byMail.body()).get("requestId").asString();
		verify(browser(), token(links("post@beispiel.test").get(0)));
		assertThat(get(staff, "/api/privacy/staff/requests/" + byMailId + "/export").statusCode()).isEqualTo(409);

		HttpResponse<String> audit = get(staff, "/api/privacy/staff/audit");
		assertThat(audit.statusCode()).isEqualTo(200);
		List<String> actions = new ArrayList<>();
		for (JsonNode entry : this.json.readTree(audit.body())) {
			if (entry.get("requestId").asString().equals(requestId)) {
				assertThat(entry.get("staff").asString()).isEqualTo(STAFF);
				actions.add(entry.get("action").asString());
			}
		}
		assertThat(actions).containsExactly("DOWNLOADED", "VERIFIED_BY_LETTER", "REQUESTED");
		assertThat(this.store.findAll(Document.class, PrivacyAudit.COLLECTION))
			.noneSatisfy((entry) -> assertThat(entry.toJson()).contains("brief@beispiel.test"));
	}

	private static JsonNode part(JsonNode progress, String service) {
		for (JsonNode part : progress.get("parts")) {
			if (part.get("service").asString().equals(service)) {
				return part;
			}
		}
		throw new AssertionError("no part of " + service + " in " + progress);
	}

	private HttpResponse<String> ask(HttpClient browser, String email, String kind) throws Exception {
		get(browser, "/datenschutz.html");
		return postJson(browser, "/api/privacy/requests", "{\"email\":\"" + email + "\",\"kind\":\"" + kind + "\"}");
	}

	private HttpResponse<String> verify(HttpClient browser, String token) throws Exception {
		get(browser, "/datenschutz.html");
		return postJson(browser, "/api/privacy/requests/verify", "{\"token\":\"" + token + "\"}");
	}

	private void signUp(String email, String password) throws Exception {
		HttpClient browser = browser();
		get(browser, "/login");
		HttpResponse<String> response = postJson(browser, "/account/signup",
				"{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
		assertThat(response.statusCode()).isEqualTo(201);
	}

	private String session(HttpClient browser) throws Exception {
		return get(browser, "/api/session").body();
	}

	private static String token(String link) {
		return link.substring(link.indexOf("token=") + "token=".length());
	}

	/** The privacy links mailed to an address, newest first. */
	private List<String> links(String to) throws Exception {
		String api = "http://127.0.0.1:" + mail.httpPort() + "/api/messages";
		List<String> links = new ArrayList<>();
		// The mail queue sends shortly after the answer.
		Thread.sleep(1500);
		for (JsonNode message : this.json.readTree(this.http
			.send(HttpRequest.newBuilder(URI.create(api + "?to=" + to)).build(), HttpResponse.BodyHandlers.ofString())
			.body())) {
			assertThat(message.get("subject").asString()).startsWith("Datenschutz:");
			String text = this.json
				.readTree(
						this.http
							.send(HttpRequest.newBuilder(URI.create(api + "/" + message.get("id").asString())).build(),
									HttpResponse.BodyHandlers.ofString())
							.body())
				.get("text")
				.asString();
			Matcher link = Pattern.compile("(http://\\S+/datenschutz-anfrage\\.html\\?token=[A-Za-z0-9_-]+)")
				.matcher(text);
			assertThat(link.find()).as(text).isTrue();
			links.add(link.group(1));
		}
		return links;
	}

	private static HttpClient browser() {
		return HttpClient.newBuilder()
			.cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	private String login(HttpClient browser, String username, String password) throws Exception {
		get(browser, "/login");
		String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
				+ URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
				+ URLEncoder.encode(csrf(browser), StandardCharsets.UTF_8);
		HttpResponse<Void> response = browser.send(HttpRequest.newBuilder(URI.create(base() + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.discarding());
		assertThat(response.statusCode()).isBetween(300, 399);
		return response.headers().firstValue("Location").orElseThrow();
	}

	private static String csrf(HttpClient browser) {
		return ((CookieManager) browser.cookieHandler().orElseThrow()).getCookieStore()
			.getCookies()
			.stream()
			.filter((cookie) -> cookie.getName().equals("XSRF-TOKEN"))
			.findFirst()
			.orElseThrow()
			.getValue();
	}

	private HttpResponse<String> postJson(HttpClient browser, String path, String body) throws Exception {
		return browser.send(HttpRequest.newBuilder(URI.create(base() + path))
			.header("Content-Type", "application/json")
			.header("X-XSRF-TOKEN", csrf(browser))
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path) throws Exception {
		return get(this.http, path);
	}

	private HttpResponse<String> get(HttpClient client, String path) throws Exception {
		return client.send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private String base() {
		return "http://localhost:" + this.environment.getProperty("local.server.port");
	}

	private static LocalKafka startKafka() {
		try {
			return LocalKafka.start(Files.createTempDirectory("gateway-privacy-kafka"), freePort(), freePort());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static MailCatcher startMailCatcher() {
		try {
			return MailCatcher.start(Files.createTempDirectory("gateway-privacy-mail"), 0, 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * One service's privacy routes (platform PrivacyExportController): its answer once it
	 * has answered, its export; records the claims of every token it is called with.
	 */
	static final class StandIn {

		private static final JsonMapper JSON = JsonMapper.builder().build();

		final String name;

		final Set<String> answered = ConcurrentHashMap.newKeySet();

		final List<JsonNode> tokens = new CopyOnWriteArrayList<>();

		volatile boolean down;

		private final HttpServer server;

		StandIn(String name) {
			this.name = name;
			try {
				this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			this.server.createContext("/api/privacy/requests/", (exchange) -> {
				String authorization = exchange.getRequestHeaders().getFirst("Authorization");
				if (authorization != null && authorization.startsWith("Bearer ")) {
					String payload = authorization.substring(7).split("\\.")[1];
					this.tokens.add(JSON.readTree(Base64.getUrlDecoder().decode(payload)));
				}
				String[] path = exchange.getRequestURI().getPath().split("/");
				String id = path[4];
				int status;
				String body;
				if (this.down) {
					status = 500;
					body = "{}";
				}
				else if (path.length > 5 && path[5].equals("export")) {
					status = 200;
					body = "{\"service\":\"" + name + "\",\"data\":{\"registrations\":{\"title\":\"Anmeldungen\","
							+ "\"records\":[{\"eventTitle\":\"Zukunftswerkstatt " + name + "\"}]}}}";
				}
				else if (this.answered.contains(id)) {
					status = 200;
					body = "{\"requestId\":\"" + id + "\",\"service\":\"" + name
							+ "\",\"kind\":\"ACCESS\",\"status\":\"DONE\",\"records\":{\"registrations\":2},"
							+ "\"occurredAt\":\"2026-12-03T10:00:00Z\",\"version\":1}";
				}
				else {
					status = 404;
					body = "{}";
				}
				byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(status, bytes.length);
				exchange.getResponseBody().write(bytes);
				exchange.close();
			});
			this.server.start();
		}

		String url() {
			return "http://127.0.0.1:" + this.server.getAddress().getPort();
		}

		void reset() {
			this.down = false;
			this.answered.clear();
			this.tokens.clear();
		}

		void stop() {
			this.server.stop(0);
		}

	}

}
