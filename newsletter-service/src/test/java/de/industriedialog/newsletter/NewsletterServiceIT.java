package de.industriedialog.newsletter;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;

import de.industriedialog.localstack.LocalMongoServer;
import de.industriedialog.localstack.MailCatcher;
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
 * ready (including the store's and the mail server's health) and exposes its metrics.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "industriedialog.security.jwt-secret=" + TestTokens.SECRET)
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class NewsletterServiceIT {

	static final LocalMongoServer mongo = LocalMongoServer.inMemory();

	static final MailCatcher mail = startMailCatcher();

	@Autowired
	Environment environment;

	@DynamicPropertySource
	static void mongo(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> mongo.connectionString() + "/newsletter_service");
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", mail::smtpPort);
	}

	@AfterAll
	static void stop() {
		mongo.close();
		mail.close();
	}

	private static MailCatcher startMailCatcher() {
		try {
			return MailCatcher.start(Files.createTempDirectory("newsletter-service-health"), 0, 0);
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void shouldBeHealthyAndExposeItsMetricsTaggedWithItsName() throws Exception {
		assertThat(get("/actuator/health").body()).as("health (the mail server counts too)")
			.contains("\"status\":\"UP\"");
		assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
		assertThat(get("/actuator/prometheus").body()).contains("application=\"newsletter-service\"");
	}

	private HttpResponse<String> get(String path) throws Exception {
		URI uri = URI.create("http://localhost:" + this.environment.getProperty("local.server.port") + path);
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
	}

}
