package de.industriedialog.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import de.industriedialog.localstack.LocalMongoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway balances over the instances of a service: with one instance stopped (its
 * port refuses connections) every request still reaches the other, while a request that
 * reached an instance and lost its connection is not sent again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayLoadBalancingIT {

	static final LocalMongoServer mongo = LocalMongoServer.inMemory();

	static final AtomicInteger served = new AtomicInteger();

	static final AtomicInteger dropped = new AtomicInteger();

	static final HttpServer running = start();

	static final int stopped = closedPort();

	private final HttpClient http = HttpClient.newHttpClient();

	@Autowired
	Environment environment;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry properties) {
		properties.add("spring.mongodb.uri", () -> mongo.connectionString() + "/gateway");
		properties.add("JWT_SECRET", () -> "gateway-test-secret-of-at-least-32-bytes");
		properties.add("spring.cloud.discovery.client.simple.instances.initiative-registry[0].uri",
				() -> "http://127.0.0.1:" + stopped);
		properties.add("spring.cloud.discovery.client.simple.instances.initiative-registry[1].uri",
				() -> "http://127.0.0.1:" + running.getAddress().getPort());
	}

	@AfterAll
	static void stop() {
		running.stop(0);
		mongo.close();
	}

	@Test
	void shouldSendEveryRequestToTheRunningInstanceWhenTheOtherRefusesConnections() throws Exception {
		for (int i = 0; i < 10; i++) {
			assertThat(get("/api/initiatives?page=" + i).statusCode()).isEqualTo(200);
		}
		assertThat(served).hasValue(10);
	}

	@Test
	void shouldNotSendAgainARequestWhoseConnectionDroppedAfterItArrived() throws Exception {
		int before = dropped.get();
		HttpResponse<String> response = get("/api/initiatives/abgebrochen");
		assertThat(response.statusCode()).isEqualTo(502);
		assertThat(dropped.get() - before).isEqualTo(1);
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.environment.getProperty("local.server.port") + path))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpServer start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/", (exchange) -> {
				if (exchange.getRequestURI().getPath().endsWith("/abgebrochen")) {
					dropped.incrementAndGet();
					exchange.close();
					return;
				}
				served.incrementAndGet();
				byte[] body = "{\"page\":{}}".getBytes(StandardCharsets.UTF_8);
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
