/*
 * Load drivers for Industriedialog, run against ./run.sh through the gateway.
 *
 * Runs with nothing but a JDK (single-file source launch):
 *
 *   java deploy/load/Load.java registrations [--rates 100,200,…] [--seconds 10] [--capacity 100]
 *       [--warmup-rate 50] [--warmup-seconds 5] [--settle-seconds 15]
 *   java deploy/load/Load.java feedback [--rates 25,50,100,…] [--seconds 20]
 *   java deploy/load/Load.java refused [--rates 100,200,…] [--seconds 10]
 *   java deploy/load/Load.java rebuild
 *   java deploy/load/Load.java mails [--count 400] [--rate 100] [--mail http://localhost:8025]
 *
 * Common options: [--gateway http://localhost:8080] [--secrets var/secrets.properties]
 * (the staff account of the local stack).
 *
 * registrations: for every rate a fresh open event (as staff); registrations with distinct
 * addresses at that fixed rate (open model: requests start on schedule whether or not
 * earlier ones have answered, so a slow system cannot slow the driver down); afterwards
 * the door list must show exactly `capacity` confirmed and everyone else waitlisted.
 *
 * feedback: for every rate fresh events with a shared feedback link (one event per 50
 * submissions, because the link is rate-limited per client address); questionnaires at
 * that fixed rate, each from a new device; meanwhile the driver listens on the staff's
 * live stream /api/kpi/stream and takes, for every stored response, the time from the
 * POST's answer to the stream message that names its responseId (freshness as the
 * dashboard sees it). A rate is kept up with when every response reached the stream and
 * freshness p99 stayed within 1 s.
 *
 * refused: the baseline for registrations. The same POST through the same two hops
 * (gateway, event-service) with an invalid e-mail address, so event-service answers 400
 * before it touches the store and nothing is published: the rate the HTTP path alone
 * sustains on this machine, the ceiling no change behind it can lift.
 *
 * mails: a burst of `count` registrations at `rate` for one fresh event whose capacity is
 * half of them, then waits until the local mail server (the launcher's mail catcher) holds
 * a confirmation or waitlist mail for every acknowledged address; prints the mails per
 * second from the first to the last arrival (the mail catcher numbers mails by their
 * arrival time in milliseconds), the time from the first request to the last mail, and
 * the addresses that got none, or more than one.
 *
 * rebuild: starts POST /api/kpi/rebuild, waits for it and prints its duration, and checks
 * that the overview is the same before and after.
 *
 * Each stepped scenario stops after the first rate that misses its goal (p99 above
 * 200 ms for registrations; for feedback responses missing from the stream or freshness
 * p99 above 1 s).
 */

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class Load {

	static final long P99_LIMIT_MS = 200;

	String gateway = "http://localhost:8080";

	Path secrets = Path.of("var/secrets.properties");

	int[] rates;

	int seconds;

	int capacity = 100;

	int warmupRate = 50;

	int warmupSeconds = 5;

	int settleSeconds = 15;

	int count = 400;

	int rate = 100;

	String mail = "http://localhost:8025";

	Session staff;

	HttpClient anonymous;

	public static void main(String[] args) throws Exception {
		if (args.length == 0) {
			System.err.println("Usage: java deploy/load/Load.java registrations|refused|feedback|rebuild|mails [options]");
			System.exit(2);
		}
		Load load = new Load();
		String scenario = args[0];
		load.rates = scenario.equals("feedback") ? new int[] { 25, 50, 100, 150, 200, 300 }
				: new int[] { 100, 200, 300, 400, 500, 600, 700, 800 };
		load.seconds = scenario.equals("feedback") ? 20 : 10;
		for (int i = 1; i + 1 < args.length; i += 2) {
			switch (args[i]) {
				case "--gateway" -> load.gateway = args[i + 1];
				case "--secrets" -> load.secrets = Path.of(args[i + 1]);
				case "--rates" -> load.rates = Arrays.stream(args[i + 1].split(",")).mapToInt(Integer::parseInt).toArray();
				case "--seconds" -> load.seconds = Integer.parseInt(args[i + 1]);
				case "--capacity" -> load.capacity = Integer.parseInt(args[i + 1]);
				case "--warmup-rate" -> load.warmupRate = Integer.parseInt(args[i + 1]);
				case "--warmup-seconds" -> load.warmupSeconds = Integer.parseInt(args[i + 1]);
				case "--settle-seconds" -> load.settleSeconds = Integer.parseInt(args[i + 1]);
				case "--count" -> load.count = Integer.parseInt(args[i + 1]);
				case "--rate" -> load.rate = Integer.parseInt(args[i + 1]);
				case "--mail" -> load.mail = args[i + 1];
				default -> throw new IllegalArgumentException("Unknown option " + args[i]);
			}
		}
		load.anonymous = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.executor(Executors.newFixedThreadPool(8))
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		load.staff = Session.logIn(load.gateway, load.secrets);
		System.out.printf("Gateway %s, %d cores, Java %s, %s%n", load.gateway, Runtime.getRuntime().availableProcessors(),
				System.getProperty("java.version"), Instant.now());
		switch (scenario) {
			case "registrations" -> load.registrations();
			case "feedback" -> load.feedback();
			case "refused" -> load.refused();
			case "rebuild" -> load.rebuild();
			case "mails" -> load.mails();
			default -> throw new IllegalArgumentException("Unknown scenario " + scenario);
		}
		// The HTTP client's worker threads would keep the JVM alive.
		System.exit(0);
	}

	// ---------------------------------------------------------------- registrations

	void registrations() throws Exception {
		String initiative = firstPublishedInitiative();
		System.out.printf("Registrations: initiative %s, capacity %d per event, %d s per rate%n", initiative,
				this.capacity, this.seconds);
		// Until the JIT has compiled the hot paths every service runs several times
		// slower; a long warm-up measures the system, not its first minutes.
		System.out.printf("warm-up at %d/s for %d s …%n", this.warmupRate, this.warmupSeconds);
		registrationStep(initiative, this.warmupRate, this.warmupSeconds, false);
		System.out.printf("%8s %9s %8s %8s %8s %8s %8s %9s %11s %s%n", "rate/s", "achieved", "sent", "p50 ms",
				"p90 ms", "p99 ms", "max ms", "errors", "confirmed", "check");
		for (int rate : this.rates) {
			settle();
			Percentiles result = registrationStep(initiative, rate, this.seconds, true);
			if (result.p99 > P99_LIMIT_MS) {
				System.out.printf("p99 passed %d ms at %d/s%n", P99_LIMIT_MS, rate);
				break;
			}
		}
	}

	/**
	 * Each registration goes on after its answer: a confirmation mail, two projections.
	 * Waiting until the previous step's share of that is done lets a step measure its
	 * own rate, not the backlog of the one before.
	 */
	void settle() throws InterruptedException {
		Thread.sleep(this.settleSeconds * 1000L);
	}

	Percentiles registrationStep(String initiative, int rate, int duration, boolean print) throws Exception {
		String event = openEvent(initiative, "Lasttest " + rate + " Anmeldungen/s", this.capacity);
		String csrfToken = this.staff.anonymousCsrf();
		String run = Long.toString(System.nanoTime(), 36);
		AtomicInteger confirmed = new AtomicInteger();
		AtomicInteger waitlisted = new AtomicInteger();
		OpenModel model = new OpenModel(rate, rate * duration);
		model.run((n) -> {
			String body = "{\"name\":\"Last Test " + n + "\",\"email\":\"last-" + run + "-" + n
					+ "@example.org\",\"participantGroup\":\"PUPIL\",\"consent\":true,\"consentVersion\":\"teilnahme-2026-11\"}";
			return post(this.anonymous, "/api/events/" + event + "/registrations", body, csrfToken);
		}, (response) -> response.statusCode() == 202);
		Percentiles latency = Percentiles.ofMicros(model.latencies);
		// The answer says nothing about the seat (no status oracle): the door list does.
		String summary = this.staff.get("/api/events/" + event + "/registrations?q=__none__");
		int listedConfirmed = number(summary, "\"confirmed\":(\\d+)");
		int listedWaitlisted = number(summary, "\"waitlisted\":(\\d+)");
		confirmed.set(listedConfirmed);
		waitlisted.set(listedWaitlisted);
		boolean exact = confirmed.get() == this.capacity && listedConfirmed == this.capacity
				&& listedWaitlisted == model.total - model.errors.get() - this.capacity
				&& waitlisted.get() == listedWaitlisted;
		if (print) {
			System.out.printf("%8d %9.1f %8d %8.1f %8.1f %8.1f %8.1f %9d %11s %s%n", rate, model.achievedRate(),
					model.total, latency.p50, latency.p90, latency.p99, latency.max, model.errors.get(),
					confirmed.get() + "/" + this.capacity,
					exact ? "exact: " + listedConfirmed + " confirmed, " + listedWaitlisted + " waitlisted"
							: "MISMATCH: listed " + listedConfirmed + " confirmed, " + listedWaitlisted + " waitlisted");
		}
		return latency;
	}

	void refused() throws Exception {
		String event = openEvent(firstPublishedInitiative(), "Lasttest abgewiesene Anmeldungen", this.capacity);
		System.out.printf("Refused registrations (400 before any store access): %d s per rate%n", this.seconds);
		System.out.printf("warm-up at %d/s for %d s …%n", this.warmupRate, this.warmupSeconds);
		refusedStep(event, this.warmupRate, this.warmupSeconds);
		System.out.printf("%8s %9s %8s %8s %8s %8s %8s %9s%n", "rate/s", "achieved", "sent", "p50 ms", "p90 ms",
				"p99 ms", "max ms", "errors");
		for (int rate : this.rates) {
			OpenModel model = refusedStep(event, rate, this.seconds);
			Percentiles latency = Percentiles.ofMicros(model.latencies);
			System.out.printf("%8d %9.1f %8d %8.1f %8.1f %8.1f %8.1f %9d%n", rate, model.achievedRate(), model.total,
					latency.p50, latency.p90, latency.p99, latency.max, model.errors.get());
			if (latency.p99 > P99_LIMIT_MS) {
				System.out.printf("p99 passed %d ms at %d/s%n", P99_LIMIT_MS, rate);
				break;
			}
		}
	}

	OpenModel refusedStep(String event, int rate, int duration) throws Exception {
		String csrfToken = this.staff.anonymousCsrf();
		OpenModel model = new OpenModel(rate, rate * duration);
		model.run((n) -> {
			String body = "{\"name\":\"Last Test " + n + "\",\"email\":\"keine-adresse-" + n
					+ "\",\"participantGroup\":\"PUPIL\",\"consent\":true,\"consentVersion\":\"teilnahme-2026-11\"}";
			return post(this.anonymous, "/api/events/" + event + "/registrations", body, csrfToken);
		}, (response) -> response.statusCode() == 400 && response.body().contains("\"email\""));
		return model;
	}

	// ---------------------------------------------------------------- feedback

	static final int SUBMISSIONS_PER_LINK = 50;

	/** Beyond this the dashboard visibly trails the submissions: the projection no longer keeps up. */
	static final long FRESHNESS_LIMIT_MS = 1000;

	static final Pattern RESPONSE_ID = Pattern.compile("\"responseId\":\"([^\"]+)\"");

	static final Pattern STREAMED_IDS = Pattern.compile("\"feedbackResponseIds\":\\[([^\\]]*)\\]");

	/** responseId → nanoTime the stream named it. */
	final Map<String, Long> streamed = new ConcurrentHashMap<>();

	void feedback() throws Exception {
		String initiative = firstPublishedInitiative();
		Thread stream = new Thread(this::listenToKpiStream, "kpi-stream");
		stream.setDaemon(true);
		stream.start();
		System.out.printf("Feedback: initiative %s, %d s per rate, one event link per %d submissions%n", initiative,
				this.seconds, SUBMISSIONS_PER_LINK);
		System.out.println("warm-up at 20/s for 5 s …");
		feedbackStep(initiative, 20, 5, false);
		System.out.printf("%8s %9s %7s %8s %8s %7s %10s %14s %14s %12s%n", "rate/s", "achieved", "sent", "p50 ms",
				"p99 ms", "errors", "streamed", "fresh p50 ms", "fresh p99 ms", "fresh max");
		for (int rate : this.rates) {
			boolean keptUp = feedbackStep(initiative, rate, this.seconds, true);
			if (!keptUp) {
				System.out.printf("the projection did not keep up at %d/s%n", rate);
				break;
			}
		}
	}

	boolean feedbackStep(String initiative, int rate, int duration, boolean print) throws Exception {
		int total = rate * duration;
		List<String> links = feedbackLinks(initiative, rate, (total + SUBMISSIONS_PER_LINK - 1) / SUBMISSIONS_PER_LINK);
		String csrfToken = this.staff.anonymousCsrf();
		Map<String, Long> answered = new ConcurrentHashMap<>();
		String[] scale = { "FULLY", "MOSTLY", "PARTLY", "NOT_AT_ALL" };
		String[] suitability = { "VERY_GOOD", "GOOD", "LESS_GOOD", "NOT_SUITABLE" };
		String[] groups = { "PROFESSIONAL", "TRAINEE_STUDENT", "PUPIL" };
		OpenModel model = new OpenModel(rate, total);
		model.run((n) -> {
			String body = "{\"link\":\"" + links.get(n / SUBMISSIONS_PER_LINK) + "\",\"deviceId\":\"" + UUID.randomUUID()
					+ "\",\"participantGroup\":\"" + groups[n % 3] + "\",\"answers\":{\"Q1\":\"" + scale[n % 3]
					+ "\",\"Q2\":\"" + suitability[n % 2] + "\",\"Q3\":\"" + scale[n % 4] + "\",\"Q4\":\""
					+ scale[(n / 3) % 2] + "\",\"Q5\":\"" + scale[(n / 5) % 3] + "\"}}";
			return post(this.anonymous, "/api/feedback", body, csrfToken);
		}, (response) -> {
			long now = System.nanoTime();
			Matcher id = RESPONSE_ID.matcher(response.body());
			if (response.statusCode() != 201 || !id.find()) {
				return false;
			}
			answered.put(id.group(1), now);
			return true;
		});
		// Give the pipeline a moment to drain after the last answer before judging.
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (System.nanoTime() < deadline && !this.streamed.keySet().containsAll(answered.keySet())) {
			Thread.sleep(50);
		}
		List<Long> freshness = new ArrayList<>();
		int seen = 0;
		for (Map.Entry<String, Long> entry : answered.entrySet()) {
			Long at = this.streamed.get(entry.getKey());
			if (at != null) {
				seen++;
				freshness.add(Math.max(0, at - entry.getValue()) / 1_000);
			}
		}
		Percentiles latency = Percentiles.ofMicros(model.latencies);
		Percentiles fresh = Percentiles.ofMicros(freshness);
		if (print) {
			System.out.printf("%8d %9.1f %7d %8.1f %8.1f %7d %10s %14.1f %14.1f %12.1f%n", rate, model.achievedRate(),
					total, latency.p50, latency.p99, model.errors.get(), seen + "/" + answered.size(), fresh.p50,
					fresh.p99, fresh.max);
		}
		return seen == answered.size() && model.errors.get() == 0 && fresh.p99 <= FRESHNESS_LIMIT_MS;
	}

	List<String> feedbackLinks(String initiative, int rate, int count) throws Exception {
		List<String> events = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			events.add(openEvent(initiative, "Lasttest Rückmeldungen " + rate + "/s Nr. " + (i + 1), 100));
		}
		List<String> links = new ArrayList<>();
		for (String event : events) {
			links.add(eventLink(event));
		}
		return links;
	}

	/** The evaluation-service knows the event only once it read it from Kafka. */
	String eventLink(String event) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (true) {
			HttpResponse<String> response = this.staff.send("POST", "/api/questionnaires/events/" + event + "/link", "");
			if (response.statusCode() < 300) {
				Matcher token = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(response.body());
				if (token.find()) {
					return token.group(1);
				}
			}
			if (response.statusCode() != 404 || System.nanoTime() > deadline) {
				throw new IllegalStateException("No feedback link for " + event + ": " + response.statusCode() + " "
						+ response.body());
			}
			Thread.sleep(100);
		}
	}

	void listenToKpiStream() {
		while (true) {
			try {
				HttpResponse<InputStream> response = this.staff.client.send(HttpRequest
					.newBuilder(URI.create(this.gateway + "/api/kpi/stream"))
					.header("Accept", "text/event-stream")
					.header("Cookie", this.staff.cookies())
					.build(), HttpResponse.BodyHandlers.ofInputStream());
				if (response.statusCode() != 200) {
					throw new IllegalStateException("/api/kpi/stream answered " + response.statusCode());
				}
				try (BufferedReader lines = new BufferedReader(
						new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
					String line;
					while ((line = lines.readLine()) != null) {
						if (line.startsWith("data:")) {
							long now = System.nanoTime();
							Matcher ids = STREAMED_IDS.matcher(line);
							if (ids.find()) {
								Matcher id = Pattern.compile("\"([^\"]+)\"").matcher(ids.group(1));
								while (id.find()) {
									this.streamed.putIfAbsent(id.group(1), now);
								}
							}
						}
					}
				}
			}
			catch (Exception ex) {
				System.err.println("KPI stream: " + ex.getMessage() + " – reconnecting");
				try {
					Thread.sleep(500);
				}
				catch (InterruptedException interrupted) {
					return;
				}
			}
		}
	}

	// ---------------------------------------------------------------- mails

	void mails() throws Exception {
		String event = openEvent(firstPublishedInitiative(), "Lasttest Bestätigungsmails", this.count / 2);
		String csrfToken = this.staff.anonymousCsrf();
		String run = Long.toString(System.nanoTime(), 36);
		Set<String> acknowledged = ConcurrentHashMap.newKeySet();
		System.out.printf("Mails: %d registrations at %d/s for one event (capacity %d), run %s%n", this.count,
				this.rate, this.count / 2, run);
		long begin = System.currentTimeMillis();
		OpenModel model = new OpenModel(this.rate, this.count);
		model.run((n) -> {
			String body = "{\"name\":\"Post Test " + n + "\",\"email\":\"mail-" + run + "-" + n
					+ "@example.org\",\"participantGroup\":\"PUPIL\",\"consent\":true,\"consentVersion\":\"teilnahme-2026-11\"}";
			return post(this.anonymous, "/api/events/" + event + "/registrations", body, csrfToken).thenApply((r) -> {
				if (r.statusCode() == 202) {
					acknowledged.add("mail-" + run + "-" + n + "@example.org");
				}
				return r;
			});
		}, (response) -> response.statusCode() == 202);
		System.out.printf("registrations: %d sent, %d acknowledged, %d errors, achieved %.1f/s%n", model.total,
				acknowledged.size(), model.errors.get(), model.achievedRate());
		Pattern summary = Pattern.compile("\\{\"id\":\"?(\\d+)\"?[^}]*?\"to\":\\[\"(mail-" + run + "-\\d+@example\\.org)\"");
		Map<String, Integer> perRecipient = new ConcurrentHashMap<>();
		long first = Long.MAX_VALUE;
		long last = 0;
		long deadline = System.currentTimeMillis() + 600_000;
		while (System.currentTimeMillis() < deadline) {
			perRecipient.clear();
			first = Long.MAX_VALUE;
			last = 0;
			HttpResponse<String> list = this.anonymous.send(
					HttpRequest.newBuilder(URI.create(this.mail + "/api/messages")).timeout(Duration.ofSeconds(60)).build(),
					HttpResponse.BodyHandlers.ofString());
			Matcher m = summary.matcher(list.body());
			while (m.find()) {
				long id = Long.parseLong(m.group(1));
				first = Math.min(first, id);
				last = Math.max(last, id);
				perRecipient.merge(m.group(2), 1, Integer::sum);
			}
			if (perRecipient.keySet().containsAll(acknowledged)) {
				break;
			}
			Thread.sleep(2000);
		}
		int mails = perRecipient.values().stream().mapToInt(Integer::intValue).sum();
		long missing = acknowledged.stream().filter((a) -> !perRecipient.containsKey(a)).count();
		long twice = perRecipient.values().stream().filter((c) -> c > 1).count();
		double seconds = Math.max(1, last - first) / 1000.0;
		System.out.printf("mails: %d for %d addresses; %d addresses without a mail, %d with more than one%n", mails,
				perRecipient.size(), missing, twice);
		System.out.printf("first to last arrival: %.1f s, %.1f mails/s; first request to last mail: %.1f s%n", seconds,
				mails / seconds, (last - begin) / 1000.0);
	}

	// ---------------------------------------------------------------- rebuild

	void rebuild() throws Exception {
		String before = withoutVolatileFields(this.staff.get("/api/kpi/overview"));
		long start = System.nanoTime();
		this.staff.post("/api/kpi/rebuild", "");
		String status;
		do {
			Thread.sleep(200);
			status = this.staff.get("/api/kpi/rebuild");
		}
		while (status.contains("\"RUNNING\""));
		double wall = (System.nanoTime() - start) / 1e9;
		String after = withoutVolatileFields(this.staff.get("/api/kpi/overview"));
		System.out.printf("rebuild: %s%nwall time seen by the driver: %.1f s%noverview before and after: %s%n", status,
				wall, before.equals(after) ? "identical" : "DIFFERENT\n  before " + before + "\n  after  " + after);
	}

	static String withoutVolatileFields(String overview) {
		return overview.replaceAll("\"asOf\":\"[^\"]*\",?", "").replaceAll("\"sequence\":\\d+,?", "");
	}

	// ---------------------------------------------------------------- shared

	String openEvent(String initiative, String title, int capacity) throws Exception {
		Instant start = Instant.now().plus(Duration.ofDays(30));
		String body = "{\"initiativeId\":\"" + initiative + "\",\"title\":\"" + title
				+ "\",\"format\":\"TAGUNG\",\"start\":\"" + start + "\",\"end\":\"" + start.plus(Duration.ofHours(3))
				+ "\",\"city\":\"Berlin\",\"state\":\"DE-BE\",\"capacity\":" + capacity
				+ ",\"targetGroups\":[\"PUPIL\"],\"campaignSupported\":false}";
		String created = this.staff.post("/api/events", body);
		Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(created);
		if (!id.find()) {
			throw new IllegalStateException("Could not create the event: " + created);
		}
		this.staff.post("/api/events/" + id.group(1) + "/open", "");
		return id.group(1);
	}

	String firstPublishedInitiative() throws Exception {
		Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(this.staff.get("/api/initiatives?size=1"));
		if (!id.find()) {
			throw new IllegalStateException("No published initiative: is the stack running with its data?");
		}
		return id.group(1);
	}

	CompletableFuture<HttpResponse<String>> post(HttpClient client, String path, String json, String csrfToken) {
		return client.sendAsync(HttpRequest.newBuilder(URI.create(this.gateway + path))
			.header("Content-Type", "application/json")
			.header("X-XSRF-TOKEN", csrfToken)
			.header("Cookie", "XSRF-TOKEN=" + csrfToken)
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	static int number(String json, String regex) {
		Matcher matcher = Pattern.compile(regex).matcher(json);
		return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
	}

	/** Sends {@code total} requests at a fixed rate, whether or not earlier ones answered. */
	static final class OpenModel {

		final int rate;

		final int total;

		final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();

		final AtomicInteger errors = new AtomicInteger();

		long completeNanos;

		OpenModel(int rate, int total) {
			this.rate = rate;
			this.total = total;
		}

		interface Request {

			CompletableFuture<HttpResponse<String>> send(int n);

		}

		interface Check {

			boolean ok(HttpResponse<String> response);

		}

		void run(Request request, Check check) throws Exception {
			List<CompletableFuture<?>> pending = Collections.synchronizedList(new ArrayList<>());
			ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
			AtomicInteger sent = new AtomicInteger();
			long periodNanos = 1_000_000_000L / this.rate;
			long begin = System.nanoTime();
			ticker.scheduleAtFixedRate(() -> {
				// Catch up if the ticker fell behind, so the offered rate stays the rate.
				long due = Math.min(this.total, (System.nanoTime() - begin) / periodNanos + 1);
				while (sent.get() < due) {
					int n = sent.getAndIncrement();
					long start = System.nanoTime();
					pending.add(request.send(n).whenComplete((response, failure) -> {
						this.latencies.add((System.nanoTime() - start) / 1_000);
						if (failure != null || !check.ok(response)) {
							if (this.errors.incrementAndGet() <= 3) {
								System.err.println("request failed: "
										+ ((failure != null) ? failure : response.statusCode() + " " + response.body()));
							}
						}
					}));
				}
			}, 0, Math.max(1, periodNanos / 1000), TimeUnit.MICROSECONDS);
			while (sent.get() < this.total) {
				Thread.sleep(20);
			}
			ticker.shutdownNow();
			CompletableFuture.allOf(pending.toArray(new CompletableFuture[0]))
				.exceptionally((ex) -> null)
				.get(60, TimeUnit.SECONDS);
			this.completeNanos = System.nanoTime() - begin;
		}

		double achievedRate() {
			return this.total / (this.completeNanos / 1e9);
		}

	}

	record Percentiles(double p50, double p90, double p99, double max) {

		static Percentiles ofMicros(java.util.Collection<Long> micros) {
			List<Long> sorted = new ArrayList<>(micros);
			Collections.sort(sorted);
			return new Percentiles(at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99),
					sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1000.0);
		}

		static double at(List<Long> sortedMicros, double p) {
			if (sortedMicros.isEmpty()) {
				return 0;
			}
			int index = (int) Math.ceil(p * sortedMicros.size()) - 1;
			return sortedMicros.get(Math.max(0, Math.min(index, sortedMicros.size() - 1))) / 1000.0;
		}

	}

	/** The staff account's session at the gateway (form login with CSRF, as the browser does). */
	static final class Session {

		final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

		final String gateway;

		String sessionCookie;

		String csrf;

		Session(String gateway) {
			this.gateway = gateway;
		}

		static Session logIn(String gateway, Path secrets) throws Exception {
			Properties properties = new Properties();
			try (InputStream in = Files.newInputStream(secrets)) {
				properties.load(in);
			}
			Session session = new Session(gateway);
			session.csrf = session.anonymousCsrf();
			String form = "username="
					+ URLEncoder.encode(properties.getProperty("staffEmail"), StandardCharsets.UTF_8) + "&password="
					+ URLEncoder.encode(properties.getProperty("staffPassword"), StandardCharsets.UTF_8) + "&_csrf="
					+ session.csrf;
			HttpResponse<String> login = session.client.send(HttpRequest.newBuilder(URI.create(gateway + "/login"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Cookie", "XSRF-TOKEN=" + session.csrf)
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofString());
			session.sessionCookie = login.headers()
				.allValues("Set-Cookie")
				.stream()
				.filter((cookie) -> cookie.startsWith("SESSION=") || cookie.startsWith("JSESSIONID="))
				.map((cookie) -> cookie.substring(0, cookie.indexOf(';')))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException(
						"Staff login failed (" + login.statusCode() + "); check " + secrets));
			return session;
		}

		String anonymousCsrf() throws IOException, InterruptedException {
			HttpResponse<Void> page = this.client.send(
					HttpRequest.newBuilder(URI.create(this.gateway + "/login")).build(),
					HttpResponse.BodyHandlers.discarding());
			return page.headers()
				.allValues("Set-Cookie")
				.stream()
				.filter((cookie) -> cookie.startsWith("XSRF-TOKEN="))
				.map((cookie) -> cookie.substring("XSRF-TOKEN=".length(), cookie.indexOf(';')))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("No XSRF-TOKEN cookie from " + this.gateway));
		}

		String cookies() {
			return this.sessionCookie + "; XSRF-TOKEN=" + this.csrf;
		}

		HttpResponse<String> send(String method, String path, String json) throws IOException, InterruptedException {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.gateway + path))
				.header("Cookie", cookies());
			if (method.equals("GET")) {
				request.GET();
			}
			else {
				request.header("Content-Type", "application/json")
					.header("X-XSRF-TOKEN", this.csrf)
					.method(method, HttpRequest.BodyPublishers.ofString(json));
			}
			return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}

		String get(String path) throws IOException, InterruptedException {
			return check(send("GET", path, null));
		}

		String post(String path, String json) throws IOException, InterruptedException {
			return check(send("POST", path, json));
		}

		static String check(HttpResponse<String> response) {
			if (response.statusCode() >= 300) {
				throw new IllegalStateException(response.request().uri() + " answered " + response.statusCode() + ": "
						+ response.body());
			}
			return response.body();
		}

	}

}
