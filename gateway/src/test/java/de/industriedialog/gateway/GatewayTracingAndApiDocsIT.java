package de.industriedialog.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import de.industriedialog.localstack.LocalMongoServer;
import de.industriedialog.localstack.MailCatcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the gateway adds for tracing and API docs, with the registry played by a plain
 * HTTP server: a request that comes with a {@code traceparent} reaches the service in the
 * same trace, and one Swagger UI lists the gateway's own endpoints and each service's
 * document, routed to the service's {@code /v3/api-docs}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayTracingAndApiDocsIT {

	static final LocalMongoServer mongo = LocalMongoServer.inMemory();

	static final Map<String, Headers> received = new ConcurrentHashMap<>();

	static final HttpServer registry = startRegistry();

	static final MailCatcher mail = startMailCatcher();

	static final String REGISTRY_DOCS = "{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"initiative-registry\"},"
			+ "\"paths\":{\"/api/initiatives\":{}}}";

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	Environment environment;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry properties) {
		properties.add("spring.mongodb.uri", () -> mongo.connectionString() + "/gateway");
		properties.add("REGISTRY_URL", () -> "http://127.0.0.1:" + registry.getAddress().getPort());
		properties.add("EVENT_SERVICE_URL", () -> "http://127.0.0.1:" + closedPort());
		properties.add("JWT_SECRET", () -> "gateway-test-secret-of-at-least-32-bytes");
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
	void shouldRelayARequestToTheServiceInTheTraceItCameWith() throws Exception {
		String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(url("/api/initiatives?traced"))
			.header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(200);
		String relayed = received.get("/api/initiatives").getFirst("traceparent");
		// Same trace, the gateway's own client span as parent.
		assertThat(relayed).matches("00-" + traceId + "-[0-9a-f]{16}-01").doesNotContain("00f067aa0ba902b7");
	}

	@Test
	void shouldStartATraceForARequestWithoutOneAndRelayIt() throws Exception {
		this.http.send(HttpRequest.newBuilder(url("/api/initiatives/untraced")).build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(received.get("/api/initiatives/untraced").getFirst("traceparent"))
			.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
	}

	@Test
	void shouldListTheGatewayAndEveryServiceInOneSwaggerUi() throws Exception {
		HttpResponse<String> config = get("/v3/api-docs/swagger-config");

		assertThat(config.statusCode()).isEqualTo(200);
		JsonNode urls = this.json.readTree(config.body()).get("urls");
		assertThat(urls.valueStream().map((url) -> url.get("name").asString() + "=" + url.get("url").asString()))
			.containsExactlyInAnyOrder("gateway=/v3/api-docs", "initiative-registry=/v3/api-docs/initiative-registry",
					"event-service=/v3/api-docs/event-service", "evaluation-service=/v3/api-docs/evaluation-service",
					"newsletter-service=/v3/api-docs/newsletter-service");
		HttpResponse<String> ui = this.http.send(HttpRequest.newBuilder(url("/swagger-ui.html")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(ui.statusCode()).isIn(200, 302);
		HttpResponse<String> page = get("/webjars/swagger-ui/index.html");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("swagger-ui");
	}

	@Test
	void shouldRouteAServicesDocumentToItsV3ApiDocs() throws Exception {
		HttpResponse<String> response = get("/v3/api-docs/initiative-registry");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(response.body()).get("paths").has("/api/initiatives")).isTrue();
		assertThat(received).containsKey("/v3/api-docs");
	}

	@Test
	void shouldDescribeTheGatewaysOwnEndpoints() throws Exception {
		HttpResponse<String> response = get("/v3/api-docs");

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode paths = this.json.readTree(response.body()).get("paths");
		assertThat(paths.has("/api/session")).isTrue();
		assertThat(paths.has("/login")).isTrue();
		assertThat(paths.propertyNames()).anyMatch((path) -> path.startsWith("/account/"));
		// Only the gateway's own: the routed APIs are described by their services.
		assertThat(paths.has("/api/initiatives")).isFalse();
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(url(path)).header("Accept", "application/json").build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private URI url(String path) {
		return URI.create("http://localhost:" + this.environment.getProperty("local.server.port") + path);
	}

	private static HttpServer startRegistry() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/", (exchange) -> {
				received.put(exchange.getRequestURI().getPath(), exchange.getRequestHeaders());
				String answer = exchange.getRequestURI().getPath().equals("/v3/api-docs") ? REGISTRY_DOCS
						: "{\"from\":\"registry\"}";
				byte[] body = answer.getBytes(StandardCharsets.UTF_8);
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

	private static MailCatcher startMailCatcher() {
		try {
			return MailCatcher.start(Files.createTempDirectory("gateway-mail"), 0, 0);
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
