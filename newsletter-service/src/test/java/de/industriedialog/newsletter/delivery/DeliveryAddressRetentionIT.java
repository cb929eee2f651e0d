package de.industriedialog.newsletter.delivery;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.industriedialog.localstack.LocalMongoServer;
import de.industriedialog.newsletter.NewsletterProperties;
import de.industriedialog.newsletter.subscriber.Recipient;
import de.industriedialog.newsletter.subscriber.Segment;
import de.industriedialog.platform.privacy.SubjectKeys;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retention of the address copies on delivery records against the store over TCP,
 * with the period of the service's application.yaml: a send finished longer ago keeps its
 * states and report but no address (nor the SMTP reply that repeats it); a send finished
 * recently and one still running keep theirs; a second run changes nothing.
 */
class DeliveryAddressRetentionIT {

	private static final Instant NOW = Instant.parse("2026-12-03T03:20:00Z");

	private final LocalMongoServer server = LocalMongoServer.inMemory();

	private final MongoClient client = MongoClients.create(this.server.connectionString());

	private final MongoTemplate mongo = new MongoTemplate(this.client, "newsletter_service");

	private final DeliveryStore store = new DeliveryStore(this.mongo,
			new SubjectKeys("retention-test-subject-key-of-32-bytes"));

	private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

	/** The send report as staff see it: the job's progress (no sender needed to read). */
	private final MongoDeliveryJobs reports = new MongoDeliveryJobs(this.store, null, null, null, null, this.clock);

	@AfterEach
	void stop() {
		this.client.close();
		this.server.close();
	}

	@Test
	void shouldDropAddressesOfSendsFinishedBeforeTheReportPeriodAndKeepTheReport() throws IOException {
		NewsletterProperties properties = properties();
		assertThat(properties.retention().deliveryAddresses()).isEqualTo(Duration.ofDays(30));

		finishedSend("old", NOW.minus(Duration.ofDays(31)));
		finishedSend("recent", NOW.minus(Duration.ofDays(29)));
		runningSend("running", NOW.minus(Duration.ofDays(40)));
		SendProgress oldReport = this.reports.progress("old").orElseThrow();
		assertThat(oldReport.status()).isEqualTo(DeliveryStore.JOB_DONE);
		assertThat(oldReport.sent()).isEqualTo(2);
		assertThat(oldReport.failed()).isEqualTo(1);
		SendProgress recentReport = this.reports.progress("recent").orElseThrow();
		DeliveryStore.Counts oldCounts = this.store.counts("old");

		DeliveryAddressRetention retention = new DeliveryAddressRetention(this.store, properties, this.clock);
		retention.run();

		List<Document> old = deliveries("old");
		assertThat(old).hasSize(3).allSatisfy((delivery) -> {
			assertThat(delivery).doesNotContainKey("email")
				.doesNotContainKey("lastError")
				.doesNotContainKey("subjectKey");
			assertThat(delivery.toJson()).doesNotContain("@example.org");
		});
		assertThat(old).extracting((delivery) -> delivery.getString("state"))
			.containsExactly(DeliveryStore.SENT, DeliveryStore.SENT, DeliveryStore.FAILED);
		assertThat(this.reports.progress("old")).contains(oldReport);
		assertThat(this.store.counts("old")).isEqualTo(oldCounts);

		assertThat(deliveries("recent")).allSatisfy((delivery) -> assertThat(delivery.getString("email")).isNotNull());
		assertThat(this.reports.progress("recent")).contains(recentReport);
		assertThat(deliveries("running")).allSatisfy((delivery) -> assertThat(delivery.getString("email")).isNotNull());

		// again (the next day's run, or a second replica): the same
		assertThat(retention.dropAddresses(NOW)).isZero();
		assertThat(deliveries("old")).isEqualTo(old);
		assertThat(this.reports.progress("old")).contains(oldReport);
		assertThat(deliveries("recent")).allSatisfy((delivery) -> assertThat(delivery.getString("email")).isNotNull());
	}

	/** The periods as the service configures them (application.yaml and defaults). */
	static NewsletterProperties properties() throws IOException {
		StandardEnvironment environment = new StandardEnvironment();
		new YamlPropertySourceLoader().load("application.yaml", new ClassPathResource("application.yaml"))
			.forEach(environment.getPropertySources()::addLast);
		return Binder.get(environment).bind("industriedialog.newsletter", NewsletterProperties.class).get();
	}

	/** Two mails accepted, one refused for good with the address in the reply. */
	private void finishedSend(String issueId, Instant finishedAt) {
		Instant startedAt = finishedAt.minus(Duration.ofMinutes(5));
		record(issueId, startedAt);
		this.store.markSent(issueId + ":a", startedAt.plusSeconds(1));
		this.store.markSent(issueId + ":b", startedAt.plusSeconds(2));
		this.store.markFailed(issueId + ":c", "550 5.1.1 <" + issueId + "-c@example.org>: Recipient address rejected",
				true);
		DeliveryStore.Counts counts = this.store.counts(issueId);
		this.store.markJobDone(issueId,
				new SendProgress(issueId, DeliveryStore.JOB_DONE, 3, counts.sent(), counts.failed(), 0, startedAt,
						finishedAt, MongoDeliveryJobs.rate(counts.sent(), startedAt, finishedAt)));
	}

	/** Still going (a retry waits): its addresses are needed. */
	private void runningSend(String issueId, Instant startedAt) {
		record(issueId, startedAt);
		this.store.markSent(issueId + ":a", startedAt.plusSeconds(1));
	}

	private void record(String issueId, Instant startedAt) {
		this.store.createJob(issueId, Segment.everyone(), null, startedAt, startedAt);
		this.store.recordRecipients(issueId,
				List.of(recipient(issueId, "a"), recipient(issueId, "b"), recipient(issueId, "c")), startedAt);
		this.store.markJobSending(issueId, 3);
	}

	private static Recipient recipient(String issueId, String subscriber) {
		return new Recipient(subscriber, issueId + "-" + subscriber + "@example.org", "Name " + subscriber);
	}

	private List<Document> deliveries(String issueId) {
		return this.mongo.getCollection(DeliveryStore.DELIVERIES)
			.find(new Document("issueId", issueId))
			.sort(new Document("_id", 1))
			.into(new java.util.ArrayList<>());
	}

}
