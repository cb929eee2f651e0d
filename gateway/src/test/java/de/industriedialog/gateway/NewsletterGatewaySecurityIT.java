package de.industriedialog.gateway;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import de.industriedialog.localstack.LocalMongoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway in front of the newsletter-service: RFC 8058 one-click unsubscribe from a
 * mailbox provider (no cookies, no CSRF token) must reach the service, every other write
 * keeps its CSRF protection, and subscriptions are limited per client address. The
 * newsletter-service is played by a plain HTTP server that records what arrives.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NewsletterGatewaySecurityIT {

	static final LocalMongoServer mongo = LocalMongoServer.inMemory();

	/** What reached the stub: "METHOD path body". */
	static final List<String> received = new CopyOnWriteArrayList<>();

	static final HttpServer newsletter = startNewsletterStub();

	private final HttpClient mailboxProvider = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	Environment environment;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry properties) {
		properties.add("spring.mongodb.uri", () -> mongo.connectionString() + "/gateway");
		properties.add("NEWSLETTER_URL", () -> "http://127.0.0.1:" + newsletter.getAddress().getPort());
		properties.add("JWT_SECRET", () -> "gateway-test-secret-of-at-least-32-bytes");
	}

	@AfterAll
	static void stop() {
		newsletter.stop(0);
		mongo.close();
	}

	@BeforeEach
	void forget() {
		received.clear();
	}

	@Test
	@Order(1)
	void shouldLetAMailboxProviderUnsubscribeWithOneClickWithoutCookiesOrCsrfToken() throws Exception {
		HttpResponse<String> response = this.mailboxProvider
			.send(HttpRequest.newBuilder(URI.create(base() + "/api/newsletter/unsubscribe/abc"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.timeout(Duration.ofSeconds(15))
				.POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).contains("UNSUBSCRIBED");
		assertThat(received).containsExactly("POST /api/newsletter/unsubscribe/abc List-Unsubscribe=One-Click");
	}

	@Test
	@Order(2)
	void shouldKeepCsrfProtectionForEveryOtherNewsletterWrite() throws Exception {
		assertThat(postJsonWithoutCsrf("/api/newsletter/subscriptions", "{\"email\":\"a@b.test\"}").statusCode())
			.isEqualTo(403);
		assertThat(postJsonWithoutCsrf("/api/newsletter/preferences/abc", "{\"audiences\":[\"PUBLIC\"]}").statusCode())
			.isEqualTo(403);
		assertThat(postJsonWithoutCsrf("/api/newsletter/unsubscribe/abc/more", "{}").statusCode())
			.as("only the exact one-click path is exempt")
			.isEqualTo(403);
		assertThat(postJsonWithoutCsrf("/api/infobriefe/x/send", "{}").statusCode()).isEqualTo(403);
		assertThat(received).as("nothing refused may reach the service").isEmpty();
	}

	@Test
	@Order(3)
	void shouldPassASubscriptionWithCsrfTokenToTheService() throws Exception {
		HttpClient browser = browser();

		HttpResponse<String> response = subscribe(browser);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		assertThat(received).hasSize(1);
		assertThat(received.get(0)).startsWith("POST /api/newsletter/subscriptions {\"email\"");
	}

	// Last: it uses up the subscriptions this test client's address may make.
	@Test
	@Order(Integer.MAX_VALUE)
	void shouldRefuseMassSubscriptionsFromOneAddress() throws Exception {
		HttpClient browser = browser();
		int status = 0;
		int attempts = 0;
		while (attempts < 25 && status != 429) {
			status = subscribe(browser).statusCode();
			attempts++;
		}

		assertThat(status).as("at most twenty subscriptions per address and hour").isEqualTo(429);
		assertThat(attempts).as("the one from the previous test counts too").isEqualTo(20);
		HttpResponse<String> refused = subscribe(browser);
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(this.json.readTree(refused.body()).get("detail").asString()).contains("versuche es später");
		assertThat(received).hasSize(19);
	}

	private HttpResponse<String> subscribe(HttpClient browser) throws Exception {
		browser.send(HttpRequest.newBuilder(URI.create(base() + "/newsletter.html")).build(),
				HttpResponse.BodyHandlers.discarding());
		return browser.send(HttpRequest.newBuilder(URI.create(base() + "/api/newsletter/subscriptions"))
			.header("Content-Type", "application/json")
			.header("X-XSRF-TOKEN", csrf(browser))
			.timeout(Duration.ofSeconds(15))
			.POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"leser@example.test\",\"audiences\":[\"PUBLIC\"]}"))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> postJsonWithoutCsrf(String path, String body) throws Exception {
		return browser().send(HttpRequest.newBuilder(URI.create(base() + path))
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(15))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
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

	private static HttpClient browser() {
		return HttpClient.newBuilder()
			.cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	private String base() {
		return "http://localhost:" + this.environment.getProperty("local.server.port");
	}

	private static HttpServer startNewsletterStub() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/", (exchange) -> {
				String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
				received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + body);
				boolean subscription = exchange.getRequestURI().getPath().equals("/api/newsletter/subscriptions");
				byte[] answer = (subscription ? "{\"message\":\"Fast geschafft!\"}" : "{\"status\":\"UNSUBSCRIBED\"}")
					.getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(subscription ? 202 : 200, answer.length);
				exchange.getResponseBody().write(answer);
				exchange.close();
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
