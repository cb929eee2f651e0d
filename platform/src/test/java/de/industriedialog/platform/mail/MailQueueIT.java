package de.industriedialog.platform.mail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.industriedialog.platform.testing.MovableClock;
import de.industriedialog.localstack.LocalMongoServer;
import de.industriedialog.localstack.MailCatcher;
import de.industriedialog.platform.mail.QueuedMail.Status;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The mail queue against the store over TCP and a real SMTP server (the project's mail
 * catcher, which also plays greylisting and unknown mailboxes), including the server
 * being away and two instances draining one queue.
 */
class MailQueueIT {

	static final LocalMongoServer server = LocalMongoServer.inMemory();

	static final MongoClient client = MongoClients.create(server.connectionString());

	static final JsonMapper json = JsonMapper.builder().build();

	static final HttpClient http = HttpClient.newHttpClient();

	final MongoTemplate mongo = new MongoTemplate(client, "mail_" + UUID.randomUUID().toString().substring(0, 8));

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	final String run = UUID.randomUUID().toString().substring(0, 8);

	final List<AutoCloseable> closing = new ArrayList<>();

	final MailQueueProperties properties = new MailQueueProperties(true, 4, Duration.ofMillis(100),
			Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofHours(1),
			Duration.ofSeconds(5), Duration.ofDays(7));

	@AfterEach
	void close() throws Exception {
		for (int i = this.closing.size() - 1; i >= 0; i--) {
			this.closing.get(i).close();
		}
	}

	@AfterAll
	static void stopStore() {
		client.close();
		server.close();
	}

	@Test
	void shouldSendEachKeyOnceWithAMessageIdDerivedFromTheKey() throws Exception {
		MailCatcher catcher = catcher(0);
		MailQueue queue = queue();
		start(queue, catcher.smtpPort());
		String to = address("ute");

		assertThat(queue.enqueue(mail("confirm-" + this.run, to, "Ute Ühler"))).isTrue();
		assertThat(queue.enqueue(mail("confirm-" + this.run, to, "Ute Ühler"))).isFalse();

		await().atMost(Duration.ofSeconds(10)).until(() -> status(queue, "confirm-" + this.run) == Status.SENT);
		List<JsonNode> mails = mails(catcher, to);
		assertThat(mails).hasSize(1);
		assertThat("<" + mails.get(0).get("messageId").asString() + ">")
			.isEqualTo(queue.messageId("confirm-" + this.run));
		JsonNode full = message(catcher, mails.get(0).get("id").asLong());
		assertThat(full.toString()).contains("Hallo Ute");
		QueuedMail sent = queue.find("confirm-" + this.run).orElseThrow();
		assertThat(sent.to()).as("a sent mail keeps no address").isNull();
		assertThat(sent.attempts()).isEqualTo(1);
		assertThat(this.meters.counter("mails.sent", "type", "confirmation").count()).isEqualTo(1);
		// A later redelivery of what caused the mail queues nothing new.
		assertThat(queue.enqueue(mail("confirm-" + this.run, to, "Ute Ühler"))).isFalse();
	}

	@Test
	void shouldFindAndEraseAPersonsMailsBySubjectKeyAlsoAfterTheAddressWasDroppedOnSending() throws Exception {
		MailCatcher catcher = catcher(0);
		de.industriedialog.platform.privacy.SubjectKeys keys = new de.industriedialog.platform.privacy.SubjectKeys(
				"test-subject-key-" + this.run);
		MailQueue queue = new MailQueue(this.mongo, Clock.systemUTC(), "test.industriedialog.de", keys);
		String to = address("erika");
		// Queued before subject keys existed: the backfill keys it.
		new MailQueue(this.mongo, Clock.systemUTC(), "test.industriedialog.de")
			.enqueue(mail("old-" + this.run, to, "Erika Muster"));
		assertThat(queue.backfillSubjectKeys()).isEqualTo(1);
		queue.enqueue(mail("new-" + this.run, to.toUpperCase(java.util.Locale.ROOT), "Erika Muster"));
		queue.enqueue(mail("other-" + this.run, address("otto"), "Otto"));
		start(queue, catcher.smtpPort());
		await().atMost(Duration.ofSeconds(10)).until(() -> allSent(queue, 3));

		String subject = keys.of(to);
		assertThat(queue.countBySubject(subject)).isEqualTo(2);
		assertThat(queue.findBySubject(subject)).extracting(QueuedMail::key)
			.containsExactlyInAnyOrder("old-" + this.run, "new-" + this.run);
		assertThat(queue.deleteBySubject(subject)).isEqualTo(2);
		assertThat(queue.deleteBySubject(subject)).isZero();
		assertThat(queue.find("other-" + this.run)).isPresent();
		assertThat(queue.find("old-" + this.run)).isEmpty();
	}

	@Test
	void shouldWaitOutAMailServerThatIsAwayAndThenSendOnce() throws Exception {
		int port = freePort();
		MailQueue queue = queue();
		start(queue, port);
		String to = address("wait");

		queue.enqueue(mail("away-" + this.run, to, "Wanda"));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> queue.find("away-" + this.run).orElseThrow().attempts() >= 3);
		QueuedMail waiting = queue.find("away-" + this.run).orElseThrow();
		assertThat(waiting.status()).isEqualTo(Status.PENDING);
		assertThat(waiting.lastError()).contains("Connect");
		assertThat(this.meters.counter("mails.failed", "type", "confirmation").count()).isZero();

		MailCatcher catcher = catcher(port);
		await().atMost(Duration.ofSeconds(10)).until(() -> status(queue, "away-" + this.run) == Status.SENT);
		assertThat(mails(catcher, to)).hasSize(1);
	}

	@Test
	void shouldRetryAGreylistedMailAndRecordAPermanentRefusalWithoutRetrying() throws Exception {
		MailCatcher catcher = catcher(0);
		MailQueue queue = queue();
		start(queue, catcher.smtpPort());
		String greylisted = MailCatcher.GREYLISTED_PREFIX + address("grey");
		String refused = MailCatcher.REFUSED_PREFIX + address("gone");

		queue.enqueue(mail("grey-" + this.run, greylisted, "Greta"));
		queue.enqueue(mail("gone-" + this.run, refused, "Gustav"));

		await().atMost(Duration.ofSeconds(10)).until(() -> status(queue, "grey-" + this.run) == Status.SENT);
		assertThat(queue.find("grey-" + this.run).orElseThrow().attempts()).isEqualTo(2);
		assertThat(mails(catcher, greylisted)).hasSize(1);

		await().atMost(Duration.ofSeconds(10)).until(() -> status(queue, "gone-" + this.run) == Status.FAILED);
		Thread.sleep(1000); // several scans and back-off periods: still not retried
		QueuedMail failed = queue.find("gone-" + this.run).orElseThrow();
		assertThat(failed.status()).isEqualTo(Status.FAILED);
		assertThat(failed.attempts()).isEqualTo(1);
		assertThat(failed.lastError()).contains("550").doesNotContain(refused);
		assertThat(queue.list(Status.FAILED, 10)).extracting(QueuedMail::key).containsExactly("gone-" + this.run);
		assertThat(this.meters.counter("mails.failed", "type", "confirmation").count()).isEqualTo(1);
		assertThat(mails(catcher, refused)).isEmpty();
	}

	@Test
	void shouldEncodeNamesAndRefuseAnAddressWithALineBreak() throws Exception {
		MailCatcher catcher = catcher(0);
		MailQueue queue = queue();
		start(queue, catcher.smtpPort());
		String to = address("joerg");

		queue.enqueue(mail("name-" + this.run, to, "Jörg Müller\r\nBcc: " + address("evil")));
		queue.enqueue(mail("break-" + this.run, address("a") + "\r\nBcc: " + address("evil"), "Anna"));

		await().atMost(Duration.ofSeconds(10)).until(() -> status(queue, "name-" + this.run) == Status.SENT);
		await().atMost(Duration.ofSeconds(10)).until(() -> status(queue, "break-" + this.run) == Status.FAILED);
		List<JsonNode> mails = mails(catcher, to);
		assertThat(mails).hasSize(1);
		assertThat(mails.get(0).get("to").toString()).doesNotContain("evil");
		JsonNode full = message(catcher, mails.get(0).get("id").asLong());
		List<String> headerNames = new ArrayList<>();
		full.get("headers").forEach((header) -> headerNames.add(header.get("name").asString()));
		assertThat(headerNames).doesNotContain("Bcc").containsOnlyOnce("To");
		assertThat(full.get("headers").toString()).contains("Jörg Müller");
		assertThat(mails(catcher, address("evil"))).isEmpty();
	}

	@Test
	void shouldSendEveryMailOnceWhenTwoInstancesDrainTheQueue() throws Exception {
		MailCatcher catcher = catcher(0);
		MailQueue first = queue();
		MailQueue second = queue();
		start(first, catcher.smtpPort());
		start(second, catcher.smtpPort());
		int count = 200;
		for (int i = 0; i < count; i++) {
			MailQueue queue = (i % 2 == 0) ? first : second;
			queue.enqueue(mail("both-" + this.run + "-" + i, address("p" + i), "P " + i));
		}
		await().atMost(Duration.ofSeconds(60))
			.until(() -> first.list(Status.PENDING, 1).isEmpty() && allSent(first, count));
		Map<String, Integer> perRecipient = new HashMap<>();
		for (JsonNode mail : mails(catcher, null)) {
			for (JsonNode to : mail.get("to")) {
				if (to.asString().contains(this.run)) {
					perRecipient.merge(to.asString(), 1, Integer::sum);
				}
			}
		}
		assertThat(perRecipient).hasSize(count);
		assertThat(perRecipient.values()).containsOnly(1);
		assertThat(this.meters.counter("mails.sent", "type", "confirmation").count()).isEqualTo(count);
	}

	@Test
	void shouldSendAMailWhoseClaimantDiedOnceItsLeaseEnds() throws Exception {
		MailCatcher catcher = catcher(0);
		MailQueue queue = queue();
		String to = address("orphan");
		queue.enqueue(mail("orphan-" + this.run, to, "Otto"));
		// An instance claimed it and died before sending.
		assertThat(queue.claim("orphan-" + this.run, "dead-instance", Instant.now(), Duration.ofSeconds(1)))
			.isPresent();
		start(queue, catcher.smtpPort());
		Thread.sleep(300);
		assertThat(status(queue, "orphan-" + this.run)).isEqualTo(Status.PENDING);
		await().atMost(Duration.ofSeconds(10)).until(() -> status(queue, "orphan-" + this.run) == Status.SENT);
		assertThat(mails(catcher, to)).hasSize(1);
	}

	@Test
	void shouldDeleteSentAndFailedMailsOnceTheRetentionIsOverAndKeepPendingOnes() throws Exception {
		MailCatcher catcher = catcher(0);
		MovableClock clock = MovableClock.stoppedAt(Instant.now());
		MailQueue queue = new MailQueue(this.mongo, clock, "test.industriedialog.de");
		AutoCloseable first = start(queue, catcher.smtpPort(), clock);
		queue.enqueue(mail("old-sent-" + this.run, address("alt"), "Alt"));
		queue.enqueue(mail("old-failed-" + this.run, MailCatcher.REFUSED_PREFIX + address("weg"), "Weg"));
		await().atMost(Duration.ofSeconds(10)).until(() -> status(queue, "old-sent-" + this.run) == Status.SENT);
		await().atMost(Duration.ofSeconds(10)).until(() -> status(queue, "old-failed-" + this.run) == Status.FAILED);
		clock.advance(Duration.ofDays(6));
		queue.enqueue(mail("recent-" + this.run, address("neu"), "Neu"));
		await().atMost(Duration.ofSeconds(10)).until(() -> status(queue, "recent-" + this.run) == Status.SENT);
		first.close();

		clock.advance(Duration.ofDays(1).plusHours(1));
		// Queued while no instance drains the queue: to be sent still.
		queue.enqueue(mail("pending-" + this.run, address("wartet"), "Wartet"));
		// The next instance sweeps on its first scan; its mail server is away, so the
		// pending mail stays pending.
		start(queue, freePort(), clock);

		await().atMost(Duration.ofSeconds(10))
			.until(() -> queue.find("old-sent-" + this.run).isEmpty()
					&& queue.find("old-failed-" + this.run).isEmpty());
		assertThat(queue.find("recent-" + this.run)).isPresent();
		assertThat(queue.find("pending-" + this.run).orElseThrow().status()).isEqualTo(Status.PENDING);
		assertThat(queue.deleteFinishedBefore(clock.instant().minus(Duration.ofDays(7)))).isZero();
	}

	@Test
	void shouldDeleteEveryMailOfAReferenceWhateverItsStatus() {
		MailQueue queue = queue();
		queue.enqueue(mailFor("erase-a-" + this.run, "reg-erased", address("a")));
		queue.enqueue(mailFor("erase-b-" + this.run, "reg-erased", address("b")));
		queue.enqueue(mailFor("keep-" + this.run, "reg-kept", address("c")));

		assertThat(queue.deleteByReferences(List.of("reg-erased"))).isEqualTo(2);
		assertThat(queue.find("erase-a-" + this.run)).isEmpty();
		assertThat(queue.find("erase-b-" + this.run)).isEmpty();
		assertThat(queue.find("keep-" + this.run)).isPresent();
		assertThat(queue.deleteByReferences(List.of("reg-erased"))).isZero();
		assertThat(queue.deleteByReferences(List.of())).isZero();
	}

	// helpers

	private boolean allSent(MailQueue queue, int count) {
		return queue.list(Status.SENT, count + 1)
			.stream()
			.filter((mail) -> mail.key().contains(this.run))
			.count() == count;
	}

	private Status status(MailQueue queue, String key) {
		return queue.find(key).orElseThrow().status();
	}

	private MailQueue queue() {
		return new MailQueue(this.mongo, Clock.systemUTC(), "test.industriedialog.de");
	}

	private void start(MailQueue queue, int smtpPort) {
		start(queue, smtpPort, Clock.systemUTC());
	}

	private AutoCloseable start(MailQueue queue, int smtpPort, Clock clock) {
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost("127.0.0.1");
		sender.setPort(smtpPort);
		Properties properties = new Properties();
		properties.put("mail.smtp.connectiontimeout", "2000");
		properties.put("mail.smtp.timeout", "5000");
		sender.setJavaMailProperties(properties);
		MailQueueSender mailSender = new MailQueueSender(queue, sender, this.properties, this.meters, clock);
		mailSender.start();
		this.closing.add(mailSender::stop);
		return mailSender::stop;
	}

	private MailCatcher catcher(int smtpPort) throws IOException {
		MailCatcher catcher = MailCatcher.start(Files.createTempDirectory("mail-queue-it"), smtpPort, 0);
		this.closing.add(catcher);
		return catcher;
	}

	private String address(String who) {
		return who + "-" + this.run + "@example.org";
	}

	private static OutgoingMail mail(String key, String to, String name) {
		return mail(key, "reg-1", to, name);
	}

	private static OutgoingMail mailFor(String key, String reference, String to) {
		return mail(key, reference, to, "Name");
	}

	private static OutgoingMail mail(String key, String reference, String to, String name) {
		return new OutgoingMail(key, "confirmation", reference, "Industriedialog <noreply@industriedialog.de>", to,
				name, "Anmeldung bestätigt: Zukunftswerkstatt", "<p>Hallo " + name + "</p>", "Hallo " + name, List.of(),
				Map.of());
	}

	private static List<JsonNode> mails(MailCatcher catcher, String to) throws Exception {
		String uri = "http://127.0.0.1:" + catcher.httpPort() + "/api/messages"
				+ ((to != null) ? "?to=" + URLEncoder.encode(to, StandardCharsets.UTF_8) : "");
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(uri)).build(),
				HttpResponse.BodyHandlers.ofString());
		List<JsonNode> mails = new ArrayList<>();
		json.readTree(response.body()).forEach(mails::add);
		return mails;
	}

	private static JsonNode message(MailCatcher catcher, long id) throws Exception {
		HttpResponse<String> response = http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + catcher.httpPort() + "/api/messages/" + id))
				.build(), HttpResponse.BodyHandlers.ofString());
		return json.readTree(response.body());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
