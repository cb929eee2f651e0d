package de.industriedialog.gateway;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import de.industriedialog.localstack.LocalMongoServer;
import de.industriedialog.localstack.MailCatcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway's own behaviour: routing by path prefix and German problem answers for what
 * fails at the gateway. The registry is played by a plain HTTP server here; the real
 * services behind the gateway are exercised by the system tests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayRoutingIT {

	static final LocalMongoServer mongo = LocalMongoServer.inMemory();

	static final String SECRET = "gateway-test-secret-of-at-least-32-bytes";

	static final AtomicReference<String> lastRequest = new AtomicReference<>();

	static final AtomicReference<Headers> lastHeaders = new AtomicReference<>();

	static final HttpServer registry = startRegistry();

	static final MailCatcher mail = startMailCatcher();

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	Environment environment;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry properties) {
		properties.add("spring.mongodb.uri", () -> mongo.connectionString() + "/gateway");
		properties.add("REGISTRY_URL", () -> "http://127.0.0.1:" + registry.getAddress().getPort());
		properties.add("EVENT_SERVICE_URL", () -> "http://127.0.0.1:" + closedPort());
		properties.add("JWT_SECRET", () -> SECRET);
		properties.add("STAFF_EMAIL", () -> "Staff@Industriedialog.test");
		properties.add("STAFF_PASSWORD", () -> "richtig-geheim");
		properties.add("SMTP_HOST", () -> "127.0.0.1");
		properties.add("SMTP_PORT", () -> mail.smtpPort());
	}

	@AfterAll
	static void stop() {
		registry.stop(0);
		mail.close();
		mongo.close();
	}

	@Test
	void shouldRouteTheInitiativesApiToTheRegistryWithPathAndQuery() throws Exception {
		HttpResponse<String> response = get("/api/initiatives?state=DE-NW&page=1");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("{\"from\":\"registry\"}");
		assertThat(lastRequest.get()).isEqualTo("/api/initiatives?state=DE-NW&page=1");
	}

	@Test
	void shouldAnswerAnUnknownRouteWith404AsGermanProblemJson() throws Exception {
		HttpResponse<String> response = get("/api/unbekannt");

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.get("status").asInt()).isEqualTo(404);
		assertThat(problem.get("title").asString()).isEqualTo("Nicht gefunden");
		assertThat(problem.get("detail").asString()).contains("Unter dieser Adresse gibt es nichts");
		assertThat(problem.get("instance").asString()).isEqualTo("/api/unbekannt");
	}

	@Test
	void shouldExplainInGermanWhenTheOwningServiceIsUnreachable() throws Exception {
		HttpResponse<String> response = get("/api/events");

		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(this.json.readTree(response.body()).get("detail").asString()).contains("nicht erreichbar");
		// The staff's view of stuck and failed participant mails is event-service's too.
		assertThat(get("/api/mails?status=FAILED").statusCode()).isEqualTo(503);
	}

	@Test
	void shouldAnswer502InGermanWhenTheServiceDropsTheConnectionMidRequest() throws Exception {
		HttpResponse<String> response = get("/api/initiatives/abgebrochen");

		assertThat(response.statusCode()).isEqualTo(502);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(this.json.readTree(response.body()).get("detail").asString()).contains("nicht doppelt");
	}

	@Test
	void shouldServeTheGermanStartPage() throws Exception {
		HttpResponse<String> response = get("/");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("<html lang=\"de\">").contains("Industrieinitiativen");
	}

	@Test
	void shouldNeverPassOnAnAuthorizationHeaderAClientMadeUp() throws Exception {
		URI uri = URI.create(base() + "/api/initiatives");
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(uri).header("Authorization", "Bearer made.up.token").build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(lastHeaders.get().containsKey("Authorization")).isFalse();
	}

	@Test
	void shouldRelayTheLoggedInStaffMemberAsAShortLivedSignedJwt() throws Exception {
		HttpClient browser = browser();
		assertThat(login(browser, "staff@industriedialog.test", "richtig-geheim")).isEqualTo("/");

		HttpResponse<String> response = browser.send(
				HttpRequest.newBuilder(URI.create(base() + "/api/initiatives")).build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(200);
		String authorization = lastHeaders.get().getFirst("Authorization");
		assertThat(authorization).startsWith("Bearer ");
		NimbusJwtDecoder decoder = NimbusJwtDecoder
			.withSecretKey(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
			.macAlgorithm(MacAlgorithm.HS256)
			.build();
		Jwt jwt = decoder.decode(authorization.substring("Bearer ".length()));
		assertThat(jwt.getSubject()).isEqualTo("staff@industriedialog.test");
		assertThat(jwt.getClaimAsStringList("roles")).containsExactly("STAFF");
		assertThat(jwt.getClaimAsString("iss")).isEqualTo("industriedialog-gateway");
		assertThat(Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt())).isLessThanOrEqualTo(Duration.ofMinutes(5));
		assertThat(lastHeaders.get().containsKey("Cookie")).as("session cookie stays at the gateway").isFalse();

		HttpResponse<String> session = browser.send(HttpRequest.newBuilder(URI.create(base() + "/api/session")).build(),
				HttpResponse.BodyHandlers.ofString());
		JsonNode me = this.json.readTree(session.body());
		assertThat(me.get("authenticated").asBoolean()).isTrue();
		assertThat(me.get("roles").get(0).asString()).isEqualTo("STAFF");
	}

	@Test
	void shouldThrottleLoginAttemptsAfterFiveFailures() throws Exception {
		HttpClient browser = browser();
		for (int attempt = 1; attempt <= 5; attempt++) {
			assertThat(login(browser, "staff@industriedialog.test", "falsch-" + attempt)).isEqualTo("/login?error");
		}

		assertThat(login(browser, "staff@industriedialog.test", "richtig-geheim")).isEqualTo("/login?locked");
		assertThat(get("/login").body()).contains("Anmelden");
	}

	@Test
	void shouldLetAnInvitedContactSetAPasswordOnceAndActForItsInitiative() throws Exception {
		HttpClient staff = browser();
		login(staff, "staff@industriedialog.test", "richtig-geheim");
		HttpResponse<String> invited = postJson(staff, "/account/invitations",
				"{\"email\":\"Kontakt@Initiative-Krefeld.test\",\"initiativeId\":\"krefeld\"}");
		assertThat(invited.statusCode()).as(invited.body()).isEqualTo(201);

		String link = invitationLink("kontakt@initiative-krefeld.test");
		assertThat(link).startsWith("http://localhost:").contains("/einladung.html?token=");
		String token = link.substring(link.indexOf("token=") + "token=".length());

		HttpClient contact = browser();
		contact.send(HttpRequest.newBuilder(URI.create(base() + "/einladung.html")).build(),
				HttpResponse.BodyHandlers.discarding());
		HttpResponse<String> tooShort = postJson(contact, "/account/invitations/redeem",
				"{\"token\":\"" + token + "\",\"password\":\"kurz\"}");
		assertThat(tooShort.statusCode()).isEqualTo(400);
		assertThat(this.json.readTree(tooShort.body()).at("/errors/0/field").asString()).isEqualTo("password");

		HttpResponse<String> redeemed = postJson(contact, "/account/invitations/redeem",
				"{\"token\":\"" + token + "\",\"password\":\"ein-langes-passwort\"}");
		assertThat(redeemed.statusCode()).as(redeemed.body()).isEqualTo(201);
		HttpResponse<String> again = postJson(contact, "/account/invitations/redeem",
				"{\"token\":\"" + token + "\",\"password\":\"noch-ein-passwort\"}");
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(this.json.readTree(again.body()).get("detail").asString()).contains("schon benutzt");
		HttpResponse<String> unknown = postJson(contact, "/account/invitations/redeem",
				"{\"token\":\"unbekannt\",\"password\":\"ein-langes-passwort\"}");
		assertThat(unknown.statusCode()).isEqualTo(404);

		assertThat(login(contact, "kontakt@initiative-krefeld.test", "ein-langes-passwort")).isEqualTo("/");
		JsonNode session = this.json.readTree(
				contact
					.send(HttpRequest.newBuilder(URI.create(base() + "/api/session")).build(),
							HttpResponse.BodyHandlers.ofString())
					.body());
		assertThat(session.get("roles").get(0).asString()).isEqualTo("INITIATIVE");
		assertThat(session.get("initiativeId").asString()).isEqualTo("krefeld");

		HttpResponse<String> forExistingAccount = postJson(staff, "/account/invitations",
				"{\"email\":\"kontakt@initiative-krefeld.test\",\"initiativeId\":\"duesseldorf\"}");
		assertThat(forExistingAccount.statusCode()).isEqualTo(201);
		// The mail queue sends it shortly after the answer.
		await().atMost(Duration.ofSeconds(20))
			.until(() -> invitationLinks("kontakt@initiative-krefeld.test").size() == 2);
		String secondLink = invitationLinks("kontakt@initiative-krefeld.test").get(0);
		HttpClient secondContact = browser();
		secondContact.send(HttpRequest.newBuilder(URI.create(base() + "/einladung.html")).build(),
				HttpResponse.BodyHandlers.discarding());
		HttpResponse<String> existing = postJson(secondContact, "/account/invitations/redeem", "{\"token\":\""
				+ secondLink.substring(secondLink.indexOf("token=") + 6) + "\",\"password\":\"ein-langes-passwort\"}");
		assertThat(existing.statusCode()).isEqualTo(409);
		assertThat(this.json.readTree(existing.body()).get("detail").asString()).contains("schon ein Konto");

		HttpResponse<String> notStaff = postJson(contact, "/account/invitations",
				"{\"email\":\"someone@else.test\",\"initiativeId\":\"krefeld\"}");
		assertThat(notStaff.statusCode()).isEqualTo(403);
	}

	@Test
	void shouldLetANewInitiativeSignUpOnceWithAnAccountBoundToAFreshInitiativeId() throws Exception {
		HttpClient visitor = browser();
		visitor.send(HttpRequest.newBuilder(URI.create(base() + "/registrieren.html")).build(),
				HttpResponse.BodyHandlers.discarding());

		HttpResponse<String> weak = postJson(visitor, "/account/signup",
				"{\"email\":\"neu@initiative.test\",\"password\":\"kurz\"}");
		assertThat(weak.statusCode()).isEqualTo(400);
		assertThat(this.json.readTree(weak.body()).at("/errors/0/field").asString()).isEqualTo("password");

		HttpResponse<String> created = postJson(visitor, "/account/signup",
				"{\"email\":\"Neu@Initiative.test\",\"password\":\"ein-langes-passwort\"}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String initiativeId = this.json.readTree(created.body()).get("initiativeId").asString();
		assertThat(initiativeId).hasSize(36);

		HttpResponse<String> again = postJson(visitor, "/account/signup",
				"{\"email\":\"neu@initiative.test\",\"password\":\"ein-anderes-passwort\"}");
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(this.json.readTree(again.body()).get("detail").asString()).contains("schon ein Konto");

		assertThat(login(visitor, "neu@initiative.test", "ein-langes-passwort")).isEqualTo("/");
		JsonNode session = this.json.readTree(
				visitor
					.send(HttpRequest.newBuilder(URI.create(base() + "/api/session")).build(),
							HttpResponse.BodyHandlers.ofString())
					.body());
		assertThat(session.get("roles").get(0).asString()).isEqualTo("INITIATIVE");
		assertThat(session.get("initiativeId").asString()).isEqualTo(initiativeId);
	}

	// Last: it uses up the sign-ups this test client's address may make.
	@Test
	@Order(Integer.MAX_VALUE)
	void shouldRefuseMassSignUpsFromOneAddress() throws Exception {
		HttpClient visitor = browser();
		visitor.send(HttpRequest.newBuilder(URI.create(base() + "/registrieren.html")).build(),
				HttpResponse.BodyHandlers.discarding());
		int status = 0;
		for (int attempt = 1; attempt <= 6 && status != 429; attempt++) {
			status = postJson(visitor, "/account/signup",
					"{\"email\":\"massen" + attempt + "@initiative.test\",\"password\":\"ein-langes-passwort\"}")
				.statusCode();
		}
		assertThat(status).as("at most five accounts per address and hour").isEqualTo(429);
		HttpResponse<String> refused = postJson(visitor, "/account/signup",
				"{\"email\":\"noch-eins@initiative.test\",\"password\":\"ein-langes-passwort\"}");
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(this.json.readTree(refused.body()).get("detail").asString()).contains("später noch einmal");
	}

	@Test
	void shouldTellAVisitorThatNobodyIsLoggedIn() throws Exception {
		HttpResponse<String> response = get("/api/session");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(response.body()).get("authenticated").asBoolean()).isFalse();
	}

	@Test
	void shouldTreatAnUnknownOrExpiredSessionAsAVisitor() throws Exception {
		URI uri = URI.create(base() + "/api/session");
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(uri).header("Cookie", "SESSION=bm90LWEtc2Vzc2lvbi13ZS1rbm93").build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(response.body()).get("authenticated").asBoolean()).isFalse();
	}

	@Test
	void shouldAnswerAnOverlongAddressAsGermanProblemJson() throws Exception {
		String response = raw("GET /api/initiatives?q=" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: localhost\r\n"
				+ "Connection: close\r\n\r\n");

		assertThat(response).startsWith("HTTP/1.1 414");
		assertProblemJson(response, 414);
	}

	@Test
	void shouldAnswerAMalformedAddressAsGermanProblemJson() throws Exception {
		String response = raw("GET /api/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

		assertThat(response).startsWith("HTTP/1.1 400");
		assertProblemJson(response, 400);
	}

	@Test
	void shouldAnswerOverlongHeadersAsGermanProblemJson() throws Exception {
		String response = raw("GET /api/initiatives HTTP/1.1\r\nHost: localhost\r\nX-Filler: " + "b".repeat(10_000)
				+ "\r\nConnection: close\r\n\r\n");

		assertThat(response).startsWith("HTTP/1.1 431");
		assertProblemJson(response, 431);
	}

	private void assertProblemJson(String response, int status) {
		int split = response.indexOf("\r\n\r\n");
		String head = response.substring(0, split).toLowerCase(java.util.Locale.ROOT);
		assertThat(head).contains("content-type: application/problem+json");
		JsonNode problem = this.json.readTree(response.substring(split + 4));
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("detail").asString()).isNotBlank();
		assertThat(problem.get("title").asString()).isNotBlank();
	}

	/** Sends bytes no well-behaved HTTP client would send, and reads the whole answer. */
	private String raw(String request) throws IOException {
		try (java.net.Socket socket = new java.net.Socket("127.0.0.1",
				Integer.parseInt(this.environment.getProperty("local.server.port")))) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
			socket.getOutputStream().flush();
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private HttpResponse<String> postJson(HttpClient browser, String path, String body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(base() + path))
			.header("Content-Type", "application/json")
			.header("X-XSRF-TOKEN", csrf(browser))
			.timeout(Duration.ofSeconds(15))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		try {
			return browser.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (java.net.http.HttpTimeoutException ex) {
			// Seen twice in full builds on the loaded 2-core machine, never alone:
			// the POST expecting 403 got no answer while both JVMs sat idle. Cause
			// not found yet; a real hang fails after the second timeout.
			return browser.send(request, HttpResponse.BodyHandlers.ofString());
		}
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

	private String invitationLink(String to) throws Exception {
		// The mail queue sends it shortly after the answer.
		await().atMost(Duration.ofSeconds(20)).until(() -> !invitationLinks(to).isEmpty());
		List<String> links = invitationLinks(to);
		assertThat(links).hasSize(1);
		return links.get(0);
	}

	/** The invitation links mailed to an address, newest first. */
	private List<String> invitationLinks(String to) throws Exception {
		String api = "http://127.0.0.1:" + mail.httpPort() + "/api/messages";
		JsonNode messages = this.json.readTree(this.http
			.send(HttpRequest.newBuilder(URI.create(api + "?to=" + to)).build(), HttpResponse.BodyHandlers.ofString())
			.body());
		List<String> links = new ArrayList<>();
		for (JsonNode message : messages) {
			assertThat(message.get("subject").asString()).isEqualTo("Ihre Einladung zum Industriedialog");
			String text = this.json
				.readTree(
						this.http
							.send(HttpRequest.newBuilder(URI.create(api + "/" + message.get("id").asString())).build(),
									HttpResponse.BodyHandlers.ofString())
							.body())
				.get("text")
				.asString();
			Matcher link = Pattern.compile("(http://\\S+/einladung\\.html\\?token=[A-Za-z0-9_-]+)").matcher(text);
			assertThat(link.find()).as(text).isTrue();
			links.add(link.group(1));
		}
		return links;
	}

	private static MailCatcher startMailCatcher() {
		try {
			return MailCatcher.start(Files.createTempDirectory("gateway-mail"), 0, 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static HttpClient browser() {
		return HttpClient.newBuilder()
			.cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/** Logs in like the login page does; returns where the gateway redirects to. */
	private String login(HttpClient browser, String username, String password) throws Exception {
		browser.send(HttpRequest.newBuilder(URI.create(base() + "/login")).build(),
				HttpResponse.BodyHandlers.discarding());
		String csrf = csrf(browser);
		String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
				+ URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
				+ URLEncoder.encode(csrf, StandardCharsets.UTF_8);
		HttpResponse<Void> response = browser.send(HttpRequest.newBuilder(URI.create(base() + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.discarding());
		assertThat(response.statusCode()).isBetween(300, 399);
		return response.headers().firstValue("Location").orElseThrow();
	}

	private String base() {
		return "http://localhost:" + this.environment.getProperty("local.server.port");
	}

	private HttpResponse<String> get(String path) throws Exception {
		URI uri = URI.create("http://localhost:" + this.environment.getProperty("local.server.port") + path);
		return this.http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpServer startRegistry() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/", (exchange) -> {
				lastRequest.set(exchange.getRequestURI().toString());
				lastHeaders.set(exchange.getRequestHeaders());
				if (exchange.getRequestURI().getPath().endsWith("/abgebrochen")) {
					// A service that dies mid-request: the connection ends without an
					// answer.
					exchange.close();
					return;
				}
				byte[] body = "{\"from\":\"registry\"}".getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, body.length);
				exchange.getResponseBody().write(body);
				exchange.close();
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
