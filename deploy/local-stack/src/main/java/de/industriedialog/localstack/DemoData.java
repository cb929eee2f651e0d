package de.industriedialog.localstack;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the demo data of {@link DemoPlan} on the first start of a data directory, so that
 * a newcomer sees a living KPI dashboard: the model-region events of 2017 with the people
 * at the door and their Evaluationsbogen. Everything goes through the gateway's public
 * HTTP API like a real staff member and real phones (and so through Kafka like real
 * data): staff records each past event afterwards, opens it, registers the attendees at
 * the door, closes it, marks it held, creates the event's feedback link; anonymous
 * clients answer the questionnaire through that link, each with a device id of its own.
 * <p>
 * Idempotent: each step first looks at what is there (event by title, door list by name,
 * number of responses), so a run cut short by Ctrl+C is completed by the next start. When
 * everything is there, {@value #MARKER} is written to the data directory and later starts
 * do nothing. Runs in the background after "ready"; a failure is logged and never stops
 * the stack.
 */
final class DemoData {

	static final String MARKER = "demo-data-loaded";

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	/** Walk-ins sent at once: enough to hide the latency, little for two cores. */
	private static final int PARALLEL_WALK_INS = 3;

	private static final Duration WAIT_FOR_DATA = Duration.ofSeconds(180);

	private static final Logger log = LoggerFactory.getLogger(DemoData.class);

	private final String gateway;

	private final LocalSecrets secrets;

	private final Path dataDir;

	private final Consumer<String> say;

	private final BooleanSupplier stopping;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String mailWeb;

	private final AtomicInteger createdSubscribers = new AtomicInteger();

	private final AtomicInteger createdEvents = new AtomicInteger();

	private final AtomicInteger createdAttendees = new AtomicInteger();

	private final AtomicInteger createdResponses = new AtomicInteger();

	/**
	 * @param say prints a line for the person at the terminal (and logs it)
	 * @param stopping whether the stack is shutting down: then the loading stops quietly
	 */
	DemoData(String gateway, String mailWeb, LocalSecrets secrets, Path dataDir, Consumer<String> say,
			BooleanSupplier stopping) {
		this.gateway = gateway;
		this.mailWeb = mailWeb;
		this.secrets = secrets;
		this.dataDir = dataDir;
		this.say = say;
		this.stopping = stopping;
	}

	/**
	 * Whether to load demo data: not with {@code --no-demo-data}, nor with
	 * {@code DEMO_DATA} set to {@code false}, {@code off}, {@code no} or {@code 0}.
	 */
	static boolean wanted(boolean disabledByOption, String environment) {
		if (disabledByOption) {
			return false;
		}
		return environment == null
				|| !List.of("false", "off", "no", "0").contains(environment.strip().toLowerCase(Locale.ROOT));
	}

	static boolean loaded(Path dataDir) {
		return Files.exists(dataDir.resolve(MARKER));
	}

	/** Loads everything that is missing; never throws. */
	void run() {
		long start = System.nanoTime();
		this.say.accept("Demo-Daten: lege die Veranstaltungen der Modellregionen 2017 an (im Hintergrund; "
				+ "abschalten mit --no-demo-data) …");
		try {
			load();
			Files.writeString(this.dataDir.resolve(MARKER),
					"Demo-Daten geladen " + java.time.OffsetDateTime.now() + "\n", StandardCharsets.UTF_8);
			this.say.accept(String.format(Locale.ROOT,
					"Demo-Daten geladen: %d Veranstaltungen, %d Teilnehmende, %d Rückmeldungen, %d Infobrief-Abonnent:innen (%.1f s)",
					this.createdEvents.get(), this.createdAttendees.get(), this.createdResponses.get(),
					this.createdSubscribers.get(), (System.nanoTime() - start) / 1e9));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			log.info("Demo data interrupted; the next start completes it");
		}
		catch (Exception ex) {
			if (this.stopping.getAsBoolean()) {
				log.info("Demo data stopped with the stack ({}); the next start completes it", ex.toString());
				return;
			}
			log.warn("Loading the demo data failed", ex);
			this.say.accept("Demo-Daten konnten nicht geladen werden: " + ex.getMessage()
					+ " (Details im Log local-stack.log; der nächste Start versucht es erneut)");
		}
	}

	private void load() throws Exception {
		GatewayClient staff = new GatewayClient(this.http, this.gateway);
		staff.logIn(this.secrets.staffEmail(), this.secrets.staffPassword());
		Map<String, String> initiatives = awaitInitiatives(staff);
		List<String> registry = new ArrayList<>(initiatives.values());
		registry.sort(null);
		for (int index = 0; index < DemoPlan.EVENTS.size(); index++) {
			requireRunning();
			DemoPlan.Event planned = DemoPlan.EVENTS.get(index);
			String initiative = initiatives.get(planned.initiative());
			Map<String, Object> event = ensureEvent(staff, planned, initiative);
			String id = (String) event.get("id");
			String status = (String) event.get("status");
			if (status.equals("PLANNED")) {
				staff.post("/api/events/" + id + "/open", null).require("Opening " + planned.title());
				status = "OPEN";
			}
			if (status.equals("OPEN") || status.equals("CLOSED")) {
				admit(staff, index, id, registry);
				if (status.equals("OPEN")) {
					staff.post("/api/events/" + id + "/close", null).require("Closing " + planned.title());
				}
				staff.post("/api/events/" + id + "/held", null).require("Marking " + planned.title() + " held");
			}
			answer(staff, index, id);
			log.info("Demo event {} ({}) complete", planned.title(), id);
		}
		requireRunning();
		String consentTextVersion = JsonReader.string(staff.get("/api/newsletter/options").json(),
				"consentTextVersion");
		this.createdSubscribers
			.addAndGet(new DemoSubscribers(this.http, this.gateway, this.mailWeb).load(consentTextVersion));
	}

	/**
	 * The 2017 registry by name; the registry imports it on the first start, the event
	 * service learns it through Kafka, so both may need a moment after "ready".
	 */
	private Map<String, String> awaitInitiatives(GatewayClient staff) throws Exception {
		Set<String> needed = new HashSet<>();
		DemoPlan.EVENTS.forEach((event) -> needed.add(event.initiative()));
		long deadline = System.nanoTime() + WAIT_FOR_DATA.toNanos();
		while (true) {
			Map<String, String> byName = new LinkedHashMap<>();
			GatewayClient.Response page = staff.get("/api/initiatives?size=100");
			if (page.ok()) {
				for (Object initiative : JsonReader.list(page.json(), "content")) {
					byName.put(JsonReader.string(initiative, "name"), JsonReader.string(initiative, "id"));
				}
			}
			if (byName.keySet().containsAll(needed) && byName.size() >= 40) {
				return byName;
			}
			if (System.nanoTime() > deadline) {
				needed.removeAll(byName.keySet());
				throw new IllegalStateException("the registry does not list the 2017 initiatives (missing: " + needed
						+ ", " + byName.size() + " listed)");
			}
			pause(1000);
		}
	}

	/** The event with the planned title, recorded afterwards if it does not exist yet. */
	private Map<String, Object> ensureEvent(GatewayClient staff, DemoPlan.Event planned, String initiative)
			throws Exception {
		for (Object existing : JsonReader.list(
				staff.get("/api/events?initiative=" + initiative + "&size=100").require("Listing events").json(),
				"content")) {
			if (planned.title().equals(JsonReader.string(existing, "title"))) {
				return asMap(existing);
			}
		}
		String body = eventJson(planned, initiative);
		long deadline = System.nanoTime() + WAIT_FOR_DATA.toNanos();
		while (true) {
			GatewayClient.Response created = staff.post("/api/events", body);
			// 403 while the event service has not yet learned that the initiative is
			// published.
			if (created.status() != 403 || System.nanoTime() > deadline) {
				created.require("Recording " + planned.title());
				this.createdEvents.incrementAndGet();
				return asMap(created.json());
			}
			pause(1000);
		}
	}

	/** Registers at the door whoever of the plan is not on the door list yet. */
	private void admit(GatewayClient staff, int index, String eventId, List<String> registry) throws Exception {
		Set<String> present = new HashSet<>();
		for (Object entry : JsonReader.list(
				staff.get("/api/events/" + eventId + "/registrations").require("Reading the door list").json(),
				"registrations")) {
			present.add(JsonReader.string(entry, "name"));
		}
		List<String> bodies = new ArrayList<>();
		for (DemoPlan.Attendee attendee : DemoPlan.attendees(index)) {
			if (!present.contains(attendee.name())) {
				bodies.add(walkInJson(attendee,
						(attendee.representedIndex() >= 0) ? registry.get(attendee.representedIndex()) : null));
			}
		}
		ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_WALK_INS, (task) -> {
			Thread thread = new Thread(task, "demo-data-walk-in");
			thread.setDaemon(true);
			return thread;
		});
		try {
			List<Future<?>> sent = new ArrayList<>();
			for (String body : bodies) {
				sent.add(pool.submit(() -> {
					requireRunning();
					staff.post("/api/events/" + eventId + "/walk-ins", body).require("Walk-in");
					this.createdAttendees.incrementAndGet();
					return null;
				}));
			}
			for (Future<?> future : sent) {
				try {
					future.get();
				}
				catch (java.util.concurrent.ExecutionException ex) {
					throw (ex.getCause() instanceof Exception cause) ? cause : ex;
				}
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	/** Submits the questionnaires still missing through the event's feedback link. */
	private void answer(GatewayClient staff, int index, String eventId) throws Exception {
		List<DemoPlan.Questionnaire> sheets = DemoPlan.questionnaires(index);
		int stored = storedResponses(staff, eventId);
		if (stored >= sheets.size()) {
			return;
		}
		String link = JsonReader.string(staff.post("/api/questionnaires/events/" + eventId + "/link", null)
			.require("Creating the feedback link")
			.json(), "token");
		for (DemoPlan.Questionnaire sheet : sheets.subList(stored, sheets.size())) {
			requireRunning();
			// A phone of its own for every participant: a fresh client with a fresh
			// device id, as the form page keeps one per browser.
			GatewayClient phone = new GatewayClient(this.http, this.gateway);
			phone.post("/api/feedback", feedbackJson(link, sheet)).require("Submitting a questionnaire");
			this.createdResponses.incrementAndGet();
		}
	}

	/**
	 * How many responses the event has; waits until the evaluation service knows the
	 * event (it learns it through Kafka).
	 */
	private int storedResponses(GatewayClient staff, String eventId) throws Exception {
		long deadline = System.nanoTime() + WAIT_FOR_DATA.toNanos();
		while (true) {
			GatewayClient.Response results = staff.get("/api/feedback/results/" + eventId);
			if (results.ok()) {
				return JsonReader.number(results.json(), "responses");
			}
			if (results.status() != 404 || System.nanoTime() > deadline) {
				results.require("Reading the results");
			}
			pause(500);
		}
	}

	static String eventJson(DemoPlan.Event event, String initiative) {
		var start = event.start().atZone(BERLIN).toOffsetDateTime();
		StringBuilder json = new StringBuilder("{");
		field(json, "initiativeId", initiative);
		field(json, "title", event.title());
		field(json, "description", event.description());
		field(json, "format", event.format());
		field(json, "start", start.toString());
		field(json, "end", start.plusMinutes(event.minutes()).toString());
		field(json, "venue", event.venue());
		field(json, "city", event.city());
		field(json, "state", event.state());
		json.append("\"capacity\":").append(event.capacity()).append(',');
		json.append("\"targetGroups\":[")
			.append(String.join(",", event.targetGroups().stream().map(Json::string).toList()))
			.append("],");
		json.append("\"campaignSupported\":").append(event.campaignSupported()).append(',');
		json.append("\"recordedAfterwards\":true}");
		return json.toString();
	}

	static String walkInJson(DemoPlan.Attendee attendee, String representedInitiativeId) {
		StringBuilder json = new StringBuilder("{");
		field(json, "name", attendee.name());
		field(json, "organisation", attendee.organisation());
		field(json, "representedInitiativeId", representedInitiativeId);
		field(json, "participantGroup", attendee.group());
		return json.substring(0, json.length() - 1) + "}";
	}

	static String feedbackJson(String link, DemoPlan.Questionnaire sheet) {
		StringBuilder json = new StringBuilder("{");
		field(json, "link", link);
		field(json, "deviceId", UUID.randomUUID().toString());
		field(json, "participantGroup", sheet.participantGroup());
		StringBuilder answers = new StringBuilder("{");
		field(answers, "Q1", sheet.q1());
		field(answers, "Q2", sheet.q2());
		field(answers, "Q3", sheet.q3());
		field(answers, "Q4", sheet.q4());
		field(answers, "Q5", sheet.q5());
		json.append("\"answers\":").append(answers, 0, answers.length() - 1).append("},");
		field(json, "good", sheet.good());
		field(json, "improve", sheet.improve());
		return json.substring(0, json.length() - 1) + "}";
	}

	/** Appends {@code "name":value,} unless the value is {@code null}. */
	private static void field(StringBuilder json, String name, String value) {
		if (value != null) {
			json.append(Json.string(name)).append(':').append(Json.string(value)).append(',');
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> asMap(Object json) {
		return (Map<String, Object>) json;
	}

	private void requireRunning() throws InterruptedException {
		if (this.stopping.getAsBoolean() || Thread.currentThread().isInterrupted()) {
			throw new InterruptedException("stopping");
		}
	}

	private void pause(long millis) throws InterruptedException {
		requireRunning();
		Thread.sleep(millis);
	}

}
