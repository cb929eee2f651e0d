package de.industriedialog.gateway;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.industriedialog.localstack.LocalMongoServer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ReactorResourceFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two gateway replicas on one store, as in production behind the load balancer: a session
 * made on one is known on the other and survives a restart, and the login lock and the
 * sign-up and newsletter limits count the attempts on both together. No service runs
 * behind the gateways; the routes point at a closed port.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayReplicasIT {

	static final String STAFF = "staff@industriedialog.test";

	static final String STAFF_PASSWORD = "richtig-geheim";

	static LocalMongoServer mongo;

	static ConfigurableApplicationContext gateway1;

	static ConfigurableApplicationContext gateway2;

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	private final JsonMapper json = JsonMapper.builder().build();

	@BeforeAll
	static void start() {
		mongo = LocalMongoServer.inMemory();
		gateway1 = startGateway();
		gateway2 = startGateway();
	}

	@AfterAll
	static void stop() {
		for (ConfigurableApplicationContext gateway : List.of(gateway1, gateway2)) {
			if (gateway != null) {
				gateway.close();
			}
		}
		if (mongo != null) {
			mongo.close();
		}
	}

	@Test
	@Order(1)
	void shouldKnowASessionMadeOnOneReplicaOnTheOtherAndAfterARestart() throws Exception {
		String staff = sessionAfterLogin(gateway1, STAFF, STAFF_PASSWORD);

		JsonNode onTheOther = session(gateway2, staff);
		assertThat(onTheOther.get("authenticated").asBoolean()).as("session of gateway 1 on gateway 2").isTrue();
		assertThat(onTheOther.get("email").asString()).isEqualTo(STAFF);
		assertThat(onTheOther.get("roles").get(0).asString()).isEqualTo("STAFF");

		// An initiative's account carries its initiative, which the relayed token needs.
		String initiativeId = signUp(gateway2, "replik@initiative.test").get("initiativeId").asString();
		String initiative = sessionAfterLogin(gateway2, "replik@initiative.test", "ein-langes-passwort");
		JsonNode initiativeOnTheOther = session(gateway1, initiative);
		assertThat(initiativeOnTheOther.get("authenticated").asBoolean()).isTrue();
		assertThat(initiativeOnTheOther.get("roles").get(0).asString()).isEqualTo("INITIATIVE");
		assertThat(initiativeOnTheOther.get("initiativeId").asString()).isEqualTo(initiativeId);

		gateway1.close();
		gateway1 = startGateway();

		assertThat(session(gateway1, staff).get("authenticated").asBoolean()).as("after a restart").isTrue();
		assertThat(session(gateway1, initiative).get("initiativeId").asString()).isEqualTo(initiativeId);
		assertThat(session(gateway2, staff).get("authenticated").asBoolean()).isTrue();
	}

	@Test
	@Order(2)
	void shouldStoreSessionsWithTheConfiguredTimeoutAndNoPasswordHash() throws Exception {
		sessionAfterLogin(gateway1, STAFF, STAFF_PASSWORD);

		try (MongoClient client = MongoClients.create(mongo.connectionString())) {
			List<String> sessions = new ArrayList<>();
			client.getDatabase("gateway").getCollection("sessions").find().forEach((Document session) -> {
				sessions.add(session.toJson());
			});
			assertThat(sessions).isNotEmpty();
			assertThat(sessions).anyMatch((session) -> session.contains("\"username\": \"" + STAFF + "\""));
			assertThat(sessions).noneMatch((session) -> session.contains("bcrypt"));
			// server.reactive.session.timeout=45m (see startGateway)
			assertThat(sessions).allMatch((session) -> session.contains("\"intervalSeconds\": 2700"));
		}
	}

	@Test
	@Order(3)
	void shouldEndASessionOnEveryReplicaAtLogout() throws Exception {
		String staff = sessionAfterLogin(gateway1, STAFF, STAFF_PASSWORD);
		assertThat(session(gateway2, staff).get("authenticated").asBoolean()).isTrue();

		// The CSRF token is a cookie compared with a header, so any replica can check it.
		String csrf = "ein-csrf-token-" + System.nanoTime();
		HttpResponse<Void> logout = this.http.send(HttpRequest.newBuilder(uri(gateway2, "/logout"))
			.header("Cookie", "SESSION=" + staff + "; XSRF-TOKEN=" + csrf)
			.header("X-XSRF-TOKEN", csrf)
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.discarding());
		assertThat(logout.statusCode()).isBetween(300, 399);

		assertThat(session(gateway1, staff).get("authenticated").asBoolean()).as("logged out on gateway 2").isFalse();
	}

	@Test
	@Order(4)
	void shouldAddUpFailedLoginsOnBothReplicasToTheLock() throws Exception {
		signUp(gateway1, "geraten@initiative.test");
		for (int attempt = 1; attempt <= 5; attempt++) {
			ConfigurableApplicationContext gateway = (attempt % 2 == 1) ? gateway1 : gateway2;
			assertThat(login(gateway, browser(), "geraten@initiative.test", "falsch-" + attempt))
				.isEqualTo("/login?error");
		}

		assertThat(login(gateway1, browser(), "Geraten@Initiative.test", "ein-langes-passwort"))
			.as("three failures on gateway 1 and two on gateway 2 lock the account")
			.isEqualTo("/login?locked");
		assertThat(login(gateway2, browser(), "geraten@initiative.test", "ein-langes-passwort"))
			.isEqualTo("/login?locked");
	}

	@Test
	@Order(5)
	void shouldCountNewsletterSubscriptionsOnBothReplicasTogether() throws Exception {
		// Three per hour here (see startGateway); the service behind is away, which the
		// gateway answers with 503 after counting.
		List<Integer> statuses = new ArrayList<>();
		for (int attempt = 1; attempt <= 4; attempt++) {
			ConfigurableApplicationContext gateway = (attempt % 2 == 1) ? gateway1 : gateway2;
			statuses.add(postJson(gateway, browserWithCsrf(gateway), "/api/newsletter/subscriptions",
					"{\"email\":\"leser@example.test\",\"audiences\":[\"PUBLIC\"]}")
				.statusCode());
		}

		assertThat(statuses).containsExactly(503, 503, 503, 429);
	}

	// Last: it uses up the sign-ups of the test client's address.
	@Test
	@Order(Integer.MAX_VALUE)
	void shouldCountSignUpsOnBothReplicasTogether() throws Exception {
		HttpResponse<String> answer = null;
		for (int attempt = 1; attempt <= 6; attempt++) {
			ConfigurableApplicationContext gateway = (attempt % 2 == 1) ? gateway1 : gateway2;
			answer = postJson(gateway, browserWithCsrf(gateway), "/account/signup",
					"{\"email\":\"massen" + attempt + "@initiative.test\",\"password\":\"ein-langes-passwort\"}");
			if (answer.statusCode() == 429) {
				break;
			}
			assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
		}

		assertThat(answer.statusCode()).as("five sign-ups per address and hour on all replicas together")
			.isEqualTo(429);
		assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(this.json.readTree(answer.body()).get("detail").asString()).contains("später noch einmal");
		long retryAfter = Long.parseLong(answer.headers().firstValue("Retry-After").orElseThrow());
		assertThat(retryAfter).isBetween(1L, Duration.ofHours(1).toSeconds());
	}

	private static ConfigurableApplicationContext startGateway() {
		int closed = closedPort();
		return new SpringApplicationBuilder(GatewayApplication.class, OwnNettyResources.class).run("--server.port=0",
				"--spring.mongodb.uri=" + mongo.connectionString() + "/gateway",
				"--JWT_SECRET=gateway-test-secret-of-at-least-32-bytes", "--STAFF_EMAIL=" + STAFF,
				"--STAFF_PASSWORD=" + STAFF_PASSWORD, "--REGISTRY_URL=http://127.0.0.1:" + closed,
				"--EVENT_SERVICE_URL=http://127.0.0.1:" + closed, "--EVALUATION_URL=http://127.0.0.1:" + closed,
				"--NEWSLETTER_URL=http://127.0.0.1:" + closed, "--NEWSLETTER_SUBSCRIPTIONS_PER_HOUR=3",
				"--server.reactive.session.timeout=45m", "--SMTP_HOST=127.0.0.1", "--SMTP_PORT=" + closed);
	}

	/** Logs in on one gateway; returns the value of the session cookie it set. */
	private String sessionAfterLogin(ConfigurableApplicationContext gateway, String username, String password)
			throws Exception {
		HttpClient browser = browser();
		assertThat(login(gateway, browser, username, password)).isEqualTo("/");
		return cookie(browser, "SESSION");
	}

	/**
	 * What {@code /api/session} says for a session cookie, asked without any other
	 * cookie.
	 */
	private JsonNode session(ConfigurableApplicationContext gateway, String sessionId) throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(uri(gateway, "/api/session")).header("Cookie", "SESSION=" + sessionId).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	private JsonNode signUp(ConfigurableApplicationContext gateway, String email) throws Exception {
		HttpResponse<String> created = postJson(gateway, browserWithCsrf(gateway), "/account/signup",
				"{\"email\":\"" + email + "\",\"password\":\"ein-langes-passwort\"}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return this.json.readTree(created.body());
	}

	/** Logs in like the login page does; returns where the gateway redirects to. */
	private static String login(ConfigurableApplicationContext gateway, HttpClient browser, String username,
			String password) throws Exception {
		browser.send(HttpRequest.newBuilder(uri(gateway, "/login")).build(), HttpResponse.BodyHandlers.discarding());
		String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
				+ URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
				+ URLEncoder.encode(cookie(browser, "XSRF-TOKEN"), StandardCharsets.UTF_8);
		HttpResponse<Void> response = browser.send(HttpRequest.newBuilder(uri(gateway, "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.timeout(Duration.ofSeconds(15))
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.discarding());
		assertThat(response.statusCode()).isBetween(300, 399);
		return response.headers().firstValue("Location").orElseThrow();
	}

	private static HttpResponse<String> postJson(ConfigurableApplicationContext gateway, HttpClient browser,
			String path, String body) throws Exception {
		return browser.send(HttpRequest.newBuilder(uri(gateway, path))
			.header("Content-Type", "application/json")
			.header("X-XSRF-TOKEN", cookie(browser, "XSRF-TOKEN"))
			.timeout(Duration.ofSeconds(15))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** A fresh browser that has visited a page and so holds a CSRF token cookie. */
	private static HttpClient browserWithCsrf(ConfigurableApplicationContext gateway) throws Exception {
		HttpClient browser = browser();
		browser.send(HttpRequest.newBuilder(uri(gateway, "/registrieren.html")).build(),
				HttpResponse.BodyHandlers.discarding());
		return browser;
	}

	private static HttpClient browser() {
		return HttpClient.newBuilder()
			.cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	private static String cookie(HttpClient browser, String name) {
		return ((CookieManager) browser.cookieHandler().orElseThrow()).getCookieStore()
			.getCookies()
			.stream()
			.filter((cookie) -> cookie.getName().equals(name))
			.map(HttpCookie::getValue)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no cookie " + name));
	}

	private static URI uri(ConfigurableApplicationContext gateway, String path) {
		return URI.create("http://localhost:" + gateway.getEnvironment().getProperty("local.server.port") + path);
	}

	/**
	 * Each gateway with its own Netty event loops. By default all share the JVM-wide
	 * ones, and closing one gateway (the restart above) would shut down the other's
	 * server too, which only happens when two run in one JVM. Not a
	 * {@code @Configuration}: the gateways' component scan must not pick it up.
	 */
	static class OwnNettyResources {

		@Bean
		ReactorResourceFactory reactorResourceFactory() {
			ReactorResourceFactory factory = new ReactorResourceFactory();
			factory.setUseGlobalResources(false);
			return factory;
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
