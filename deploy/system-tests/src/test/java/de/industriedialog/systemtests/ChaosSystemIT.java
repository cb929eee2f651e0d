package de.industriedialog.systemtests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole stack under a steady load of registrations, check-ins and questionnaires
 * while its parts fail one after the other: event-service, evaluation-service,
 * newsletter-service and the gateway are killed with SIGKILL (the launcher's supervisor
 * starts them again), then the store, Kafka and the SMTP server are down for 30 s each
 * (the launcher's fault proxies refuse connections, {@code --fault-proxies}).
 * <p>
 * A request that fails during a fault is retried as a participant's browser would; what
 * counts is what was acknowledged: every acknowledged registration and questionnaire is
 * stored exactly once, the KPI view counts what the services hold, every registered
 * person got one confirmation mail (a redelivery with the same Message-ID is allowed),
 * and no record sits in a dead-letter topic. How long each fault took to heal is printed
 * and written to {@code target/chaos-report.md}; the figures are reported, not asserted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChaosSystemIT {

	/** Apart from LocalStackSystemIT (10000) and a developer's stack (0). */
	private static final int PORT_OFFSET = 20000;

	private static final String GATEWAY = "http://127.0.0.1:" + (8080 + PORT_OFFSET);

	private static final String MAILS = "http://127.0.0.1:" + (8025 + PORT_OFFSET) + "/api/messages";

	private static final String FAULTS = "http://127.0.0.1:" + (8090 + PORT_OFFSET) + "/faults/";

	private static final String KAFKA = "127.0.0.1:" + (9092 + PORT_OFFSET);

	private static final Map<String, Integer> KILLED_SERVICES = new LinkedHashMap<>();

	static {
		KILLED_SERVICES.put("event-service", 8082);
		KILLED_SERVICES.put("evaluation-service", 8083);
		KILLED_SERVICES.put("newsletter-service", 8084);
		KILLED_SERVICES.put("gateway", 8080);
	}

	private static final List<String> PROXIED = List.of("store", "kafka", "smtp");

	private static final int FAULT_SECONDS = 30;

	/** Registrations started per second. */
	private static final int RATE = 3;

	private static final String EVENT_TITLE = "Chaos-Test Zukunftsdialog";

	private static final String[] GROUPS = { "PUPIL", "TRAINEE_STUDENT", "PROFESSIONAL" };

	@TempDir(cleanup = CleanupMode.ON_SUCCESS)
	static Path dataDir;

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(3))
		.build();

	private final long testStart = System.nanoTime();

	private Process launcher;

	/** The copy of the built jars the stack runs from. */
	private Path build;

	private Properties secrets;

	private StaffSession staff;

	private String eventId;

	private volatile String csrf;

	private final String run = Long.toString(System.currentTimeMillis(), 36);

	// ---- what the load saw

	/**
	 * e-mail → registration id (from the link in the confirmation mail; empty until it
	 * came).
	 */
	private final Map<String, String> acknowledged = new ConcurrentHashMap<>();

	private final Set<String> attempted = ConcurrentHashMap.newKeySet();

	private final Set<String> checkedIn = ConcurrentHashMap.newKeySet();

	/** registration ids whose questionnaire was answered 201. */
	private final Set<String> feedbackAcknowledged = ConcurrentHashMap.newKeySet();

	/** "Already answered" after a lost answer: stored by the earlier try. */
	private final Set<String> feedbackStoredOnRetry = ConcurrentHashMap.newKeySet();

	private final List<String> gaveUp = new CopyOnWriteArrayList<>();

	/** Answers that contradict what the participant did before (checked at the end). */
	private final List<String> anomalies = new CopyOnWriteArrayList<>();

	private final List<Long> registrationAcks = new CopyOnWriteArrayList<>();

	private final List<Long> feedbackAcks = new CopyOnWriteArrayList<>();

	private final List<Long> checkInAcks = new CopyOnWriteArrayList<>();

	/** kind → failed tries (then retried). */
	private final Map<String, List<Failure>> failures = new ConcurrentHashMap<>();

	/** A failed try: when, and the answer's status (0: no answer). */
	record Failure(long nanos, int status) {
	}

	private final List<Fault> faults = new CopyOnWriteArrayList<>();

	private final AtomicBoolean loadOn = new AtomicBoolean();

	private final AtomicInteger started = new AtomicInteger();

	private final ExecutorService participants = Executors.newCachedThreadPool((runnable) -> {
		Thread thread = new Thread(runnable, "participant");
		thread.setDaemon(true);
		return thread;
	});

	@BeforeAll
	void startTheStackWithFaultProxies() throws Exception {
		Path root = Path.of(System.getProperty("repository.root", "../..")).toAbsolutePath().normalize();
		assertThat(root.resolve("deploy/local-stack/target/local-stack.jar"))
			.as("launcher jar; build with ./mvnw -DskipTests package")
			.exists();
		this.build = BuildSnapshot.of(root);
		String java = ProcessHandle.current().info().command().orElse("java");
		ProcessBuilder builder = new ProcessBuilder(java, "-jar",
				this.build.resolve("deploy/local-stack/target/local-stack.jar").toString(), "--data-dir=" + dataDir,
				"--port-offset=" + PORT_OFFSET, "--fault-proxies", "--no-demo-data")
			.directory(this.build.toFile())
			.redirectErrorStream(true)
			.redirectOutput(launcherOutput().toFile());
		// The class-data archive is written at a clean stop and used from the next start:
		// a fresh data directory has no next start, and recording slows every start.
		builder.environment().put("LOCAL_STACK_CDS", "off");
		this.launcher = builder.start();
		await().atMost(Duration.ofSeconds(300))
			.pollInterval(Duration.ofMillis(500))
			.failFast("the launcher ended", () -> !this.launcher.isAlive())
			.until(() -> launcherPrinted().contains("ready"));
		log("stack ready after %.0f s", since(this.testStart));
		this.secrets = new Properties();
		try (var in = Files.newInputStream(dataDir.resolve("secrets.properties"))) {
			this.secrets.load(in);
		}
		this.staff = new StaffSession();
		this.csrf = anonymousCsrf();
	}

	@AfterAll
	void stopTheStack() throws Exception {
		this.loadOn.set(false);
		this.participants.shutdownNow();
		if (this.launcher != null && this.launcher.isAlive()) {
			// SIGTERM: the launcher stops the services, then Kafka and the store
			this.launcher.destroy();
			if (!this.launcher.waitFor(90, TimeUnit.SECONDS)) {
				this.launcher.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
			}
		}
		// The data directory goes when the test passes; the logs stay for the heal times.
		Path logs = Path.of("target/chaos-logs");
		Files.createDirectories(logs);
		try (var files = Files.list(dataDir.resolve("logs"))) {
			for (Path file : files.toList()) {
				Files.copy(file, logs.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			}
		}
		Files.copy(launcherOutput(), logs.resolve("launcher.out"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		if (this.build != null) {
			BuildSnapshot.delete(this.build);
		}
	}

	@Test
	void shouldKeepEveryAcknowledgedRegistrationAndAnswerExactlyOnceThroughCrashesAndOutages() throws Exception {
		this.eventId = createOpenEvent();
		log("event %s open", this.eventId);

		ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
		this.loadOn.set(true);
		ticker.scheduleAtFixedRate(() -> {
			if (this.loadOn.get()) {
				int n = this.started.getAndIncrement();
				this.participants.execute(() -> participant(n));
			}
		}, 0, 1000 / RATE, TimeUnit.MILLISECONDS);
		Thread.sleep(10_000); // steady state before the first fault

		CatchUpMonitor monitor = new CatchUpMonitor();
		Thread monitorThread = new Thread(monitor, "catch-up");
		monitorThread.setDaemon(true);
		monitorThread.start();

		for (Map.Entry<String, Integer> service : KILLED_SERVICES.entrySet()) {
			killAndAwaitRestart(service.getKey(), service.getValue(), monitor);
			Thread.sleep(2_000);
		}
		for (String proxy : PROXIED) {
			proxyDown(proxy, monitor);
			Thread.sleep(5_000);
		}

		this.loadOn.set(false);
		ticker.shutdownNow();
		log("load stopped after %d participants; waiting for their retries", this.started.get());
		this.participants.shutdown();
		boolean drained = this.participants.awaitTermination(240, TimeUnit.SECONDS);
		log("participants done: %s", drained);

		try {
			assertEverythingStoredOnce();
		}
		finally {
			monitor.stop();
			writeReport(monitor);
		}
	}

	// ------------------------------------------------------------ faults

	private void killAndAwaitRestart(String service, int basePort, CatchUpMonitor monitor) throws Exception {
		long oldPid = pidOf(service).orElseThrow(() -> new AssertionError(service + " not in the pids file"));
		ProcessHandle process = ProcessHandle.of(oldPid).orElseThrow();
		Fault fault = new Fault("kill -9 " + service, System.nanoTime());
		this.faults.add(fault);
		process.destroyForcibly(); // SIGKILL, as kill -9
		assertThat(process.onExit().get(30, TimeUnit.SECONDS).isAlive()).isFalse();
		log("killed %s (pid %d)", service, oldPid);
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> pidOf(service).filter((pid) -> pid != oldPid).isPresent());
		fault.restartedNanos = System.nanoTime();
		await().atMost(Duration.ofSeconds(240))
			.pollInterval(Duration.ofMillis(250))
			.failFast("the launcher ended", () -> !this.launcher.isAlive())
			.until(() -> ready(basePort + PORT_OFFSET));
		fault.endNanos = System.nanoTime();
		// the pid that answers now (a restart that failed to start was replaced again)
		long newPid = pidOf(service).orElseThrow();
		log("%s restarted as pid %d, ready %.1f s after the kill", service, newPid, fault.outageSeconds());
		assertThat(ProcessHandle.of(newPid).map(ProcessHandle::isAlive)).as("new %s process", service).hasValue(true);
		monitor.probe(fault);
	}

	private void proxyDown(String proxy, CatchUpMonitor monitor) throws Exception {
		Fault fault = new Fault(proxy + " down " + FAULT_SECONDS + " s", System.nanoTime());
		this.faults.add(fault);
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create(FAULTS + proxy + "?seconds=" + FAULT_SECONDS + "&mode=down"))
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		log("%s down", proxy);
		await().atMost(Duration.ofSeconds(FAULT_SECONDS + 30))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> faultState(proxy).equals("ok"));
		fault.endNanos = System.nanoTime();
		log("%s up again", proxy);
		monitor.probe(fault);
	}

	private String faultState(String proxy) throws Exception {
		for (JsonNode each : this.json.readTree(
				this.http
					.send(HttpRequest.newBuilder(URI.create(FAULTS.substring(0, FAULTS.length() - 1))).build(),
							HttpResponse.BodyHandlers.ofString())
					.body())) {
			if (each.get("name").asString().equals(proxy)) {
				return each.get("state").asString();
			}
		}
		throw new AssertionError("no proxy " + proxy);
	}

	private Optional<Long> pidOf(String service) throws IOException {
		Path pids = dataDir.resolve("pids");
		if (!Files.exists(pids)) {
			return Optional.empty();
		}
		for (String line : Files.readAllLines(pids)) {
			String[] parts = line.trim().split("\\s+");
			if (parts.length == 3 && parts[0].equals(service)) {
				return Optional.of(Long.parseLong(parts[1]));
			}
		}
		return Optional.empty();
	}

	private boolean ready(int port) {
		try {
			return this.http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
					.timeout(Duration.ofSeconds(2))
					.build(), HttpResponse.BodyHandlers.discarding())
				.statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	// ------------------------------------------------------------ load

	/**
	 * One person: registers; every second one is checked in at the door and answers the
	 * questionnaire with the personal link. Each step is tried again until it has a
	 * definite answer, as a person would press the button again.
	 */
	private void participant(int n) {
		String email = "chaos-" + this.run + "-" + n + "@example.org";
		String group = GROUPS[n % GROUPS.length];
		this.attempted.add(email);
		Map<String, Object> form = new LinkedHashMap<>();
		form.put("name", "Chaos Test " + n);
		form.put("email", email);
		form.put("participantGroup", group);
		form.put("consent", true);
		form.put("consentVersion", "teilnahme-2026-11");
		boolean unsure = false;
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
		while (true) {
			Answer answer = anonymousPost("/api/events/" + this.eventId + "/registrations", form);
			// 202 whether the address was new or registered by an earlier try whose
			// answer
			// was lost: the answer tells nobody an address's status, the mail does.
			if (answer.status == 202) {
				this.acknowledged.put(email, "");
				this.registrationAcks.add(System.nanoTime());
				break;
			}
			if (!answer.retry()) {
				this.gaveUp.add("registration " + email + ": " + answer);
				return;
			}
			unsure |= answer.unsure();
			fail("registration", answer);
			if (!pause(deadline)) {
				this.gaveUp.add("registration " + email + " (timed out): " + answer);
				return;
			}
		}
		// The personal link is in the confirmation mail, which may wait out the SMTP
		// outage in the mail queue.
		String registrationId = registrationIdFromMail(email, System.nanoTime() + TimeUnit.SECONDS.toNanos(240));
		if (registrationId == null) {
			this.gaveUp.add("registration " + email + ": no confirmation mail");
			return;
		}
		this.acknowledged.put(email, registrationId);
		if (n % 2 != 0) {
			return;
		}
		deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
		while (true) {
			Answer answer = this.staff.post("/api/events/" + this.eventId + "/check-ins",
					Map.of("registrationId", registrationId));
			if (answer.status == 200) {
				this.checkedIn.add(registrationId);
				this.checkInAcks.add(System.nanoTime());
				break;
			}
			if (!answer.retry()) {
				this.gaveUp.add("check-in " + email + ": " + answer);
				return;
			}
			fail("check-in", answer);
			if (!pause(deadline)) {
				this.gaveUp.add("check-in " + email + " (timed out): " + answer);
				return;
			}
		}
		Map<String, Object> feedback = new LinkedHashMap<>();
		feedback.put("token", feedbackToken(registrationId));
		feedback.put("participantGroup", group);
		feedback.put("answers", Map.of("Q1", (n % 4 == 0) ? "FULLY" : "MOSTLY", "Q2", "VERY_GOOD"));
		unsure = false;
		deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
		while (true) {
			Answer answer = anonymousPost("/api/feedback", feedback);
			if (answer.status == 201) {
				this.feedbackAcknowledged.add(registrationId);
				this.feedbackAcks.add(System.nanoTime());
				return;
			}
			if (answer.status == 409 && answer.text.contains("Mit diesem Link wurde schon")) {
				if (!unsure) {
					this.anomalies.add("questionnaire of " + email + " already answered without an earlier try");
				}
				this.feedbackStoredOnRetry.add(registrationId);
				this.feedbackAcks.add(System.nanoTime());
				return;
			}
			// 404: evaluation-service has not yet read the check-in from Kafka
			if (!answer.retry() && answer.status != 404) {
				this.gaveUp.add("feedback " + email + ": " + answer);
				return;
			}
			unsure |= answer.unsure();
			fail((answer.status == 404) ? "feedback-not-yet" : "feedback", answer);
			if (!pause(deadline)) {
				this.gaveUp.add("feedback " + email + " (timed out): " + answer);
				return;
			}
		}
	}

	/** The registration id from the personal link in the person's confirmation mail. */
	private String registrationIdFromMail(String email, long deadline) {
		java.util.regex.Pattern link = java.util.regex.Pattern.compile("anmeldung\\.html\\?token=([A-Za-z0-9_-]+)\\.");
		while (System.nanoTime() < deadline) {
			Answer mails = send(this.http, HttpRequest
				.newBuilder(URI.create(MAILS + "?to=" + java.net.URLEncoder.encode(email, StandardCharsets.UTF_8)))
				.timeout(Duration.ofSeconds(15))
				.build());
			if (mails.status == 200) {
				for (JsonNode mail : this.json.readTree(mails.text)) {
					if (mail.get("subject").asString().startsWith("Anmeldung bestätigt")) {
						Answer full = send(this.http,
								HttpRequest.newBuilder(URI.create(MAILS + "/" + mail.get("id").asString()))
									.timeout(Duration.ofSeconds(15))
									.build());
						java.util.regex.Matcher found = link.matcher(full.text);
						if (found.find()) {
							return found.group(1);
						}
					}
				}
			}
			if (!pause(deadline)) {
				return null;
			}
		}
		return null;
	}

	private void fail(String kind, Answer answer) {
		this.failures.computeIfAbsent(kind, (k) -> new CopyOnWriteArrayList<>())
			.add(new Failure(System.nanoTime(), answer.status));
		if (answer.status == 403 && answer.text.contains("CSRF")) {
			refreshCsrf();
		}
	}

	private static boolean pause(long deadline) {
		try {
			Thread.sleep(1000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		return System.nanoTime() < deadline;
	}

	/**
	 * What a participant's link in the feedback mail holds (event-service's
	 * RegistrationTokens): the MAC of {@code feedback:<registrationId>}. The test
	 * computes it from the data directory's link secret instead of waiting for the mail
	 * after the event, so questionnaires flow during the faults.
	 */
	private String feedbackToken(String registrationId) {
		try {
			javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
			mac.init(new javax.crypto.spec.SecretKeySpec(
					this.secrets.getProperty("linkSecret").getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			byte[] key = mac.doFinal("industriedialog registration tokens".getBytes(StandardCharsets.UTF_8));
			mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
			return java.util.Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(mac.doFinal(("feedback:" + registrationId).getBytes(StandardCharsets.UTF_8)));
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	// ------------------------------------------------------------ the checks

	private void assertEverythingStoredOnce() throws Exception {
		log("acknowledged: %d registrations, %d check-ins, %d questionnaires (+%d on retry); " + "%d gave up",
				this.acknowledged.size(), this.checkedIn.size(), this.feedbackAcknowledged.size(),
				this.feedbackStoredOnRetry.size(), this.gaveUp.size());
		this.gaveUp.stream().limit(20).forEach((line) -> log("gave up: %s", line));
		assertThat(this.anomalies).as("answers that contradict the participant's earlier tries").isEmpty();
		assertThat(this.acknowledged.size()).as("registrations acknowledged").isGreaterThan(100);
		assertThat(this.feedbackAcknowledged.size()).as("questionnaires acknowledged").isGreaterThan(30);

		// Each check runs even when one before failed, so one run names every broken
		// promise; the test fails at the end with all of them.
		List<String> failed = new ArrayList<>();

		// Door list: every acknowledged registration once, nothing twice.
		JsonNode doorList = this.staff.getJson("/api/events/" + this.eventId + "/registrations");
		Map<String, List<JsonNode>> byEmail = new TreeMap<>();
		for (JsonNode entry : doorList.get("registrations")) {
			byEmail.computeIfAbsent(entry.get("email").asString(), (e) -> new ArrayList<>()).add(entry);
		}
		Set<String> allAcknowledged = new java.util.HashSet<>(this.acknowledged.keySet());
		int registered = byEmail.size();
		long attended = byEmail.values().stream().filter((e) -> e.get(0).get("checkedIn").asBoolean()).count();
		log("door list: %d registrations (%d acknowledged, %d stored without an answer), %d checked in", registered,
				allAcknowledged.size(), registered - allAcknowledged.size(), attended);
		check(failed, "door list", () -> {
			Map<String, Integer> twice = byEmail.entrySet()
				.stream()
				.filter((entry) -> entry.getValue().size() > 1)
				.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> entry.getValue().size()));
			assertThat(twice).as("registrations stored more than once").isEmpty();
			assertThat(missing(allAcknowledged, byEmail.keySet()))
				.as("acknowledged registrations missing from the door list")
				.isEmpty();
			assertThat(missing(byEmail.keySet(), this.attempted)).as("on the door list, but nobody sent them")
				.isEmpty();
			for (Map.Entry<String, String> ack : this.acknowledged.entrySet()) {
				JsonNode entry = byEmail.get(ack.getKey()).get(0);
				assertThat(entry.get("id").asString()).isEqualTo(ack.getValue());
				assertThat(entry.get("status").asString()).as(ack.getKey()).isEqualTo("CONFIRMED");
				assertThat(entry.get("checkedIn").asBoolean()).as("checked in: " + ack.getKey())
					.isEqualTo(this.checkedIn.contains(ack.getValue()));
			}
		});

		// Questionnaires: each acknowledged one stored once.
		int answered = this.feedbackAcknowledged.size() + this.feedbackStoredOnRetry.size();
		check(failed, "results",
				() -> await("results count every acknowledged questionnaire once").atMost(Duration.ofSeconds(120))
					.pollInterval(Duration.ofSeconds(2))
					.untilAsserted(() -> assertThat(
							this.staff.getJson("/api/feedback/results/" + this.eventId).get("responses").asInt())
						.as("responses in /api/feedback/results")
						.isEqualTo(answered)));

		// KPI view (from the topics) equals the sources.
		check(failed, "KPI view",
				() -> await("the KPI view equals the door list and the results").atMost(Duration.ofSeconds(180))
					.pollInterval(Duration.ofSeconds(2))
					.untilAsserted(() -> {
						JsonNode row = kpiRow();
						assertThat(row).as("event in /api/kpi/events").isNotNull();
						assertThat(row.at("/registered/total").asLong()).as("KPI registered (door list %d)", registered)
							.isEqualTo(registered);
						assertThat(row.at("/attended/total").asLong()).as("KPI attended (door list %d)", attended)
							.isEqualTo(attended);
						assertThat(row.get("responses").asLong()).as("KPI responses (results %d)", answered)
							.isEqualTo(answered);
					}));

		// One confirmation mail per registered person; a redelivery keeps its Message-ID.
		check(failed, "confirmation mails",
				() -> await("one confirmation mail per registration").atMost(Duration.ofSeconds(180))
					.pollInterval(Duration.ofSeconds(3))
					.untilAsserted(() -> {
						Map<String, Set<String>> messageIds = confirmationMessageIds();
						assertThat(missing(byEmail.keySet(), messageIds.keySet()))
							.as("registered people without a confirmation mail (of %d)", registered)
							.isEmpty();
						assertThat(messageIds.entrySet()
							.stream()
							.filter((entry) -> entry.getValue().size() > 1)
							.map((entry) -> entry.getKey() + "=" + entry.getValue())
							.toList()).as("people with two different confirmation mails").isEmpty();
					}));

		// Nothing parked in a dead-letter topic.
		check(failed, "dead letters", () -> {
			Map<String, Long> parked = deadLetters();
			log("dead-letter topics: %s", parked);
			assertThat(parked).as("dead-letter topics").isNotEmpty();
			assertThat(parked.entrySet().stream().filter((entry) -> entry.getValue() > 0).toList())
				.as("records in dead-letter topics")
				.isEmpty();
		});

		// The supervisor said what it did.
		check(failed, "supervisor", () -> {
			for (String service : KILLED_SERVICES.keySet()) {
				assertThat(launcherPrinted())
					.contains(service + " stopped unexpectedly (exit code 137); restart #1 in 1 s")
					.contains(service + ": restart #1 after exit code 137, started again");
				assertThat(Files.readString(dataDir.resolve("logs/" + service + ".log"), StandardCharsets.ISO_8859_1))
					.contains("started by local-stack (restart #1 after exit code 137)");
			}
		});
		failed.forEach((failure) -> log("FAILED %s", failure));
		assertThat(failed).as("failed checks (logs in %s)", dataDir.resolve("logs")).isEmpty();
	}

	interface Check {

		void run() throws Exception;

	}

	private static void check(List<String> failed, String name, Check check) {
		try {
			check.run();
		}
		catch (AssertionError | Exception ex) {
			failed.add(name + ": " + ex.getMessage());
		}
	}

	/**
	 * Which of {@code expected} are not in {@code actual}: at most 20 named, and how
	 * many.
	 */
	private static List<String> missing(Set<String> expected, Set<String> actual) {
		List<String> missing = expected.stream().filter((each) -> !actual.contains(each)).sorted().toList();
		if (missing.size() <= 20) {
			return missing;
		}
		List<String> shown = new ArrayList<>(missing.subList(0, 20));
		shown.add("… " + missing.size() + " in all");
		return shown;
	}

	private JsonNode kpiRow() throws Exception {
		for (JsonNode row : this.staff.getJson("/api/kpi/events").get("rows")) {
			if (row.get("eventId").asString().equals(this.eventId)) {
				return row;
			}
		}
		return null;
	}

	/** Recipient → the Message-IDs of the confirmation mails they got. */
	private Map<String, Set<String>> confirmationMessageIds() throws Exception {
		HttpResponse<String> list = this.http.send(
				HttpRequest.newBuilder(URI.create(MAILS)).timeout(Duration.ofSeconds(60)).build(),
				HttpResponse.BodyHandlers.ofString());
		Map<String, Set<String>> ids = new TreeMap<>();
		for (JsonNode mail : this.json.readTree(list.body())) {
			if (!mail.get("subject").asString().startsWith("Anmeldung bestätigt")) {
				continue;
			}
			for (JsonNode to : mail.get("to")) {
				String address = to.asString().toLowerCase(Locale.ROOT);
				if (address.startsWith("chaos-" + this.run + "-")) {
					ids.computeIfAbsent(address, (a) -> new java.util.HashSet<>())
						.add(mail.get("messageId").isNull() ? "none:" + mail.get("id").asString()
								: mail.get("messageId").asString());
				}
			}
		}
		return ids;
	}

	/** Every {@code *.dlt} topic and the records it holds. */
	private Map<String, Long> deadLetters() throws Exception {
		Map<String, Object> config = Map.of("bootstrap.servers", KAFKA, "request.timeout.ms", 15000,
				"default.api.timeout.ms", 30000);
		Map<String, Long> parked = new TreeMap<>();
		try (var admin = org.apache.kafka.clients.admin.Admin.create(config)) {
			List<String> topics = admin.listTopics()
				.names()
				.get(30, TimeUnit.SECONDS)
				.stream()
				.filter((name) -> name.endsWith(".dlt"))
				.sorted()
				.toList();
			if (topics.isEmpty()) {
				return parked;
			}
			Map<String, Object> consumerConfig = new LinkedHashMap<>(config);
			consumerConfig.put("key.deserializer", org.apache.kafka.common.serialization.ByteArrayDeserializer.class);
			consumerConfig.put("value.deserializer", org.apache.kafka.common.serialization.ByteArrayDeserializer.class);
			try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]>(consumerConfig)) {
				List<org.apache.kafka.common.TopicPartition> partitions = new ArrayList<>();
				for (String topic : topics) {
					consumer.partitionsFor(topic)
						.forEach((info) -> partitions
							.add(new org.apache.kafka.common.TopicPartition(topic, info.partition())));
					parked.put(topic, 0L);
				}
				var begin = consumer.beginningOffsets(partitions);
				var end = consumer.endOffsets(partitions);
				for (var partition : partitions) {
					parked.merge(partition.topic(), end.get(partition) - begin.get(partition), Long::sum);
				}
				if (parked.values().stream().anyMatch((count) -> count > 0)) {
					printParked(consumer, partitions, begin);
				}
			}
		}
		return parked;
	}

	private void printParked(org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]> consumer,
			List<org.apache.kafka.common.TopicPartition> partitions,
			Map<org.apache.kafka.common.TopicPartition, Long> begin) {
		consumer.assign(partitions);
		begin.forEach(consumer::seek);
		int shown = 0;
		for (var record : consumer.poll(Duration.ofSeconds(5))) {
			StringBuilder headers = new StringBuilder();
			for (var header : record.headers()) {
				if (header.key().startsWith("x-exception-message") || header.key().equals("ce_type")
						|| header.key().startsWith("x-original-topic") || header.key().startsWith("dlt")) {
					headers.append(header.key())
						.append('=')
						.append(new String(header.value(), StandardCharsets.UTF_8))
						.append("; ");
				}
			}
			log("parked in %s: %s", record.topic(), headers);
			if (++shown >= 10) {
				break;
			}
		}
	}

	// ------------------------------------------------------------ heal times

	/** A fault and when the system had healed from it. */
	static final class Fault {

		final String name;

		final long startNanos;

		volatile long restartedNanos;

		volatile long endNanos;

		/** Acknowledged before the fault ended: the backlog that must arrive. */
		int registrationsBefore;

		int checkInsBefore;

		int answersBefore;

		volatile long kpiCaughtUpNanos;

		volatile long mailsCaughtUpNanos;

		Fault(String name, long startNanos) {
			this.name = name;
			this.startNanos = startNanos;
		}

		double outageSeconds() {
			return (this.endNanos - this.startNanos) / 1e9;
		}

	}

	/**
	 * After each fault: how long until the KPI view counted, and the mail server held,
	 * what had been acknowledged before the fault ended.
	 */
	final class CatchUpMonitor implements Runnable {

		private final List<Fault> open = new CopyOnWriteArrayList<>();

		private volatile boolean running = true;

		void probe(Fault fault) {
			fault.registrationsBefore = ChaosSystemIT.this.acknowledged.size();
			fault.checkInsBefore = ChaosSystemIT.this.checkedIn.size();
			fault.answersBefore = ChaosSystemIT.this.feedbackAcknowledged.size()
					+ ChaosSystemIT.this.feedbackStoredOnRetry.size();
			this.open.add(fault);
		}

		void stop() {
			this.running = false;
		}

		@Override
		public void run() {
			while (this.running) {
				try {
					Thread.sleep(2000);
					if (this.open.isEmpty()) {
						continue;
					}
					long now = System.nanoTime();
					JsonNode row = kpiRow();
					int mails = confirmationMessageIds().size();
					for (Fault fault : this.open) {
						if (fault.kpiCaughtUpNanos == 0 && row != null
								&& row.at("/registered/total").asLong() >= fault.registrationsBefore
								&& row.at("/attended/total").asLong() >= fault.checkInsBefore
								&& row.get("responses").asLong() >= fault.answersBefore) {
							fault.kpiCaughtUpNanos = now;
						}
						if (fault.mailsCaughtUpNanos == 0 && mails >= fault.registrationsBefore) {
							fault.mailsCaughtUpNanos = now;
						}
						if (fault.kpiCaughtUpNanos != 0 && fault.mailsCaughtUpNanos != 0) {
							this.open.remove(fault);
						}
					}
				}
				catch (InterruptedException ex) {
					return;
				}
				catch (Exception | AssertionError ex) {
					// the stack is failing right now; next round
				}
			}
		}

	}

	private void writeReport(CatchUpMonitor monitor) throws IOException {
		StringBuilder report = new StringBuilder();
		report.append(String.format(Locale.ROOT,
				"Chaos run %s: %d participants started at %d/s, %d registrations acknowledged, "
						+ "%d check-ins, %d questionnaires (+%d on retry), %d gave up; test wall time %.0f s%n%n",
				Instant.now(), this.started.get(), RATE, this.acknowledged.size(), this.checkedIn.size(),
				this.feedbackAcknowledged.size(), this.feedbackStoredOnRetry.size(), this.gaveUp.size(),
				since(this.testStart)));
		report.append("| fault | outage s | failed tries: registration / check-in / questionnaire ")
			.append("(+ questionnaire 404 while the check-in travels) | first ack after the end s: ")
			.append("registration / check-in / questionnaire | backlog in KPI view after the end s | ")
			.append("backlog of confirmation mails after the end s | failed registrations by status (0 = no answer) |\n");
		report.append("|---|---|---|---|---|---|---|\n");
		for (int i = 0; i < this.faults.size(); i++) {
			Fault fault = this.faults.get(i);
			// up to 5 s after the end, but not into the next fault
			long windowEnd = fault.endNanos + TimeUnit.SECONDS.toNanos(5);
			if (i + 1 < this.faults.size()) {
				windowEnd = Math.min(windowEnd, this.faults.get(i + 1).startNanos);
			}
			report
				.append(String.format(Locale.ROOT, "| %s | %.1f | %d / %d / %d (+%d) | %s / %s / %s | %s | %s | %s |%n",
						fault.name, fault.outageSeconds(), count("registration", fault.startNanos, windowEnd),
						count("check-in", fault.startNanos, windowEnd), count("feedback", fault.startNanos, windowEnd),
						count("feedback-not-yet", fault.startNanos, windowEnd),
						firstAfter(this.registrationAcks, fault.endNanos), firstAfter(this.checkInAcks, fault.endNanos),
						firstAfter(this.feedbackAcks, fault.endNanos), after(fault.kpiCaughtUpNanos, fault.endNanos),
						after(fault.mailsCaughtUpNanos, fault.endNanos),
						statuses("registration", fault.startNanos, windowEnd)));
		}
		System.out.println(report);
		Path file = Path.of("target/chaos-report.md");
		Files.createDirectories(file.getParent());
		Files.writeString(file, report);
	}

	private int count(String kind, long from, long to) {
		return (int) this.failures.getOrDefault(kind, List.of())
			.stream()
			.filter((failure) -> failure.nanos() >= from && failure.nanos() <= to)
			.count();
	}

	/** The failed registrations' answers in the window, e.g. {@code 0×12 502×3}. */
	private String statuses(String kind, long from, long to) {
		Map<Integer, Long> byStatus = new TreeMap<>(this.failures.getOrDefault(kind, List.of())
			.stream()
			.filter((failure) -> failure.nanos() >= from && failure.nanos() <= to)
			.collect(Collectors.groupingBy(Failure::status, Collectors.counting())));
		return byStatus.isEmpty() ? "–"
				: byStatus.entrySet()
					.stream()
					.map((entry) -> entry.getKey() + "×" + entry.getValue())
					.collect(Collectors.joining(" "));
	}

	private static String firstAfter(List<Long> times, long end) {
		return times.stream()
			.filter((at) -> at >= end)
			.min(Long::compare)
			.map((at) -> String.format(Locale.ROOT, "%.1f", (at - end) / 1e9))
			.orElse("–");
	}

	private static String after(long at, long end) {
		if (at == 0) {
			return "not within the run";
		}
		return String.format(Locale.ROOT, "%.1f", Math.max(0, at - end) / 1e9);
	}

	// ------------------------------------------------------------ HTTP

	/** An answer, or a failure to get one (status 0). */
	record Answer(int status, String text, JsonNode body) {

		/** Try again: no answer, a server error, a timeout or a refused CSRF token. */
		boolean retry() {
			return this.status == 0 || this.status >= 500 || this.status == 401 || this.status == 403
					|| this.status == 408 || this.status == 429;
		}

		/** The request may have been carried out although the answer says nothing. */
		boolean unsure() {
			return this.status == 0 || this.status >= 500;
		}

		@Override
		public String toString() {
			return this.status + " " + ((this.text.length() > 300) ? this.text.substring(0, 300) : this.text);
		}

	}

	private Answer anonymousPost(String path, Object body) {
		String token = this.csrf;
		HttpRequest request = HttpRequest.newBuilder(URI.create(GATEWAY + path))
			.timeout(Duration.ofSeconds(15))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.header("X-XSRF-TOKEN", token)
			.header("Cookie", "XSRF-TOKEN=" + token)
			.POST(HttpRequest.BodyPublishers.ofString(this.json.writeValueAsString(body)))
			.build();
		return send(this.http, request);
	}

	private Answer send(HttpClient client, HttpRequest request) {
		try {
			HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
			JsonNode body = null;
			if (response.body() != null && response.body().startsWith("{")) {
				try {
					body = this.json.readTree(response.body());
				}
				catch (RuntimeException ex) {
					// not JSON after all
				}
			}
			return new Answer(response.statusCode(), response.body(), body);
		}
		catch (IOException ex) {
			return new Answer(0, ex.toString(), null);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Answer(0, ex.toString(), null);
		}
	}

	private String anonymousCsrf() throws Exception {
		HttpResponse<Void> page = this.http.send(HttpRequest.newBuilder(URI.create(GATEWAY + "/login")).build(),
				HttpResponse.BodyHandlers.discarding());
		return page.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((cookie) -> cookie.startsWith("XSRF-TOKEN="))
			.map((cookie) -> cookie.substring("XSRF-TOKEN=".length(), cookie.indexOf(';')))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No XSRF-TOKEN cookie from " + GATEWAY));
	}

	private synchronized void refreshCsrf() {
		try {
			this.csrf = anonymousCsrf();
		}
		catch (Exception ex) {
			// the gateway is down; the next failure tries again
		}
	}

	/**
	 * The staff account's session at the gateway. Sessions live in the gateway's store
	 * and outlive its restart; a 401/403 logs in again all the same.
	 */
	final class StaffSession {

		private final java.net.CookieManager cookies = new java.net.CookieManager(null,
				java.net.CookiePolicy.ACCEPT_ALL);

		private final HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.cookieHandler(this.cookies)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(3))
			.build();

		private long loggedInAt;

		StaffSession() {
			logIn();
		}

		synchronized void logIn() {
			if (System.nanoTime() - this.loggedInAt < TimeUnit.SECONDS.toNanos(2)) {
				return; // another thread just did
			}
			try {
				this.cookies.getCookieStore().removeAll();
				this.client.send(HttpRequest.newBuilder(URI.create(GATEWAY + "/api/session")).build(),
						HttpResponse.BodyHandlers.discarding());
				String form = "username="
						+ java.net.URLEncoder
							.encode(ChaosSystemIT.this.secrets.getProperty("staffEmail"), StandardCharsets.UTF_8)
						+ "&password="
						+ java.net.URLEncoder.encode(ChaosSystemIT.this.secrets.getProperty("staffPassword"),
								StandardCharsets.UTF_8)
						+ "&_csrf=" + java.net.URLEncoder.encode(csrf(), StandardCharsets.UTF_8);
				HttpResponse<Void> login = this.client.send(HttpRequest.newBuilder(URI.create(GATEWAY + "/login"))
					.timeout(Duration.ofSeconds(15))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString(form))
					.build(), HttpResponse.BodyHandlers.discarding());
				if (!login.headers().firstValue("Location").orElse("").equals("/")) {
					throw new IllegalStateException("staff login answered " + login.statusCode());
				}
				this.client.send(HttpRequest.newBuilder(URI.create(GATEWAY + "/api/session")).build(),
						HttpResponse.BodyHandlers.discarding());
				this.loggedInAt = System.nanoTime();
			}
			catch (IOException | RuntimeException ex) {
				// the gateway is down: the next request tries again
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		Answer post(String path, Object body) {
			return send("POST", path, body);
		}

		JsonNode getJson(String path) {
			Answer answer = send("GET", path, null);
			assertThat(answer.status).as("GET " + path + ": " + answer).isEqualTo(200);
			return ChaosSystemIT.this.json.readTree(answer.text);
		}

		private Answer send(String method, String path, Object body) {
			Answer answer = sendOnce(method, path, body);
			if (answer.status == 401 || answer.status == 403) {
				logIn();
				answer = sendOnce(method, path, body);
			}
			return answer;
		}

		private Answer sendOnce(String method, String path, Object body) {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(GATEWAY + path))
				.timeout(Duration.ofSeconds(20))
				.header("Accept", "application/json");
			try {
				request.header("X-XSRF-TOKEN", csrf());
			}
			catch (RuntimeException ex) {
				// no token yet: the answer (403) makes it log in
			}
			if (body != null) {
				request.header("Content-Type", "application/json")
					.method(method,
							HttpRequest.BodyPublishers.ofString(ChaosSystemIT.this.json.writeValueAsString(body)));
			}
			else {
				request.method(method, HttpRequest.BodyPublishers.noBody());
			}
			return ChaosSystemIT.this.send(this.client, request.build());
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

	}

	private String createOpenEvent() throws Exception {
		String[] initiative = new String[1];
		await("an initiative from the import").atMost(Duration.ofSeconds(120))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> {
				JsonNode page = this.staff.getJson("/api/initiatives?size=1");
				if (page.get("content").isEmpty()) {
					return false;
				}
				initiative[0] = page.at("/content/0/id").asString();
				return true;
			});
		Instant start = Instant.now().plus(Duration.ofDays(30));
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("initiativeId", initiative[0]);
		event.put("title", EVENT_TITLE);
		event.put("format", "TAGUNG");
		event.put("start", start.toString());
		event.put("end", start.plus(Duration.ofHours(3)).toString());
		event.put("city", "Kassel");
		event.put("state", "DE-HE");
		event.put("capacity", 5000);
		event.put("targetGroups", List.of("PUPIL", "TRAINEE_STUDENT", "PROFESSIONAL"));
		event.put("campaignSupported", true);
		String[] id = new String[1];
		// event-service learns of the initiative over Kafka
		await("event created").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
			Answer created = this.staff.post("/api/events", event);
			if (created.status != 201) {
				log("creating the event: %s", created);
				return false;
			}
			id[0] = created.body.get("id").asString();
			return true;
		});
		Answer opened = this.staff.post("/api/events/" + id[0] + "/open", null);
		assertThat(opened.status).as("open: " + opened).isEqualTo(200);
		return id[0];
	}

	// ------------------------------------------------------------ helpers

	private Path launcherOutput() {
		return dataDir.resolve("launcher.out");
	}

	private String launcherPrinted() throws IOException {
		return Files.exists(launcherOutput()) ? Files.readString(launcherOutput()) : "";
	}

	private double since(long nanos) {
		return (System.nanoTime() - nanos) / 1e9;
	}

	private void log(String format, Object... args) {
		System.out.printf(Locale.ROOT, "[chaos %6.1f s] %s%n", since(this.testStart), String.format(format, args));
	}

}
