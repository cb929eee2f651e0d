/*
 * Load driver for the registration of one popular event through the gateway.
 *
 * Runs with nothing but a JDK (single-file source launch):
 *
 *   java deploy/load/RegistrationLoad.java [--gateway http://localhost:8080]
 *        [--secrets var/secrets.properties] [--rates 100,200,300,400,500,600,700,800]
 *        [--seconds 10] [--capacity 100]
 *
 * For every rate it creates and opens a fresh event (as the demo staff account), then
 * sends registrations with distinct addresses at that fixed rate (open model: requests
 * are started on schedule whether or not earlier ones have answered, so a slow system
 * cannot slow the driver down), measures each response, and afterwards checks the door
 * list: confirmed must equal the capacity exactly and everyone else must be waitlisted.
 * It stops after the first rate whose p99 latency exceeds 200 ms.
 */

import java.io.IOException;
import java.io.InputStream;
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
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class RegistrationLoad {

	static final long P99_LIMIT_MS = 200;

	String gateway = "http://localhost:8080";

	Path secrets = Path.of("var/secrets.properties");

	int[] rates = { 100, 200, 300, 400, 500, 600, 700, 800 };

	int seconds = 10;

	int capacity = 100;

	HttpClient staff;

	HttpClient anonymous;

	String staffCookie;

	String csrf;

	public static void main(String[] args) throws Exception {
		RegistrationLoad load = new RegistrationLoad();
		for (int i = 0; i + 1 < args.length; i += 2) {
			switch (args[i]) {
				case "--gateway" -> load.gateway = args[i + 1];
				case "--secrets" -> load.secrets = Path.of(args[i + 1]);
				case "--rates" -> load.rates = Arrays.stream(args[i + 1].split(",")).mapToInt(Integer::parseInt).toArray();
				case "--seconds" -> load.seconds = Integer.parseInt(args[i + 1]);
				case "--capacity" -> load.capacity = Integer.parseInt(args[i + 1]);
				default -> throw new IllegalArgumentException("Unknown option " + args[i]);
			}
		}
		load.run();
		// The HTTP client's worker threads would keep the JVM alive.
		System.exit(0);
	}

	void run() throws Exception {
		this.anonymous = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.executor(Executors.newFixedThreadPool(8))
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		this.staff = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		logIn();
		String initiative = firstPublishedInitiative();
		System.out.printf("Gateway %s, initiative %s, capacity %d per event, %d s per rate, %d cores, %s%n",
				this.gateway, initiative, this.capacity, this.seconds, Runtime.getRuntime().availableProcessors(),
				System.getProperty("java.version"));
		System.out.println("warm-up at 50/s for 5 s …");
		step(initiative, 50, 5, false);
		System.out.printf("%8s %9s %8s %8s %8s %8s %8s %9s %11s %s%n", "rate/s", "achieved", "sent", "p50 ms",
				"p90 ms", "p99 ms", "max ms", "errors", "confirmed", "check");
		for (int rate : this.rates) {
			Result result = step(initiative, rate, this.seconds, true);
			if (result.p99 > P99_LIMIT_MS) {
				System.out.printf("p99 passed %d ms at %d/s%n", P99_LIMIT_MS, rate);
				break;
			}
		}
	}

	Result step(String initiative, int rate, int duration, boolean print) throws Exception {
		String event = openEvent(initiative, rate);
		String csrfToken = anonymousCsrf();
		int total = rate * duration;
		ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
		AtomicInteger confirmed = new AtomicInteger();
		AtomicInteger waitlisted = new AtomicInteger();
		AtomicInteger errors = new AtomicInteger();
		List<CompletableFuture<?>> pending = Collections.synchronizedList(new ArrayList<>());
		ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
		AtomicInteger sent = new AtomicInteger();
		long periodNanos = 1_000_000_000L / rate;
		long begin = System.nanoTime();
		String run = Long.toString(System.nanoTime(), 36);
		ticker.scheduleAtFixedRate(() -> {
			// Catch up if the ticker fell behind, so the offered rate stays the rate.
			long due = Math.min(total, (System.nanoTime() - begin) / periodNanos + 1);
			while (sent.get() < due) {
				int n = sent.getAndIncrement();
				String body = "{\"name\":\"Last Test " + n + "\",\"email\":\"last-" + run + "-" + n
						+ "@example.org\",\"participantGroup\":\"PUPIL\",\"consent\":true,\"consentVersion\":\"teilnahme-2026-11\"}";
				HttpRequest request = HttpRequest.newBuilder(URI.create(this.gateway + "/api/events/" + event + "/registrations"))
					.header("Content-Type", "application/json")
					.header("X-XSRF-TOKEN", csrfToken)
					.header("Cookie", "XSRF-TOKEN=" + csrfToken)
					.timeout(Duration.ofSeconds(30))
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build();
				long start = System.nanoTime();
				pending.add(this.anonymous.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
					latencies.add((System.nanoTime() - start) / 1_000);
					if (failure != null || response.statusCode() != 201) {
						errors.incrementAndGet();
					}
					else if (response.body().contains("\"CONFIRMED\"")) {
						confirmed.incrementAndGet();
					}
					else {
						waitlisted.incrementAndGet();
					}
				}));
			}
		}, 0, Math.max(1, periodNanos / 1000), TimeUnit.MICROSECONDS);
		while (sent.get() < total) {
			Thread.sleep(20);
		}
		ticker.shutdownNow();
		long sendSpan = System.nanoTime() - begin;
		CompletableFuture.allOf(pending.toArray(new CompletableFuture[0])).exceptionally((ex) -> null).get(60, TimeUnit.SECONDS);
		long completeSpan = System.nanoTime() - begin;
		List<Long> sorted = new ArrayList<>(latencies);
		Collections.sort(sorted);
		Result result = new Result(percentile(sorted, 0.50), percentile(sorted, 0.90), percentile(sorted, 0.99),
				sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1000.0);
		String summary = get("/api/events/" + event + "/registrations?q=__none__");
		int listedConfirmed = number(summary, "\"confirmed\":(\\d+)");
		int listedWaitlisted = number(summary, "\"waitlisted\":(\\d+)");
		boolean exact = confirmed.get() == this.capacity && listedConfirmed == this.capacity
				&& listedWaitlisted == total - errors.get() - this.capacity && waitlisted.get() == listedWaitlisted;
		if (print) {
			System.out.printf("%8d %9.1f %8d %8.1f %8.1f %8.1f %8.1f %9d %11s %s%n", rate,
					total / (completeSpan / 1e9), total, result.p50, result.p90, result.p99, result.max, errors.get(),
					confirmed.get() + "/" + this.capacity,
					exact ? "exact: " + listedConfirmed + " confirmed, " + listedWaitlisted + " waitlisted"
							: "MISMATCH: listed " + listedConfirmed + " confirmed, " + listedWaitlisted + " waitlisted");
		}
		return result;
	}

	static double percentile(List<Long> sortedMicros, double p) {
		if (sortedMicros.isEmpty()) {
			return 0;
		}
		int index = (int) Math.ceil(p * sortedMicros.size()) - 1;
		return sortedMicros.get(Math.max(0, Math.min(index, sortedMicros.size() - 1))) / 1000.0;
	}

	record Result(double p50, double p90, double p99, double max) {
	}

	String openEvent(String initiative, int rate) throws Exception {
		Instant start = Instant.now().plus(Duration.ofDays(30));
		String body = "{\"initiativeId\":\"" + initiative + "\",\"title\":\"Lasttest " + rate
				+ " Anmeldungen/s\",\"format\":\"TAGUNG\",\"start\":\"" + start + "\",\"end\":\""
				+ start.plus(Duration.ofHours(3)) + "\",\"city\":\"Berlin\",\"state\":\"DE-BE\",\"capacity\":"
				+ this.capacity + ",\"targetGroups\":[\"PUPIL\"],\"campaignSupported\":false}";
		String created = post("/api/events", body);
		Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(created);
		if (!id.find()) {
			throw new IllegalStateException("Could not create the event: " + created);
		}
		post("/api/events/" + id.group(1) + "/open", "");
		return id.group(1);
	}

	String firstPublishedInitiative() throws Exception {
		Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(get("/api/initiatives?size=1"));
		if (!id.find()) {
			throw new IllegalStateException("No published initiative: is the stack running with its data?");
		}
		return id.group(1);
	}

	void logIn() throws Exception {
		Properties properties = new Properties();
		try (InputStream in = Files.newInputStream(this.secrets)) {
			properties.load(in);
		}
		this.csrf = anonymousCsrf();
		String form = "username=" + URLEncoder.encode(properties.getProperty("staffEmail"), StandardCharsets.UTF_8)
				+ "&password=" + URLEncoder.encode(properties.getProperty("staffPassword"), StandardCharsets.UTF_8)
				+ "&_csrf=" + this.csrf;
		HttpResponse<String> login = this.staff.send(HttpRequest.newBuilder(URI.create(this.gateway + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Cookie", "XSRF-TOKEN=" + this.csrf)
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
		this.staffCookie = login.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((cookie) -> cookie.startsWith("SESSION=") || cookie.startsWith("JSESSIONID="))
			.map((cookie) -> cookie.substring(0, cookie.indexOf(';')))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("Staff login failed (" + login.statusCode()
					+ "); check " + this.secrets));
	}

	String anonymousCsrf() throws IOException, InterruptedException {
		HttpResponse<Void> page = this.staff.send(HttpRequest.newBuilder(URI.create(this.gateway + "/login")).build(),
				HttpResponse.BodyHandlers.discarding());
		return page.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((cookie) -> cookie.startsWith("XSRF-TOKEN="))
			.map((cookie) -> cookie.substring("XSRF-TOKEN=".length(), cookie.indexOf(';')))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No XSRF-TOKEN cookie from " + this.gateway));
	}

	String get(String path) throws IOException, InterruptedException {
		return check(this.staff.send(HttpRequest.newBuilder(URI.create(this.gateway + path))
			.header("Cookie", this.staffCookie + "; XSRF-TOKEN=" + this.csrf)
			.build(), HttpResponse.BodyHandlers.ofString()));
	}

	String post(String path, String json) throws IOException, InterruptedException {
		return check(this.staff.send(HttpRequest.newBuilder(URI.create(this.gateway + path))
			.header("Content-Type", "application/json")
			.header("Cookie", this.staffCookie + "; XSRF-TOKEN=" + this.csrf)
			.header("X-XSRF-TOKEN", this.csrf)
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString()));
	}

	static String check(HttpResponse<String> response) {
		if (response.statusCode() >= 300) {
			throw new IllegalStateException(response.request().uri() + " answered " + response.statusCode() + ": "
					+ response.body());
		}
		return response.body();
	}

	static int number(String json, String regex) {
		Matcher matcher = Pattern.compile(regex).matcher(json);
		return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
	}

}
