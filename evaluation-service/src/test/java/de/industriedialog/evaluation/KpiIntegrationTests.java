package de.industriedialog.evaluation;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import de.industriedialog.contracts.CloudEventHeaders;
import de.industriedialog.contracts.EventContracts;
import de.industriedialog.platform.testing.KafkaTopics;
import de.industriedialog.platform.testing.ServiceClient;
import de.industriedialog.platform.testing.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The KPI views fed through a real broker with what the producers publish (checked
 * against the contract), including redeliveries and late stale events; read over HTTP as
 * staff; rebuilt from offset 0 to the same figures; and followed live over SSE. The tests
 * build on each other, in order. Subclasses choose the infrastructure.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "industriedialog.security.jwt-secret=" + TestTokens.SECRET)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class KpiIntegrationTests {

	static final String INITIATIVES = "dialog.initiatives.v1";

	static final String EVENTS = "dialog.events.v1";

	static final String REGISTRATIONS = "dialog.registrations.v1";

	static final String FEEDBACK = "dialog.feedback.v1";

	static final String NETWORK_MEETING = "TREFFEN_REGIONALER_INITIATIVEN";

	private final JsonMapper json = JsonMapper.builder().build();

	private final ServiceClient http = new ServiceClient(
			() -> "http://localhost:" + this.environment.getProperty("local.server.port"), this.json);

	private final EventContracts contracts = EventContracts.fromClasspath();

	private final String staff = TestTokens.staff();

	private int published;

	@Autowired
	Environment environment;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	MeterRegistry meterRegistry;

	abstract String bootstrapServers();

	@Test
	@Order(1)
	void shouldCountEveryFactOnceAtItsLatestVersionWhateverIsRedeliveredOrStale() {
		send(INITIATIVES, "SteckbriefPublished", steckbrief("ini-a", "Initiative Aachen", 2017, "NETWORK", "DE-NW"));
		send(INITIATIVES, "SteckbriefPublished", steckbrief("ini-b", "Bündnis Rhein-Mosel", 1989, "MIXED", "DE-RP"));

		send(EVENTS, "DialogueEventScheduled",
				event("e1", "ini-a", "ZUKUNFTSWERKSTATT", "2017-06-30T14:00:00+02:00", "DE-NW", "PLANNED", true, 1));
		send(EVENTS, "DialogueEventHeld",
				event("e1", "ini-a", "ZUKUNFTSWERKSTATT", "2017-06-30T14:00:00+02:00", "DE-NW", "HELD", true, 3));
		// An older snapshot arriving late under a new id must not roll the event back.
		send(EVENTS, "DialogueEventUpdated",
				event("e1", "ini-a", "WELT_CAFE", "2017-06-30T14:00:00+02:00", "DE-NW", "OPEN", true, 2));
		send(EVENTS, "DialogueEventHeld",
				event("e2", "ini-b", "WELT_CAFE", "2017-07-04T17:00:00+02:00", "DE-RP", "HELD", false, 4));
		send(EVENTS, "DialogueEventHeld",
				event("e3", "ini-b", NETWORK_MEETING, "2017-11-07T10:00:00+01:00", "DE-BE", "HELD", true, 4));
		send(EVENTS, "DialogueEventCancelled",
				event("e4", "ini-b", "TAGUNG", "2017-12-01T10:00:00+01:00", "DE-RP", "CANCELLED", true, 2));

		send(REGISTRATIONS, "RegistrationConfirmed", registration("r1", "e1", "PROFESSIONAL", "CONFIRMED", 1, null));
		String checkIn = send(REGISTRATIONS, "ParticipantCheckedIn", checkIn("r1", "e1", "PROFESSIONAL", 2, null));
		// Redelivery of the very same check-in, twice.
		resend(REGISTRATIONS, checkIn, "ParticipantCheckedIn", checkIn("r1", "e1", "PROFESSIONAL", 2, null));
		resend(REGISTRATIONS, checkIn, "ParticipantCheckedIn", checkIn("r1", "e1", "PROFESSIONAL", 2, null));
		send(REGISTRATIONS, "RegistrationConfirmed", registration("r2", "e1", "PUPIL", "CONFIRMED", 1, null));
		send(REGISTRATIONS, "ParticipantCheckedIn", checkIn("r2", "e1", "PUPIL", 2, null));
		send(REGISTRATIONS, "ParticipantCheckInUndone", undo("r2", "e1", "PUPIL", 3));
		send(REGISTRATIONS, "RegistrationWaitlisted", registration("r3", "e1", "PUPIL", "WAITLISTED", 1, null));
		send(REGISTRATIONS, "RegistrationConfirmed", registration("r4", "e1", "TRAINEE_STUDENT", "CONFIRMED", 1, null));
		send(REGISTRATIONS, "RegistrationCancelled", registration("r4", "e1", "TRAINEE_STUDENT", "CANCELLED", 2, null));
		// The confirmation again, late and under a new id: r4 stays cancelled.
		send(REGISTRATIONS, "RegistrationConfirmed", registration("r4", "e1", "TRAINEE_STUDENT", "CONFIRMED", 1, null));
		send(REGISTRATIONS, "RegistrationConfirmed", registration("r5", "e3", "PROFESSIONAL", "CONFIRMED", 1, "ini-a"));
		send(REGISTRATIONS, "ParticipantCheckedIn", checkIn("r5", "e3", "PROFESSIONAL", 2, "ini-a"));
		// A registration of the cancelled event does not count.
		send(REGISTRATIONS, "RegistrationConfirmed", registration("r6", "e4", "PUPIL", "CONFIRMED", 1, null));

		List<String> q1 = List.of("FULLY", "FULLY", "MOSTLY", "MOSTLY", "MOSTLY", "PARTLY");
		for (int i = 0; i < q1.size(); i++) {
			String id = send(FEEDBACK, "FeedbackSubmitted",
					feedback("f1-" + i, "e1", "PUPIL", Map.of("Q1", q1.get(i), "Q2", "VERY_GOOD")));
			if (i == 0) {
				// Redelivered with the same ce_id, and once more under a new id.
				resend(FEEDBACK, id, "FeedbackSubmitted",
						feedback("f1-0", "e1", "PUPIL", Map.of("Q1", "FULLY", "Q2", "VERY_GOOD")));
				send(FEEDBACK, "FeedbackSubmitted",
						feedback("f1-0", "e1", "PUPIL", Map.of("Q1", "FULLY", "Q2", "VERY_GOOD")));
			}
		}
		send(FEEDBACK, "FeedbackSubmitted", feedback("f2-0", "e2", "PROFESSIONAL", Map.of("Q1", "MOSTLY")));
		send(FEEDBACK, "FeedbackSubmitted", feedback("f2-1", "e2", "PROFESSIONAL", Map.of("Q1", "MOSTLY")));

		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			JsonNode overview = get("/api/kpi/overview");
			assertThat(overview.at("/satisfaction/responses").asLong()).isEqualTo(8);
			assertThat(overview.at("/reach/attended/total").asLong()).isEqualTo(2);
			assertThat(overview.at("/initiatives/published").asLong()).isEqualTo(2);
			assertThat(overview.at("/events/total").asLong()).isEqualTo(3);
			assertThat(overview.at("/initiatives/inNetworkMeetings").asLong()).isEqualTo(2);
			assertThat(get("/api/kpi/events").at("/rows/2/status").asString()).isEqualTo("HELD");
		});

		JsonNode overview = get("/api/kpi/overview");
		assertThat(overview.at("/initiatives/newSinceCampaignStart").asLong()).isEqualTo(1);
		assertThat(overview.at("/initiatives/campaignStart").asString()).isEqualTo("2017-01-01");
		assertThat(overview.get("events"))
			.isEqualTo(this.json.readTree("{\"total\":3,\"held\":3,\"campaignSupported\":2,\"selfOrganised\":1}"));
		assertThat(overview.at("/reach/registered"))
			.isEqualTo(this.json.readTree("{\"PROFESSIONAL\":2,\"TRAINEE_STUDENT\":0,\"PUPIL\":1,\"total\":3}"));
		assertThat(overview.at("/reach/attended"))
			.isEqualTo(this.json.readTree("{\"PROFESSIONAL\":2,\"TRAINEE_STUDENT\":0,\"PUPIL\":0,\"total\":2}"));
		assertThat(overview.at("/reach/multipliers").asLong()).isEqualTo(2);
		JsonNode q1Figures = overview.at("/satisfaction/items/0");
		assertThat(q1Figures.get("item").asString()).isEqualTo("Q1");
		assertThat(q1Figures.get("n").asLong()).isEqualTo(8);
		assertThat(q1Figures.get("suppressed").asBoolean()).isFalse();
		assertThat(counts(q1Figures)).containsExactly(2L, 5L, 1L, 0L);
		assertThat(q1Figures.at("/options/0/label").asString()).isEqualTo("voll und ganz");
		assertThat(q1Figures.at("/options/1/percent").decimalValue()).isEqualByComparingTo("62.5");
		assertThat(q1Figures.get("topTwoPercent").decimalValue()).isEqualByComparingTo("87.5");
		assertThat(overview.at("/satisfaction/items/1/n").asLong()).isEqualTo(6);
		assertThat(overview.at("/satisfaction/items/2/suppressed").asBoolean()).isTrue();
		assertThat(overview.at("/newsletter/available").asBoolean()).isTrue();
		assertThat(overview.at("/newsletter/activeSubscribers").asLong()).isZero();

		JsonNode events = get("/api/kpi/events");
		assertThat(events.get("rows")).extracting((row) -> row.get("eventId").asString())
			.containsExactly("e3", "e2", "e1");
		JsonNode e1 = events.at("/rows/2");
		assertThat(e1.get("format").asString()).isEqualTo("ZUKUNFTSWERKSTATT");
		assertThat(e1.get("formatLabel").asString()).isEqualTo("Zukunftswerkstatt");
		assertThat(e1.get("start").asString()).isEqualTo("2017-06-30T14:00:00+02:00");
		assertThat(e1.get("stateLabel").asString()).isEqualTo("Nordrhein-Westfalen");
		assertThat(e1.get("initiativeName").asString()).isEqualTo("Initiative Aachen");
		assertThat(e1.get("initiativeType").asString()).isEqualTo("NETWORK");
		assertThat(e1.get("responses").asLong()).isEqualTo(6);
		assertThat(e1.get("expectationsMetPercent").decimalValue()).isEqualByComparingTo("83.3");
		assertThat(e1.get("formatSuitablePercent").decimalValue()).isEqualByComparingTo("100.0");
		assertThat(events.at("/rows/1/expectationsMetPercent").isNull()).isTrue();
	}

	@Test
	@Order(2)
	void shouldFilterAndGroupTheFigures() {
		JsonNode rp = get("/api/kpi/overview?state=DE-RP");
		assertThat(rp.at("/events/total").asLong()).isEqualTo(1);
		assertThat(rp.at("/satisfaction/responses").asLong()).isEqualTo(2);
		assertThat(rp.at("/initiatives/published").asLong()).isEqualTo(1);
		JsonNode july = get("/api/kpi/overview?from=2017-07-01&to=2017-07-31");
		assertThat(july.at("/events/total").asLong()).isEqualTo(1);
		assertThat(get("/api/kpi/events?format=" + NETWORK_MEETING + "&initiativeType=MIXED").get("rows"))
			.extracting((row) -> row.get("eventId").asString())
			.containsExactly("e3");
		assertThat(get("/api/kpi/events?initiativeType=MEASURE").get("rows")).isEmpty();

		JsonNode byState = get("/api/kpi/reach?by=state");
		assertThat(byState.get("by").asString()).isEqualTo("state");
		assertThat(byState.get("rows")).extracting((row) -> row.get("key").asString())
			.containsExactly("DE-BE", "DE-NW", "DE-RP");
		assertThat(byState.at("/rows/1/label").asString()).isEqualTo("Nordrhein-Westfalen");
		assertThat(byState.at("/rows/1/registered/total").asLong()).isEqualTo(2);
		JsonNode byMonth = get("/api/kpi/reach?by=month");
		assertThat(byMonth.get("rows")).extracting((row) -> row.get("label").asString())
			.containsExactly("Juni 2017", "Juli 2017", "November 2017");
		JsonNode byFormat = get("/api/kpi/satisfaction?by=format");
		assertThat(byFormat.get("rows")).extracting((row) -> row.get("label").asString())
			.containsExactly("Treffen regionaler Industrieinitiativen", "Welt-Café", "Zukunftswerkstatt");
		assertThat(byFormat.at("/rows/1/items/0/suppressed").asBoolean()).isTrue();
		assertThat(byFormat.at("/rows/2/items/0/topTwoPercent").decimalValue()).isEqualByComparingTo("83.3");

		JsonNode landscape = get("/api/kpi/landscape");
		assertThat(landscape.at("/initiatives/total").asLong()).isEqualTo(2);
		assertThat(landscape.at("/initiatives/byType/MIXED").asLong()).isEqualTo(1);
		assertThat(landscape.at("/initiatives/byLevelAndType/REGIONAL/NETWORK").asLong()).isEqualTo(1);
		assertThat(landscape.at("/initiatives/byGoalCategory/SKILLED_WORKERS").asLong()).isEqualTo(2);
		assertThat(landscape.at("/initiatives/newSinceCampaignStart").asLong()).isEqualTo(1);
		assertThat(landscape.at("/events/byFormat/WELT_CAFE").asLong()).isEqualTo(1);
		assertThat(landscape.at("/events/byFormat/TAGUNG").asLong()).isZero();
		assertThat(get("/api/kpi/landscape?state=DE-NW").at("/events/byFormat/ZUKUNFTSWERKSTATT").asLong())
			.isEqualTo(1);

		HttpResponse<String> csv = this.http.get("/api/kpi/export/reach.csv?by=state", this.staff);
		assertThat(csv.statusCode()).isEqualTo(200);
		assertThat(csv.headers().firstValue("Content-Type")).hasValue("text/csv;charset=UTF-8");
		assertThat(csv.headers().firstValue("Content-Disposition")).hasValueSatisfying((value) -> assertThat(value)
			.matches("attachment; filename=\"kpi-reach-state-\\d{4}-\\d{2}-\\d{2}\\.csv\""));
		assertThat(csv.body()).startsWith("\uFEFFSchlüssel;Bezeichnung;Veranstaltungen;")
			.contains("\r\nDE-NW;Nordrhein-Westfalen;1;1;0;1;2;1;0;0;1\r\n");
		assertThat(this.http.get("/api/kpi/export/satisfaction.csv?by=event", this.staff).body()).contains(";83,3;");
		assertThat(this.http.get("/api/kpi/export/nothing.csv", this.staff).statusCode()).isEqualTo(404);
	}

	@Test
	@Order(3)
	void shouldAdmitStaffOnlyAndRefuseBadFiltersInGerman() {
		for (String path : List.of("/api/kpi/overview", "/api/kpi/reach", "/api/kpi/satisfaction", "/api/kpi/landscape",
				"/api/kpi/events", "/api/kpi/export/events.csv", "/api/kpi/rebuild", "/api/kpi/stream")) {
			assertThat(this.http.get(path).statusCode()).as(path).isEqualTo(401);
			assertThat(this.http.get(path, TestTokens.forged()).statusCode()).as(path).isEqualTo(401);
			HttpResponse<String> initiative = this.http.get(path, TestTokens.initiative("ini-a"));
			assertThat(initiative.statusCode()).as(path).isEqualTo(403);
		}
		assertThat(this.http.post("/api/kpi/rebuild", null).statusCode()).isEqualTo(401);
		assertThat(this.http.post("/api/kpi/rebuild", TestTokens.initiative("ini-a")).statusCode()).isEqualTo(403);
		// Tabelle 1 stays public.
		assertThat(this.http.get("/api/kpi/initiatives").statusCode()).isEqualTo(200);

		HttpResponse<String> bad = this.http.get("/api/kpi/overview?state=NRW&from=gestern", this.staff);
		assertThat(bad.statusCode()).isEqualTo(400);
		JsonNode problem = this.http.problem(bad);
		assertThat(problem.get("detail").asString()).startsWith("Bitte prüfen Sie die Filter");
		assertThat(problem.get("errors")).extracting((error) -> error.get("field").asString())
			.containsExactly("from", "state");
		HttpResponse<String> badBy = this.http.get("/api/kpi/reach?by=overall", this.staff);
		assertThat(badBy.statusCode()).isEqualTo(400);
		assertThat(this.http.problem(badBy).at("/errors/0/field").asString()).isEqualTo("by");
	}

	@Test
	@Order(4)
	void shouldParkAnUnreadableFeedbackRecordInTheKpiGroupsDeadLetterTopic() {
		Map<String, String> headers = headers(UUID.randomUUID().toString(), "FeedbackSubmitted", "broken", FEEDBACK);
		KafkaTopics.send(bootstrapServers(), FEEDBACK, "broken", headers, "{not json");
		this.published++;
		List<ConsumerRecord<String, String>> parked = KafkaTopics.readAll(bootstrapServers(),
				"dialog.feedback.v1.evaluation-service-kpi.dlt", 1, Duration.ofSeconds(30), Duration.ofMillis(200));
		assertThat(parked).singleElement()
			.satisfies(
					(record) -> assertThat(KafkaTopics.header(record, "x-exception-message")).contains("unreadable"));
	}

	@Test
	@Order(5)
	void shouldRebuildFromOffsetZeroToTheSameFiguresWithoutTouchingTheFeedbackAccess() {
		Map<String, JsonNode> before = everyView();
		long replicas = this.mongo.getCollection("event_replicas").countDocuments();
		assertThat(replicas).isEqualTo(4);

		HttpResponse<String> started = this.http.post("/api/kpi/rebuild", this.staff);
		assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
		assertThat(this.http.body(started).get("state").asString()).isEqualTo("RUNNING");
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(get("/api/kpi/rebuild").get("state").asString()).isEqualTo("DONE"));

		JsonNode status = get("/api/kpi/rebuild");
		assertThat(status.get("records").asLong()).isEqualTo(this.published);
		assertThat(status.get("durationMs").asLong()).isNotNegative();
		assertThat(status.get("finishedAt").asString()).isNotBlank();
		Map<String, JsonNode> after = everyView();
		assertThat(after.keySet()).isEqualTo(before.keySet());
		before.forEach((path, json) -> assertThat(after.get(path)).as(path).isEqualTo(json));
		assertThat(this.mongo.getCollection("event_replicas").countDocuments()).isEqualTo(replicas);
		assertThat(this.mongo.getCollection("kpi_feedback").countDocuments()).isEqualTo(8);
	}

	@Test
	@Order(6)
	void shouldStreamASnapshotThenTheChangeOfANewResponseAndASnapshotAgainOnReconnect() throws Exception {
		try (EventStream stream = EventStream.open(this.http, this.staff, null)) {
			assertThat(stream.response.statusCode()).isEqualTo(200);
			assertThat(stream.response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
			ServerSentEvent snapshot = stream.next();
			assertThat(snapshot.name()).isEqualTo("snapshot");
			JsonNode figures = this.json.readTree(snapshot.data());
			assertThat(snapshot.id()).isEqualTo(figures.get("sequence").asString());
			assertThat(figures.at("/satisfaction/responses").asLong()).isEqualTo(8);
			assertThat(figures.at("/satisfaction/items/0/options/1/label").asString()).isEqualTo("überwiegend");

			send(FEEDBACK, "FeedbackSubmitted", feedback("f-live", "e1", "PUPIL", Map.of("Q1", "FULLY")));
			JsonNode change = null;
			while (change == null || !change.get("feedbackResponseIds").toString().contains("f-live")) {
				ServerSentEvent next = stream.next();
				assertThat(next.name()).isEqualTo("change");
				change = this.json.readTree(next.data());
				assertThat(next.id()).isEqualTo(change.get("sequence").asString());
			}
			assertThat(change.get("changedEventIds").toString()).contains("e1");
			assertThat(change.get("sources").asInt()).isPositive();
			assertThat(change.at("/overview/satisfaction/responses").asLong()).isEqualTo(9);
			assertThat(change.get("sequence").asLong()).isGreaterThan(figures.get("sequence").asLong());
			assertThat(this.meterRegistry.get("kpi.freshness").timer().count()).isPositive();

			try (EventStream again = EventStream.open(this.http, this.staff, snapshot.id())) {
				ServerSentEvent resumed = again.next();
				assertThat(resumed.name()).isEqualTo("snapshot");
				assertThat(this.json.readTree(resumed.data()).at("/satisfaction/responses").asLong()).isEqualTo(9);
			}
		}
	}

	private Map<String, JsonNode> everyView() {
		Map<String, JsonNode> views = new LinkedHashMap<>();
		List<String> paths = new ArrayList<>(List.of("/api/kpi/overview", "/api/kpi/overview?state=DE-RP",
				"/api/kpi/landscape", "/api/kpi/events", "/api/kpi/initiatives"));
		for (String by : List.of("event", "format", "initiative", "state", "month")) {
			paths.add("/api/kpi/reach?by=" + by);
		}
		for (String by : List.of("overall", "event", "format", "initiative", "state", "month")) {
			paths.add("/api/kpi/satisfaction?by=" + by);
		}
		for (String path : paths) {
			JsonNode view = get(path);
			if (view instanceof ObjectNode object) {
				// When and after how many changes differ; the figures must not.
				object.remove("asOf");
				object.remove("sequence");
			}
			views.put(path, view);
		}
		return views;
	}

	private JsonNode get(String path) {
		HttpResponse<String> response = this.http.get(path, path.equals("/api/kpi/initiatives") ? null : this.staff);
		return this.http.body(response);
	}

	private static List<Long> counts(JsonNode item) {
		List<Long> counts = new ArrayList<>();
		item.get("options").forEach((option) -> counts.add(option.get("count").asLong()));
		return counts;
	}

	private String steckbrief(String id, String name, int foundingYear, String type, String state) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("initiativeId", id);
		payload.put("name", name);
		payload.put("level", "REGIONAL");
		payload.put("type", type);
		payload.put("state", state);
		payload.put("foundingYear", foundingYear);
		payload.put("actorGroups", List.of());
		payload.put("goalCategories", List.of("SKILLED_WORKERS"));
		payload.put("version", 1);
		payload.put("occurredAt", Instant.now().toString());
		return this.json.writeValueAsString(payload);
	}

	private String event(String id, String initiativeId, String format, String start, String state, String status,
			boolean campaignSupported, long version) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("eventId", id);
		payload.put("initiativeId", initiativeId);
		payload.put("title", "Veranstaltung " + id);
		payload.put("format", format);
		payload.put("start", start);
		payload.put("end", java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME
			.format(java.time.OffsetDateTime.parse(start).plusHours(2)));
		payload.put("timeZone", "Europe/Berlin");
		payload.put("city", "Koblenz");
		payload.put("state", state);
		payload.put("capacity", 100);
		payload.put("targetGroups", List.of("PUPIL"));
		payload.put("campaignSupported", campaignSupported);
		payload.put("status", status);
		payload.put("version", version);
		payload.put("occurredAt", Instant.now().toString());
		return this.json.writeValueAsString(payload);
	}

	private String registration(String id, String eventId, String group, String status, long version,
			String represented) {
		Map<String, Object> payload = registrationBase(id, eventId, group, status, version);
		if (!"CANCELLED".equals(status)) {
			payload.put("registeredAt", Instant.now().toString());
		}
		if ("WAITLISTED".equals(status)) {
			payload.put("waitlistPosition", 1);
		}
		if ("CANCELLED".equals(status)) {
			payload.put("previousStatus", "CONFIRMED");
			payload.put("cancelledBy", "PARTICIPANT");
		}
		if (represented != null) {
			payload.put("representedInitiativeId", represented);
		}
		return this.json.writeValueAsString(payload);
	}

	private String checkIn(String id, String eventId, String group, long version, String represented) {
		Map<String, Object> payload = registrationBase(id, eventId, group, "CONFIRMED", version);
		payload.put("checkedInAt", Instant.now().toString());
		payload.put("method", "MANUAL");
		payload.put("feedbackTokenHash", tokenHash(id));
		if (represented != null) {
			payload.put("representedInitiativeId", represented);
		}
		return this.json.writeValueAsString(payload);
	}

	private String undo(String id, String eventId, String group, long version) {
		Map<String, Object> payload = registrationBase(id, eventId, group, "CONFIRMED", version);
		payload.put("feedbackTokenHash", tokenHash(id));
		return this.json.writeValueAsString(payload);
	}

	private static Map<String, Object> registrationBase(String id, String eventId, String group, String status,
			long version) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("registrationId", id);
		payload.put("eventId", eventId);
		payload.put("initiativeId", "ini-a");
		payload.put("participantGroup", group);
		payload.put("status", status);
		payload.put("version", version);
		payload.put("occurredAt", Instant.now().toString());
		return payload;
	}

	private String feedback(String responseId, String eventId, String group, Map<String, String> answers) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("responseId", responseId);
		payload.put("eventId", eventId);
		payload.put("initiativeId", "ini-a");
		payload.put("questionnaireId", "standard");
		payload.put("questionnaireVersion", 1);
		payload.put("participantGroup", group);
		payload.put("answers", answers);
		payload.put("channel", "EVENT_LINK");
		payload.put("submittedAt", Instant.now().toString());
		payload.put("version", 1);
		payload.put("occurredAt", Instant.now().toString());
		return this.json.writeValueAsString(payload);
	}

	private static String tokenHash(String registrationId) {
		try {
			return HexFormat.of()
				.formatHex(java.security.MessageDigest.getInstance("SHA-256")
					.digest(registrationId.getBytes(StandardCharsets.UTF_8)));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String send(String topic, String eventType, String payload) {
		String id = UUID.randomUUID().toString();
		resend(topic, id, eventType, payload);
		return id;
	}

	private void resend(String topic, String id, String eventType, String payload) {
		// What this test feeds the consumers must be what the producers may publish.
		assertThat(this.contracts.violations(eventType, payload)).as(payload).isEmpty();
		JsonNode data = this.json.readTree(payload);
		String key = INITIATIVES.equals(topic) ? data.get("initiativeId").asString() : data.get("eventId").asString();
		String subject = (REGISTRATIONS.equals(topic) || FEEDBACK.equals(topic) || EVENTS.equals(topic)) ? key
				: data.get("initiativeId").asString();
		KafkaTopics.send(bootstrapServers(), topic, key, headers(id, eventType, subject, topic), payload);
		this.published++;
	}

	private static Map<String, String> headers(String id, String eventType, String subject, String topic) {
		String source = switch (topic) {
			case INITIATIVES -> "/initiative-registry";
			case FEEDBACK -> "/evaluation-service";
			default -> "/event-service";
		};
		return Map.of(CloudEventHeaders.SPEC_VERSION, "1.0", CloudEventHeaders.ID, id, CloudEventHeaders.TYPE,
				CloudEventHeaders.ceType(eventType), CloudEventHeaders.SOURCE, source, CloudEventHeaders.SUBJECT,
				subject, CloudEventHeaders.TIME, Instant.now().toString(), CloudEventHeaders.CONTENT_TYPE,
				"application/json");
	}

	/** One message of a {@code text/event-stream}. */
	record ServerSentEvent(String name, String id, String data) {

	}

	/** Reads a live stream on a thread of its own, message by message. */
	static final class EventStream implements AutoCloseable {

		final HttpResponse<Stream<String>> response;

		private final BlockingQueue<ServerSentEvent> events = new LinkedBlockingQueue<>();

		private final Thread reader;

		private EventStream(HttpResponse<Stream<String>> response) {
			this.response = response;
			this.reader = new Thread(this::read, "sse-reader");
			this.reader.setDaemon(true);
			this.reader.start();
		}

		static EventStream open(ServiceClient http, String token, String lastEventId) {
			HttpRequest.Builder request = HttpRequest.newBuilder(http.uri("/api/kpi/stream"))
				.header("Accept", "text/event-stream");
			if (lastEventId != null) {
				request.header("Last-Event-ID", lastEventId);
			}
			return new EventStream(http.send(request, token, HttpResponse.BodyHandlers.ofLines()));
		}

		ServerSentEvent next() throws InterruptedException {
			ServerSentEvent event = this.events.poll(30, TimeUnit.SECONDS);
			assertThat(event).as("a message on the stream").isNotNull();
			return event;
		}

		private void read() {
			String name = null;
			String id = null;
			StringBuilder data = new StringBuilder();
			try {
				Iterator<String> lines = this.response.body().iterator();
				while (lines.hasNext()) {
					String line = lines.next();
					if (line.isEmpty()) {
						if (data.length() > 0) {
							this.events.add(new ServerSentEvent(name, id, data.toString()));
						}
						name = null;
						id = null;
						data.setLength(0);
					}
					else if (line.startsWith("event:")) {
						name = line.substring(6).trim();
					}
					else if (line.startsWith("id:")) {
						id = line.substring(3).trim();
					}
					else if (line.startsWith("data:")) {
						data.append(line.substring(5).trim());
					}
				}
			}
			catch (RuntimeException ex) {
				// closed
			}
		}

		@Override
		public void close() {
			this.response.body().close();
		}

	}

}
