package de.industriedialog.newsletter.delivery;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.industriedialog.localstack.LocalMongoServer;
import de.industriedialog.newsletter.NewsletterServiceApplication;
import de.industriedialog.platform.testing.ServiceClient;
import de.industriedialog.platform.testing.TestTokens;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The send survives the death of the process that sends: the service runs as a child JVM
 * (against this JVM's Kafka broker, Mongo-compatible server and SMTP server), is killed
 * in the middle of a send, and a new process finishes it. Every recipient gets exactly
 * one mail.
 * <p>
 * (a) SIGKILL: the SMTP server stops answering {@code RCPT TO} after 100 accepted
 * recipients, so the kill happens at a known point: 100 mails accepted and recorded, the
 * sender threads waiting for the server. The gate sits before DATA on purpose. A kill
 * after the server accepted the DATA but before the client recorded the delivery is the
 * window RFC 1047 describes, which no SMTP client can close: the mail is out, the record
 * says it is not, and the next owner sends it again. The sender records each delivery
 * right after the server's reply, so that window is at most one mail per connection, and
 * the deterministic {@code Message-ID} makes such a duplicate recognisable (mailbox
 * providers collapse it). The test asserts the guarantee the code can give.
 * <p>
 * (b) SIGTERM without a gate: the graceful stop finishes and records the mail each sender
 * thread is writing, hands the claimed rest back and gives up the lease; the next process
 * continues.
 */
@EmbeddedKafka(partitions = 3)
class DeliveryCrashIT {

	static final int RECIPIENTS = 300;

	static final String DATABASE = "newsletter_crash";

	final LocalMongoServer mongo = LocalMongoServer.inMemory();

	final TestSmtpServer smtp = TestSmtpServer.start();

	final JsonMapper json = JsonMapper.builder().build();

	final List<Process> children = new ArrayList<>();

	int httpPort;

	final ServiceClient client = new ServiceClient(() -> "http://localhost:" + this.httpPort, this.json);

	@AfterEach
	void stop() {
		this.children.forEach(Process::destroyForcibly);
		this.smtp.close();
		this.mongo.close();
	}

	@Test
	void shouldSendExactlyOnceAcrossKillAndGracefulStop(EmbeddedKafkaBroker broker) throws Exception {
		seed(RECIPIENTS);

		// (a) SIGKILL while the sender threads wait in RCPT TO
		this.smtp.holdAfter(100);
		Process first = startChild(broker, 1);
		String issueA = createAndSend("Infobrief A");
		await().atMost(Duration.ofSeconds(60)).until(() -> mailsOf(issueA) >= 100 && this.smtp.waitingAtGate() >= 1);
		Thread.sleep(300);
		first.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
		assertThat(mailsOf(issueA)).isEqualTo(100);
		this.smtp.releaseGate();

		Process second = startChild(broker, 2);
		awaitSent(issueA);
		assertExactlyOnce(issueA);

		// (b) SIGTERM in the middle of a send, then a new process
		String issueB = createAndSend("Infobrief B");
		await().atMost(Duration.ofSeconds(60)).until(() -> mailsOf(issueB) >= 60);
		second.destroy();
		// What counts is that the stop is graceful (the send resumes exactly once), not
		// how
		// fast: the binder stops its listener containers one after the other, each
		// waiting
		// for its consumer, which took over 40 s on the loaded CI machine.
		assertThat(second.waitFor(120, TimeUnit.SECONDS)).as("graceful stop").isTrue();
		long beforeRestart = mailsOf(issueB);
		assertThat(beforeRestart).as("stopped in the middle").isLessThan(RECIPIENTS);

		startChild(broker, 3);
		awaitSent(issueB);
		assertExactlyOnce(issueB);
	}

	private void seed(int count) {
		try (MongoClient mongoClient = MongoClients.create(this.mongo.connectionString())) {
			List<Document> subscribers = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				String id = String.format("sub-%04d", i);
				subscribers.add(
						TestSubscribers.subscriber(id, id + "@example.org", "CONFIRMED", List.of("PUBLIC"), List.of()));
			}
			TestSubscribers.insert(mongoClient.getDatabase(DATABASE), subscribers);
		}
	}

	private String createAndSend(String subject) {
		Map<String, Object> draft = Map.of("subject", subject, "intro", "Hallo zusammen.", "segment",
				Map.of("audiences", List.of(), "states", List.of()));
		String id = this.client.body(this.client.post("/api/infobriefe", TestTokens.staff(), draft))
			.path("id")
			.asString();
		HttpResponse<String> send = this.client.post("/api/infobriefe/" + id + "/send", TestTokens.staff());
		assertThat(send.statusCode()).as(send.body()).isEqualTo(202);
		assertThat(this.client.body(send).path("recipients").asLong()).isEqualTo(RECIPIENTS);
		return id;
	}

	private void awaitSent(String issueId) {
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
			HttpResponse<String> progress = this.client.get("/api/infobriefe/" + issueId + "/progress",
					TestTokens.staff());
			return progress.statusCode() == 200
					&& "SENT".equals(this.json.readTree(progress.body()).path("status").asString());
		});
		JsonProgress progress = new JsonProgress(this.json
			.readTree(this.client.get("/api/infobriefe/" + issueId + "/progress", TestTokens.staff()).body()));
		assertThat(progress.sent()).isEqualTo(RECIPIENTS);
		assertThat(progress.failed()).isZero();
	}

	private void assertExactlyOnce(String issueId) {
		Map<String, Long> perRecipient = this.smtp.countByRecipient((r) -> isOf(r, issueId));
		assertThat(perRecipient).hasSize(RECIPIENTS);
		assertThat(perRecipient.entrySet())
			.allSatisfy((entry) -> assertThat(entry.getValue()).as(entry.getKey()).isEqualTo(1L));
		assertThat(mailsOf(issueId)).isEqualTo(RECIPIENTS);
	}

	private long mailsOf(String issueId) {
		return this.smtp.received().stream().filter((r) -> isOf(r, issueId)).count();
	}

	private static boolean isOf(TestSmtpServer.Received received, String issueId) {
		String messageId = received.header("Message-ID");
		return messageId != null && messageId.startsWith("<" + issueId + ".");
	}

	private Process startChild(EmbeddedKafkaBroker broker, int number) throws IOException {
		this.httpPort = freePort();
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Path log = Path.of("target", "delivery-crash-child-" + number + ".log");
		List<String> command = List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp",
				System.getProperty("java.class.path"), NewsletterServiceApplication.class.getName(),
				"--server.port=" + this.httpPort,
				"--spring.mongodb.uri=" + this.mongo.connectionString() + "/" + DATABASE,
				"--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(), "--spring.mail.host=127.0.0.1",
				"--spring.mail.port=" + this.smtp.port(), "--industriedialog.security.jwt-secret=" + TestTokens.SECRET,
				"--industriedialog.newsletter.delivery.lease=2s",
				"--industriedialog.newsletter.delivery.rate-per-second=100",
				"--industriedialog.newsletter.delivery.connections=4",
				"--industriedialog.newsletter.delivery.batch-size=20", "--spring.main.banner-mode=off",
				"--logging.structured.format.console=", "--logging.level.root=WARN",
				"--logging.level.de.industriedialog=INFO");
		Files.createDirectories(log.getParent());
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.directory(new File("."))
			.start();
		this.children.add(process);
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			assertThat(process.isAlive()).as("child %d is running (see %s)", number, log).isTrue();
			assertThat(readiness()).isEqualTo(200);
		});
		return process;
	}

	private int readiness() {
		try {
			return this.client.get("/actuator/health/readiness").statusCode();
		}
		catch (RuntimeException notYet) {
			return -1;
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private record JsonProgress(tools.jackson.databind.JsonNode node) {

		long sent() {
			return this.node.path("sent").asLong();
		}

		long failed() {
			return this.node.path("failed").asLong();
		}

	}

}
