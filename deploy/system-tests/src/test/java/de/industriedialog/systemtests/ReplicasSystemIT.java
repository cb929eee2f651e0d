package de.industriedialog.systemtests;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The local stack with two replicas of every service ({@code --replicas=2}), the way
 * production runs: a staff session made on gateway 1 continues on gateway 2,
 * registrations go through both gateways and both event-service replicas, both
 * evaluation-service replicas answer with the same figures, and when one replica of each
 * service is killed (SIGKILL) the others carry on without a refused request, the session
 * included.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasSystemIT {

	/**
	 * Apart from LocalStackSystemIT (10000), ChaosSystemIT (20000) and a developer's
	 * stack, and every port below the ephemeral range (32768 and up), where a client
	 * socket of one of the eleven JVMs could hold it (it did once, at offset 30000).
	 */
	private static final int PORT_OFFSET = 5000;

	private static final String GATEWAY_1 = "http://127.0.0.1:" + (8080 + PORT_OFFSET);

	private static final String GATEWAY_2 = "http://127.0.0.1:" + (8180 + PORT_OFFSET);

	private static final List<Integer> EVALUATION = List.of(8083 + PORT_OFFSET, 8183 + PORT_OFFSET);

	private static final List<String> KILLED = List.of("initiative-registry", "event-service", "evaluation-service",
			"newsletter-service", "gateway");

	@TempDir
	static Path dataDir;

	private final JsonMapper json = JsonMapper.builder().build();

	/** The staff's browser: cookies are per host, so both gateways get the session. */
	private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

	private final HttpClient browser = HttpClient.newBuilder()
		.cookieHandler(this.cookies)
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(3))
		.build();

	private final long testStart = System.nanoTime();

	private Process launcher;

	private Path build;

	private Properties secrets;

	private String eventId;

	private int registered;

	@BeforeAll
	void startTwoReplicasOfEverything() throws Exception {
		Path root = Path.of(System.getProperty("repository.root", "../..")).toAbsolutePath().normalize();
		assertThat(root.resolve("deploy/local-stack/target/local-stack.jar"))
			.as("launcher jar; build with ./mvnw -DskipTests package")
			.exists();
		this.build = BuildSnapshot.of(root);
		String java = ProcessHandle.current().info().command().orElse("java");
		ProcessBuilder builder = new ProcessBuilder(java, "-jar",
				this.build.resolve("deploy/local-stack/target/local-stack.jar").toString(), "--data-dir=" + dataDir,
				"--port-offset=" + PORT_OFFSET, "--replicas=2", "--no-demo-data")
			.directory(this.build.toFile())
			.redirectErrorStream(true)
			.redirectOutput(dataDir.resolve("launcher.out").toFile());
		builder.environment().put("LOCAL_STACK_CDS", "off");
		this.launcher = builder.start();
		await().atMost(Duration.ofSeconds(420))
			.pollInterval(Duration.ofMillis(500))
			.failFast("the launcher ended", () -> !this.launcher.isAlive())
			.until(() -> launcherPrinted().contains("Industriedialog is ready"));
		log("two replicas of everything ready after %.0f s", since(this.testStart));
		this.secrets = new Properties();
		try (var in = Files.newInputStream(dataDir.resolve("secrets.properties"))) {
			this.secrets.load(in);
		}
	}

	@AfterAll
	void stop() throws Exception {
		if (this.launcher != null && this.launcher.isAlive()) {
			this.launcher.destroy();
			if (!this.launcher.waitFor(90, TimeUnit.SECONDS)) {
				this.launcher.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
			}
		}
		Path logs = Path.of("target/replicas-logs");
		Files.createDirectories(logs);
		try (var files = Files.list(dataDir.resolve("logs"))) {
			for (Path file : files.toList()) {
				Files.copy(file, logs.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			}
		}
		if (this.build != null) {
			BuildSnapshot.delete(this.build);
		}
	}

	@Test
	@Order(1)
	void shouldKeepTheStaffSessionMadeOnGateway1OnGateway2() throws Exception {
		logIn(GATEWAY_1);
		assertThat(session(GATEWAY_2).get("roles").get(0).asString()).isEqualTo("STAFF");
		// Staff work on gateway 2 from here: create and open an event.
		this.eventId = createOpenEvent(GATEWAY_2);
	}

	@Test
	@Order(2)
	void shouldRegisterThroughBothGatewaysAndShowTheSameFiguresOnBothEvaluationReplicas() throws Exception {
		assertThat(this.eventId).as("event of test 1").isNotNull();
		for (int i = 0; i < 30; i++) {
			register((i % 2 == 0) ? GATEWAY_1 : GATEWAY_2, i);
		}
		awaitBothEvaluationReplicasCount(this.registered);
		assertThat(figures(overview(EVALUATION.get(0)))).isEqualTo(figures(overview(EVALUATION.get(1))));
	}

	@Test
	@Order(3)
	void shouldCarryOnWithoutARefusedRequestWhileOneReplicaOfEachServiceIsKilled() throws Exception {
		for (String service : KILLED) {
			long pid = pidOf(service).orElseThrow(() -> new AssertionError(service + " not in the pids file"));
			ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
			log("killed %s (pid %d)", service, pid);
		}
		// Gateway 1 is gone; gateway 2 carries on with the same session and sends every
		// request to the surviving replicas.
		assertThat(session(GATEWAY_2).get("roles").get(0).asString()).isEqualTo("STAFF");
		for (int i = 30; i < 50; i++) {
			register(GATEWAY_2, i);
		}
		HttpResponse<String> events = staffGet(GATEWAY_2, "/api/events/" + this.eventId);
		assertThat(events.statusCode()).as(events.body()).isEqualTo(200);
		// Once the supervisor started them again, the killed replicas answer alike,
		// evaluation-service 1 included (it resumes its own consumer group).
		await("the killed replicas back").atMost(Duration.ofSeconds(240))
			.pollInterval(Duration.ofSeconds(2))
			.until(() -> launcherPrinted().split("is up again", -1).length > KILLED.size());
		log("killed replicas up again after %.0f s", since(this.testStart));
		awaitBothEvaluationReplicasCount(this.registered);
		assertThat(figures(overview(EVALUATION.get(0)))).isEqualTo(figures(overview(EVALUATION.get(1))));
		assertThat(session(GATEWAY_1).get("roles").get(0).asString()).isEqualTo("STAFF");
	}

	/**
	 * One registration followed by its trace id: sent to the gateway with a
	 * {@code traceparent} as a browser's instrumentation would, relayed to event-service,
	 * written to its outbox and published by the relay thread later, the record on Kafka
	 * carries the same trace (a new span of it); evaluation-service's consumers continue
	 * the trace of that header (binder observation, OutboxTracingIT) and count it.
	 */
	@Test
	@Order(4)
	void shouldFollowARegistrationFromTheGatewayOntoKafkaByItsTraceId() throws Exception {
		String traceId = java.util.HexFormat.of().formatHex(randomBytes(16));
		String parentSpan = java.util.HexFormat.of().formatHex(randomBytes(8));
		register(GATEWAY_2, 1000, "00-" + traceId + "-" + parentSpan + "-01");

		Map<String, Object> config = Map.of("bootstrap.servers", "127.0.0.1:" + (9092 + PORT_OFFSET),
				"key.deserializer", ByteArrayDeserializer.class.getName(), "value.deserializer",
				ByteArrayDeserializer.class.getName(), "enable.auto.commit", false);
		String traceparent = null;
		String payload = null;
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
			List<TopicPartition> partitions = consumer.partitionsFor("dialog.registrations.v1")
				.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (traceparent == null && System.nanoTime() < deadline) {
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					Header header = record.headers().lastHeader("traceparent");
					if (header != null && new String(header.value(), StandardCharsets.UTF_8).contains(traceId)) {
						traceparent = new String(header.value(), StandardCharsets.UTF_8);
						payload = new String(record.value(), StandardCharsets.UTF_8);
					}
				}
			}
		}
		assertThat(traceparent).as("a record on dialog.registrations.v1 in trace %s", traceId)
			.matches("00-" + traceId + "-[0-9a-f]{16}-01")
			.doesNotContain(parentSpan);
		assertThat(payload).contains(this.eventId).doesNotContain("@example.org");
		awaitBothEvaluationReplicasCount(this.registered);
	}

	private static byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		new java.security.SecureRandom().nextBytes(bytes);
		return bytes;
	}

	private void register(String gateway, int n) throws Exception {
		register(gateway, n, null);
	}

	private void register(String gateway, int n, String traceparent) throws Exception {
		Map<String, Object> form = new LinkedHashMap<>();
		form.put("name", "Replik " + n);
		form.put("email", "replica-" + n + "-" + this.testStart + "@example.org");
		form.put("participantGroup", "PROFESSIONAL");
		form.put("consent", true);
		form.put("consentVersion", "teilnahme-2026-11");
		String csrf = anonymousCsrf(gateway);
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create(gateway + "/api/events/" + this.eventId + "/registrations"))
			.timeout(Duration.ofSeconds(20))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.header("X-XSRF-TOKEN", csrf)
			.header("Cookie", "XSRF-TOKEN=" + csrf)
			.POST(HttpRequest.BodyPublishers.ofString(this.json.writeValueAsString(form)));
		if (traceparent != null) {
			request.header("traceparent", traceparent);
		}
		HttpResponse<String> answer = HttpClient.newHttpClient()
			.send(request.build(), HttpResponse.BodyHandlers.ofString());
		// Accepted; whether there was a seat the mail says (no status oracle in the
		// answer).
		assertThat(answer.statusCode()).as("registration %d through %s: %s", n, gateway, answer.body()).isEqualTo(202);
		this.registered++;
	}

	private void awaitBothEvaluationReplicasCount(int registrations) {
		for (int port : EVALUATION) {
			await("registrations on evaluation-service at " + port).atMost(Duration.ofSeconds(120))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> overview(port).at("/reach/registered/total").asInt() == registrations);
		}
	}

	/**
	 * Straight from one replica (not through a gateway), with a token as the gateway
	 * relays it.
	 */
	private JsonNode overview(int port) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/kpi/overview"))
				.timeout(Duration.ofSeconds(10))
				.header("Authorization", "Bearer " + staffToken())
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	private static JsonNode figures(JsonNode overview) {
		ObjectNode figures = (ObjectNode) overview.deepCopy();
		figures.remove("asOf");
		figures.remove("sequence");
		return figures;
	}

	private String staffToken() throws Exception {
		Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
		long now = Instant.now().getEpochSecond();
		String header = base64.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8));
		String claims = base64
			.encodeToString(("{\"sub\":\"staff@replicas.test\",\"iss\":\"industriedialog-gateway\"," + "\"iat\":" + now
					+ ",\"exp\":" + (now + 300) + ",\"roles\":[\"STAFF\"]}")
				.getBytes(StandardCharsets.UTF_8));
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(this.secrets.getProperty("jwtSecret").getBytes(StandardCharsets.UTF_8),
				"HmacSHA256"));
		return header + "." + claims + "."
				+ base64.encodeToString(mac.doFinal((header + "." + claims).getBytes(StandardCharsets.UTF_8)));
	}

	private void logIn(String gateway) throws Exception {
		this.browser.send(HttpRequest.newBuilder(URI.create(gateway + "/api/session")).build(),
				HttpResponse.BodyHandlers.discarding());
		String form = "username=" + URLEncoder.encode(this.secrets.getProperty("staffEmail"), StandardCharsets.UTF_8)
				+ "&password=" + URLEncoder.encode(this.secrets.getProperty("staffPassword"), StandardCharsets.UTF_8)
				+ "&_csrf=" + URLEncoder.encode(csrf(), StandardCharsets.UTF_8);
		HttpResponse<Void> login = this.browser.send(HttpRequest.newBuilder(URI.create(gateway + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.discarding());
		assertThat(login.headers().firstValue("Location")).as("staff login on " + gateway).hasValue("/");
	}

	private JsonNode session(String gateway) throws Exception {
		HttpResponse<String> response = this.browser.send(
				HttpRequest.newBuilder(URI.create(gateway + "/api/session")).timeout(Duration.ofSeconds(20)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	private HttpResponse<String> staffGet(String gateway, String path) throws Exception {
		return this.browser.send(HttpRequest.newBuilder(URI.create(gateway + path))
			.timeout(Duration.ofSeconds(20))
			.header("Accept", "application/json")
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> staffPost(String gateway, String path, Object body) throws Exception {
		return this.browser.send(HttpRequest.newBuilder(URI.create(gateway + path))
			.timeout(Duration.ofSeconds(20))
			.header("Accept", "application/json")
			.header("Content-Type", "application/json")
			.header("X-XSRF-TOKEN", csrf())
			.POST(HttpRequest.BodyPublishers.ofString((body != null) ? this.json.writeValueAsString(body) : ""))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private String createOpenEvent(String gateway) throws Exception {
		String[] initiative = new String[1];
		await("an initiative from the import").atMost(Duration.ofSeconds(120))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> {
				JsonNode page = this.json.readTree(staffGet(gateway, "/api/initiatives?size=1").body());
				if (page.get("content") == null || page.get("content").isEmpty()) {
					return false;
				}
				initiative[0] = page.at("/content/0/id").asString();
				return true;
			});
		Instant start = Instant.now().plus(Duration.ofDays(30));
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("initiativeId", initiative[0]);
		event.put("title", "Zukunftswerkstatt mit zwei Repliken");
		event.put("format", "ZUKUNFTSWERKSTATT");
		event.put("start", start.toString());
		event.put("end", start.plus(Duration.ofHours(3)).toString());
		event.put("city", "Kassel");
		event.put("state", "DE-HE");
		event.put("capacity", 500);
		event.put("targetGroups", List.of("PUPIL", "TRAINEE_STUDENT", "PROFESSIONAL"));
		event.put("campaignSupported", true);
		String[] id = new String[1];
		// event-service learns of the initiative over Kafka
		await("event created").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
			HttpResponse<String> created = staffPost(gateway, "/api/events", event);
			if (created.statusCode() != 201) {
				log("creating the event: %d %s", created.statusCode(), created.body());
				return false;
			}
			id[0] = this.json.readTree(created.body()).get("id").asString();
			return true;
		});
		HttpResponse<String> opened = staffPost(gateway, "/api/events/" + id[0] + "/open", null);
		assertThat(opened.statusCode()).as("open: " + opened.body()).isEqualTo(200);
		return id[0];
	}

	private String csrf() {
		return this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((cookie) -> cookie.getName().equals("XSRF-TOKEN"))
			.findFirst()
			.orElseThrow()
			.getValue();
	}

	private String anonymousCsrf(String gateway) throws Exception {
		HttpResponse<Void> page = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(gateway + "/login")).build(),
					HttpResponse.BodyHandlers.discarding());
		return page.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((cookie) -> cookie.startsWith("XSRF-TOKEN="))
			.map((cookie) -> cookie.substring("XSRF-TOKEN=".length(), cookie.indexOf(';')))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No XSRF-TOKEN cookie from " + gateway));
	}

	private Optional<Long> pidOf(String service) throws IOException {
		for (String line : Files.readAllLines(dataDir.resolve("pids"))) {
			String[] parts = line.trim().split("\\s+");
			if (parts.length >= 2 && parts[0].equals(service)) {
				return Optional.of(Long.parseLong(parts[1]));
			}
		}
		return Optional.empty();
	}

	private String launcherPrinted() throws IOException {
		Path out = dataDir.resolve("launcher.out");
		return Files.exists(out) ? Files.readString(out) : "";
	}

	private double since(long nanos) {
		return (System.nanoTime() - nanos) / 1e9;
	}

	private void log(String format, Object... args) {
		System.out.printf(Locale.ROOT, "[replicas %6.1f s] %s%n", since(this.testStart), String.format(format, args));
	}

}
