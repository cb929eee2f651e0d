package de.industriedialog.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import de.industriedialog.localstack.LocalMongoServer;
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
 * The gateway's own behaviour: routing by path prefix and German problem answers for what
 * fails at the gateway. The registry is played by a plain HTTP server here; the real
 * services behind the gateway are exercised by the system tests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayRoutingIT {

	static final LocalMongoServer mongo = LocalMongoServer.inMemory();

	static final AtomicReference<String> lastRequest = new AtomicReference<>();

	static final HttpServer registry = startRegistry();

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	Environment environment;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry properties) {
		properties.add("spring.mongodb.uri", () -> mongo.connectionString() + "/gateway");
		properties.add("REGISTRY_URL", () -> "http://127.0.0.1:" + registry.getAddress().getPort());
		properties.add("EVENT_SERVICE_URL", () -> "http://127.0.0.1:" + closedPort());
	}

	@AfterAll
	static void stop() {
		registry.stop(0);
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
	}

	@Test
	void shouldServeTheGermanStartPage() throws Exception {
		HttpResponse<String> response = get("/");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("<html lang=\"de\">").contains("Industrieinitiativen");
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
