package de.industriedialog.newsletter.delivery;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.industriedialog.localstack.LocalMongoServer;
import de.industriedialog.newsletter.delivery.TestSmtpServer.Received;
import de.industriedialog.platform.testing.ServiceClient;
import de.industriedialog.platform.testing.TestTokens;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Retries, permanent failures and throttling of the Infobrief send against a real SMTP
 * server that refuses recipients on demand and records when each mail arrived.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"industriedialog.security.jwt-secret=" + TestTokens.SECRET,
		"industriedialog.newsletter.delivery.rate-per-second=20", "industriedialog.newsletter.delivery.connections=4",
		"industriedialog.newsletter.delivery.batch-size=25", "industriedialog.newsletter.delivery.retry-backoff=300ms",
		"industriedialog.newsletter.delivery.max-attempts=3", "industriedialog.newsletter.delivery.lease=2s" })
@EmbeddedKafka(partitions = 3, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class DeliveryEmbeddedIT {

	static final LocalMongoServer mongo = LocalMongoServer.inMemory();

	static final TestSmtpServer smtp = TestSmtpServer.start();

	@Autowired
	de.industriedialog.platform.privacy.SubjectKeys subjectKeys;

	@Autowired
	Environment environment;

	final JsonMapper json = JsonMapper.builder().build();

	final ServiceClient client = new ServiceClient(
			() -> "http://localhost:" + this.environment.getProperty("local.server.port"), this.json);

	MongoClient mongoClient;

	MongoDatabase database;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> mongo.connectionString() + "/newsletter_service");
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", smtp::port);
	}

	@BeforeEach
	void connect() {
		this.mongoClient = MongoClients.create(mongo.connectionString());
		this.database = this.mongoClient.getDatabase("newsletter_service");
	}

	@AfterEach
	void disconnect() {
		this.mongoClient.close();
	}

	@AfterAll
	static void stop() {
		smtp.close();
		mongo.close();
	}

	@Test
	void shouldRetryTemporaryRefusalsAndGiveUpOnRefusedAddresses() {
		String run = UUID.randomUUID().toString().substring(0, 8);
		String audience = "ASSOCIATION";
		String ok = run + "-ok@example.org";
		String later = run + "-later@example.org";
		String gone = run + "-gone@example.org";
		TestSubscribers.insert(this.database,
				List.of(TestSubscribers.subscriber(run + "-ok", ok, "CONFIRMED", List.of(audience), List.of()),
						TestSubscribers.subscriber(run + "-later", later, "CONFIRMED", List.of(audience), List.of()),
						TestSubscribers.subscriber(run + "-gone", gone, "CONFIRMED", List.of(audience), List.of())));
		smtp.refuseOnce(later, 451);
		smtp.refuseAlways(gone, 550);

		String id = sendTo(audience, run);
		await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(progress(id).path("status").asString()));

		assertThat(smtp.to(ok)).hasSize(1);
		assertThat(smtp.to(later)).as("retried after 451, exactly once accepted").hasSize(1);
		assertThat(smtp.to(gone)).isEmpty();
		assertThat(smtp.refusalsLeft(gone)).as("550 is never retried: one RCPT TO only").isEqualTo(99);

		Document retried = delivery(id, run + "-later");
		assertThat(retried.getString("state")).isEqualTo("SENT");
		assertThat(retried.getInteger("attempts")).isEqualTo(2);
		Document failed = delivery(id, run + "-gone");
		assertThat(failed.getString("state")).isEqualTo("FAILED");
		assertThat(failed.getBoolean("permanent")).isTrue();
		assertThat(failed.getString("lastError")).startsWith("550");
		Document suppression = this.database.getCollection("suppressions")
			.find(new Document("_id", this.subjectKeys.of(gone)))
			.first();
		assertThat(suppression).isNotNull();
		assertThat(suppression.getString("reason")).isEqualTo("BOUNCED");
		Document subscriber = this.database.getCollection("subscribers")
			.find(new Document("_id", run + "-gone"))
			.first();
		assertThat(subscriber.getString("status")).isEqualTo("UNSUBSCRIBED");

		JsonNode progress = progress(id);
		assertThat(progress.path("recipients").asLong()).isEqualTo(3);
		assertThat(progress.path("sent").asLong()).isEqualTo(2);
		assertThat(progress.path("failed").asLong()).isEqualTo(1);
		assertThat(progress.path("pending").asLong()).isZero();
	}

	@Test
	void shouldNeverExceedTheRateInAnySecond() {
		String run = UUID.randomUUID().toString().substring(0, 8);
		String audience = "UNION";
		List<Document> subscribers = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			subscribers.add(TestSubscribers.subscriber(run + "-" + i, run + "-" + i + "@example.org", "CONFIRMED",
					List.of(audience), List.of()));
		}
		TestSubscribers.insert(this.database, subscribers);

		String id = sendTo(audience, run);
		await().atMost(Duration.ofSeconds(40)).until(() -> "SENT".equals(progress(id).path("status").asString()));

		List<Instant> arrivals = smtp.received()
			.stream()
			.filter((r) -> r.recipient().startsWith(run + "-"))
			.map(Received::at)
			.sorted()
			.toList();
		assertThat(arrivals).hasSize(60);
		int burst = 2;
		for (int i = 0; i < arrivals.size(); i++) {
			Instant windowStart = arrivals.get(i);
			Instant windowEnd = windowStart.plusSeconds(1);
			long inWindow = arrivals.stream().filter((a) -> !a.isBefore(windowStart) && a.isBefore(windowEnd)).count();
			assertThat(inWindow).as("mails in the second after arrival %d", i).isLessThanOrEqualTo(20 + burst);
		}
		// 60 mails at 20 per second take close to three seconds, not a burst.
		assertThat(Duration.between(arrivals.get(0), arrivals.get(59))).isGreaterThan(Duration.ofMillis(2500));
		assertThat(progress(id).path("mailsPerSecond").asDouble()).isBetween(1.0, 25.0);
	}

	private String sendTo(String audience, String run) {
		Map<String, Object> draft = Map.of("subject", "Infobrief " + run, "intro", "Hallo.", "segment",
				Map.of("audiences", List.of(audience), "states", List.of()));
		HttpResponse<String> created = this.client.post("/api/infobriefe", TestTokens.staff(), draft);
		String id = this.client.body(created).path("id").asString();
		HttpResponse<String> send = this.client.post("/api/infobriefe/" + id + "/send", TestTokens.staff());
		assertThat(send.statusCode()).as(send.body()).isEqualTo(202);
		return id;
	}

	private Document delivery(String issueId, String subscriberId) {
		return this.database.getCollection("deliveries")
			.find(new Document("_id", issueId + ":" + subscriberId))
			.first();
	}

	private JsonNode progress(String id) {
		return this.client.body(this.client.get("/api/infobriefe/" + id + "/progress", TestTokens.staff()));
	}

}
