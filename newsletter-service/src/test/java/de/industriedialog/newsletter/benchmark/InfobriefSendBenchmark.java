package de.industriedialog.newsletter.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

import de.industriedialog.localstack.LocalMongoServer;
import de.industriedialog.localstack.MailCatcher;
import de.industriedialog.platform.testing.TestTokens;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sends 10,000 Infobriefe to a real SMTP server (the local mail catcher, which stores
 * each mail as a file) with throttling off, through the service's own HTTP API, and
 * counts what arrived, per recipient. Not part of the build; run it with
 *
 * <pre>
 * ./mvnw -pl newsletter-service verify -Dbenchmark=true -Dit.test=InfobriefSendBenchmark \
 *     -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * Baseline in the same run: the same mails sent the way a plain Spring application does
 * it, {@code JavaMailSender.send} per mail (one SMTP connection per mail, one thread).
 * Seeding the subscribers writes the documents directly and is not measured.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "industriedialog.security.jwt-secret=" + TestTokens.SECRET,
				"industriedialog.newsletter.delivery.rate-per-second=0", "logging.level.de.industriedialog=WARN",
				"logging.level.org.subethamail=WARN" })
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class InfobriefSendBenchmark {

	static final int RECIPIENTS = Integer.getInteger("benchmark.recipients", 10_000);

	static final int RUNS = Integer.getInteger("benchmark.runs", 3);

	static final int BASELINE_MAILS = Integer.getInteger("benchmark.baseline", 1_000);

	static final LocalMongoServer mongo = LocalMongoServer.inMemory();

	static final Path mailDir = temporaryDirectory();

	static final MailCatcher smtp = MailCatcher.start(mailDir, 0, 0);

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	Environment environment;

	@Autowired
	MongoTemplate mongoTemplate;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> mongo.connectionString() + "/newsletter_service");
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", smtp::smtpPort);
	}

	@AfterAll
	static void stop() {
		smtp.close();
		mongo.close();
	}

	@Test
	void shouldSendTenThousandInfobriefeOncePerRecipient() throws Exception {
		seedSubscribers();
		double baseline = baselineMailsPerSecond();
		List<Double> rates = new ArrayList<>();
		for (int run = 1; run <= RUNS; run++) {
			String subject = "Benchmark-Infobrief Lauf " + run + " " + UUID.randomUUID();
			String issueId = createIssue(subject);
			long start = System.nanoTime();
			JsonNode sending = call("POST", "/api/infobriefe/" + issueId + "/send", null, 202);
			assertThat(sending.get("recipients").asInt()).isEqualTo(RECIPIENTS);
			JsonNode progress;
			do {
				Thread.sleep(100);
				progress = call("GET", "/api/infobriefe/" + issueId + "/progress", null, 200);
			}
			while (!"SENT".equals(progress.get("status").asString()));
			double seconds = (System.nanoTime() - start) / 1e9;
			Map<String, Integer> received = receivedPerRecipient(subject);
			assertThat(received).hasSize(RECIPIENTS);
			assertThat(received.values()).allMatch((count) -> count == 1);
			assertThat(progress.get("sent").asInt()).isEqualTo(RECIPIENTS);
			double rate = RECIPIENTS / seconds;
			rates.add(rate);
			System.out.printf(Locale.ROOT,
					"BENCHMARK run %d: %d mails in %.2f s = %.0f mails/s, received %d (each once)%n", run, RECIPIENTS,
					seconds, rate, received.size());
		}
		List<Double> sorted = rates.stream().sorted().toList();
		double median = sorted.get(sorted.size() / 2);
		System.out.printf(Locale.ROOT,
				"BENCHMARK baseline (JavaMailSender.send per mail, connection per mail): %.0f mails/s%n", baseline);
		System.out.printf(Locale.ROOT,
				"BENCHMARK Infobrief send: median %.0f mails/s over %d runs %s, %.1f x baseline%n", median, RUNS,
				rates.stream().map((r) -> String.format(Locale.ROOT, "%.0f", r)).toList(), median / baseline);
	}

	private void seedSubscribers() {
		List<Document> documents = new ArrayList<>();
		for (int i = 0; i < RECIPIENTS; i++) {
			String email = String.format(Locale.ROOT, "leser-%05d@example.org", i);
			documents.add(new Document("_id", UUID.randomUUID().toString()).append("email", email)
				.append("emailKey", email)
				.append("name", null)
				.append("audiences", List.of("PUBLIC"))
				.append("states", List.of())
				.append("status", "CONFIRMED")
				.append("consents", List.of())
				.append("version", 2L)
				.append("outbox", List.of()));
			if (documents.size() == 1000) {
				this.mongoTemplate.getCollection("subscribers").insertMany(documents);
				documents.clear();
			}
		}
		if (!documents.isEmpty()) {
			this.mongoTemplate.getCollection("subscribers").insertMany(documents);
		}
	}

	private String createIssue(String subject) throws Exception {
		Map<String, Object> issue = new HashMap<>();
		issue.put("subject", subject);
		issue.put("intro", "Liebe Leserinnen und Leser, das ist neu im Industriedialog.");
		issue.put("sections",
				List.of(Map.of("heading", "Zukunftswerkstatt in Mannheim", "text",
						"48 Teilnehmende, 87 % sahen ihre Erwartungen erfüllt (23 Rückmeldungen).", "link",
						"https://industriedialog.de/veranstaltung.html?id=1", "linkLabel", "Mehr erfahren")));
		issue.put("segment", Map.of("audiences", List.of(), "states", List.of()));
		return call("POST", "/api/infobriefe", issue, 201).get("id").asString();
	}

	/** The plain way: one connection per mail, one thread, the same kind of mail. */
	private double baselineMailsPerSecond() throws Exception {
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost("127.0.0.1");
		sender.setPort(smtp.smtpPort());
		Session session = Session.getInstance(new Properties());
		String html = "<html><body><h1>Infobrief</h1><p>" + "Liebe Leserinnen und Leser. ".repeat(40)
				+ "</p></body></html>";
		String subject = "Baseline " + UUID.randomUUID();
		long start = System.nanoTime();
		for (int i = 0; i < BASELINE_MAILS; i++) {
			MimeMessage message = new MimeMessage(session);
			message.setFrom(new InternetAddress("infobrief@industriedialog.de"));
			message.setRecipients(jakarta.mail.Message.RecipientType.TO,
					String.format(Locale.ROOT, "baseline-%05d@example.org", i));
			message.setSubject(subject, "UTF-8");
			message.setText(html, "UTF-8", "html");
			sender.send(message);
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		assertThat(receivedPerRecipient(subject)).hasSize(BASELINE_MAILS);
		return BASELINE_MAILS / seconds;
	}

	/** Reads the stored mails of one subject: envelope recipient → number of mails. */
	private Map<String, Integer> receivedPerRecipient(String subject) throws IOException {
		Map<String, Integer> counts = new HashMap<>();
		try (Stream<Path> files = Files.list(mailDir)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".eml")).toList()) {
				String recipient = null;
				boolean matches = false;
				// Headers only: the body is not needed to count.
				for (String line : head(file)) {
					if (line.startsWith("X-Envelope-To: ")) {
						recipient = line.substring("X-Envelope-To: ".length()).strip();
					}
					else if (line.startsWith("Subject: ")) {
						matches = decodeSubject(line.substring("Subject: ".length())).contains(subject);
					}
				}
				if (matches && recipient != null) {
					counts.merge(recipient, 1, Integer::sum);
				}
			}
		}
		return counts;
	}

	private static List<String> head(Path file) throws IOException {
		List<String> lines = new ArrayList<>();
		String current = null;
		for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
			if (line.isEmpty()) {
				break;
			}
			if ((line.startsWith(" ") || line.startsWith("\t")) && current != null) {
				current = current + line.strip();
				lines.set(lines.size() - 1, current);
			}
			else {
				current = line;
				lines.add(line);
			}
		}
		return lines;
	}

	private static String decodeSubject(String raw) {
		try {
			return jakarta.mail.internet.MimeUtility.decodeText(raw);
		}
		catch (IOException ex) {
			return raw;
		}
	}

	private JsonNode call(String method, String path, Object body, int expected) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.environment.getProperty("local.server.port") + path))
			.timeout(Duration.ofSeconds(60))
			.header("Authorization", "Bearer " + TestTokens.staff())
			.header("Accept", "application/json");
		if (body != null) {
			request.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(this.json.writeValueAsString(body)));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(method + " " + path + " " + response.body()).isEqualTo(expected);
		return response.body().isEmpty() ? null : this.json.readTree(response.body());
	}

	private static Path temporaryDirectory() {
		try {
			return Files.createTempDirectory("infobrief-benchmark");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
