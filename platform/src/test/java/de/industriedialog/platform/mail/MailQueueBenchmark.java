package de.industriedialog.platform.mail;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.industriedialog.localstack.LocalMongoServer;
import de.industriedialog.localstack.MailCatcher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Not a test: how fast the mail queue drains a backlog of participant-sized mails (HTML,
 * text, a calendar file) into the local mail server over the store's TCP protocol, for 1
 * and for the default 4 SMTP connections. Run with {@code ./mvnw -o -pl platform verify
 * -Dbenchmark=true -Dit.test=MailQueueBenchmark -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false}; the
 * figures (mails per second, CPU milliseconds per mail of this JVM, which holds the
 * store, the mail server and the sender) are printed, not asserted.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class MailQueueBenchmark {

	static final int MAILS = Integer.getInteger("benchmark.mails", 2_000);

	@Test
	void drainBacklog() throws Exception {
		for (int connections : new int[] { 1, 4 }) {
			run(connections);
		}
	}

	private void run(int connections) throws Exception {
		try (LocalMongoServer server = LocalMongoServer.inMemory();
				MongoClient client = MongoClients.create(server.connectionString());
				MailCatcher catcher = MailCatcher.start(Files.createTempDirectory("mail-bench"), 0, 0)) {
			MongoTemplate mongo = new MongoTemplate(client, "mail_bench");
			MailQueue queue = new MailQueue(mongo, Clock.systemUTC(), "bench.industriedialog.de");
			String html = "<p>Hallo,</p>" + "<p>deine Anmeldung ist bestätigt.</p>".repeat(40);
			String text = "Hallo,\n" + "deine Anmeldung ist bestätigt.\n".repeat(40);
			byte[] calendar = ("BEGIN:VCALENDAR\r\n" + "X-FILLER:0123456789\r\n".repeat(40) + "END:VCALENDAR\r\n")
				.getBytes(java.nio.charset.StandardCharsets.UTF_8);
			for (int i = 0; i < MAILS; i++) {
				queue.enqueue(new OutgoingMail("bench-" + connections + "-" + i, "confirmation", "reg-" + i,
						"Industriedialog <noreply@industriedialog.de>", "p" + i + "@example.org", "Person " + i,
						"Anmeldung bestätigt: Zukunftswerkstatt", html, text,
						List.of(new OutgoingMail.Attachment("veranstaltung.ics", "text/calendar; charset=UTF-8",
								calendar)),
						Map.of()));
			}
			JavaMailSenderImpl smtp = new JavaMailSenderImpl();
			smtp.setHost("127.0.0.1");
			smtp.setPort(catcher.smtpPort());
			smtp.setJavaMailProperties(new Properties());
			SimpleMeterRegistry meters = new SimpleMeterRegistry();
			MailQueueProperties properties = new MailQueueProperties(true, connections, Duration.ofMillis(200),
					Duration.ofMinutes(2), Duration.ofSeconds(5), Duration.ofMinutes(15), Duration.ofHours(72),
					Duration.ofSeconds(30), Duration.ofDays(7));
			MailQueueSender sender = new MailQueueSender(queue, smtp, properties, meters, Clock.systemUTC());
			long cpuBefore = cpuNanos();
			long start = System.nanoTime();
			sender.start();
			while (meters.counter("mails.sent", "type", "confirmation").count() < MAILS) {
				Thread.sleep(20);
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			double cpuMs = (cpuNanos() - cpuBefore) / 1e6;
			sender.stop();
			System.out.printf(
					"mail queue benchmark: %d mails, %d connection(s): %.1f s, %.0f mails/s, %.2f CPU ms"
							+ " per mail (sender, store and mail server in this JVM), %d cores%n",
					MAILS, connections, seconds, MAILS / seconds, cpuMs / MAILS,
					Runtime.getRuntime().availableProcessors());
		}
	}

	private static long cpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

}
