package de.industriedialog.newsletter;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import de.industriedialog.localstack.LocalMongoServer;
import de.industriedialog.platform.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service starts against a real broker and the Mongo-compatible store, reports itself
 * ready (including the store's health) and exposes its metrics.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "industriedialog.security.jwt-secret=" + TestTokens.SECRET)
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class NewsletterServiceIT {

	static final LocalMongoServer mongo = LocalMongoServer.inMemory();

	@Autowired
	Environment environment;

	@DynamicPropertySource
	static void mongo(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> mongo.connectionString() + "/newsletter_service");
	}

	@AfterAll
	static void stopMongo() {
		mongo.close();
	}

	@Test
	void shouldBeHealthyAndExposeItsMetricsTaggedWithItsName() throws Exception {
		assertThat(get("/actuator/health").body()).contains("\"status\":\"UP\"");
		assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
		assertThat(get("/actuator/prometheus").body()).contains("application=\"newsletter-service\"");
	}

	private HttpResponse<String> get(String path) throws Exception {
		URI uri = URI.create("http://localhost:" + this.environment.getProperty("local.server.port") + path);
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
	}

}
