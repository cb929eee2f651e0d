package de.industriedialog.evaluation;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.decoder.Decoder;
import de.industriedialog.contracts.CloudEventHeaders;
import de.industriedialog.contracts.EventContracts;
import de.industriedialog.platform.testing.KafkaTopics;
import de.industriedialog.platform.testing.ServiceClient;
import de.industriedialog.platform.testing.TestTokens;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Evaluationsbogen end to end through a real broker: dialogue events and check-ins
 * arrive on their topics as event-service would publish them (checked against the
 * contract), participants answer over HTTP, and what this service publishes is read from
 * {@code dialog.feedback.v1} with the plain Kafka client. Every test uses its own events,
 * so the order does not matter. Subclasses choose the infrastructure.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "industriedialog.security.jwt-secret=" + TestTokens.SECRET,
				// above the 60 answers of the rate limit test, low enough to reach
				"industriedialog.feedback.event-link-max-answers=" + FeedbackIntegrationTests.LINK_CAP })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FeedbackIntegrationTests {

	static final int LINK_CAP = 70;

	static final String EVENTS = "dialog.events.v1";

	static final String REGISTRATIONS = "dialog.registrations.v1";

	static final String FEEDBACK = "dialog.feedback.v1";

	static final String USED = "Mit diesem Link wurde schon ein Bogen abgeschickt. Jeder Link gilt nur einmal – danke für deine Rückmeldung!";

	static final String UNKNOWN = "Dieser Link ist ungültig. Bitte prüfe, ob du ihn vollständig aus der E-Mail übernommen hast.";

	private final JsonMapper json = JsonMapper.builder().build();

	final ServiceClient http = new ServiceClient(
			() -> "http://localhost:" + this.environment.getProperty("local.server.port"), this.json);

	private final EventContracts contracts = EventContracts.fromClasspath();

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	/** The initiative that organises the events. */
	final String own = "ini-own-" + this.run;

	/** Another initiative. */
	final String other = "ini-other-" + this.run;

	@Autowired
	Environment environment;

	@Autowired
	MongoTemplate mongo;

	abstract String bootstrapServers();

	@Test
	void shouldLetACheckedInParticipantAnswerOnceAndPublishAnAnonymousFeedbackSubmitted() throws Exception {
		String eventId = scheduledEvent();
		String token = randomToken();
		String checkIn = checkIn(eventId, token, 2);
		JsonNode form = this.http.body(awaitForm("token=" + token));
		assertThat(form.get("eventId").asString()).isEqualTo(eventId);
		assertThat(form.get("eventTitle").asString()).isEqualTo("Zukunftswerkstatt " + eventId);
		assertThat(form.get("eventStart").asString()).endsWith("+01:00");
		assertThat(form.get("channel").asString()).isEqualTo("PERSONAL_LINK");
		assertThat(form.at("/questionnaire/id").asString()).isEqualTo("standard");
		assertThat(form.at("/questionnaire/items")).hasSize(5);

		String html = "<script>alert('x')</script> & <b>gut</b>";
		Map<String, Object> answer = answer(Map.of("Q1", "FULLY", "Q2", "GOOD"));
		answer.put("token", token);
		answer.put("participantGroup", "PUPIL");
		answer.put("good", html);
		HttpResponse<String> submitted = this.http.post("/api/feedback", null, answer);
		assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
		String responseId = this.http.body(submitted).get("responseId").asString();

		ConsumerRecord<String, String> published = feedbackOf(eventId, 1).get(0);
		assertThat(KafkaTopics.header(published, CloudEventHeaders.TYPE))
			.isEqualTo("de.industriedialog.FeedbackSubmitted");
		assertThat(KafkaTopics.header(published, CloudEventHeaders.SOURCE)).isEqualTo("/evaluation-service");
		assertThat(KafkaTopics.header(published, CloudEventHeaders.SUBJECT)).isEqualTo(eventId);
		assertThat(this.contracts.violations("FeedbackSubmitted", published.value())).as(published.value()).isEmpty();
		JsonNode payload = this.json.readTree(published.value());
		assertThat(payload.get("responseId").asString()).isEqualTo(responseId);
		assertThat(payload.get("initiativeId").asString()).isEqualTo(this.own);
		assertThat(payload.get("participantGroup").asString()).isEqualTo("PUPIL");
		assertThat(payload.get("channel").asString()).isEqualTo("PERSONAL_LINK");
		assertThat(payload.at("/answers/Q1").asString()).isEqualTo("FULLY");
		assertThat(payload.at("/answers/Q3").isNull()).isTrue();
		assertThat(published.value()).doesNotContain(token, sha256(token), "alert");

		Document stored = this.mongo.findById(responseId, Document.class, "feedback_responses");
		assertThat(stored.getString("good")).isEqualTo(html);
		assertThat(stored.keySet()).isSubsetOf("_id", "_class", "eventId", "initiativeId", "questionnaireId",
				"questionnaireVersion", "participantGroup", "answers", "customAnswers", "good", "improve", "channel",
				"submittedAt", "outbox");
		assertThat(stored.toJson()).doesNotContain(token, sha256(token), "registration");

		HttpResponse<String> again = this.http.post("/api/feedback", null, answer);
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(this.http.problem(again).get("detail").asString()).isEqualTo(USED);
		assertThat(this.http.get("/api/feedback/forms?token=" + token).statusCode()).isEqualTo(409);
		answer.put("token", randomToken());
		HttpResponse<String> unknown = this.http.post("/api/feedback", null, answer);
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(this.http.problem(unknown).get("detail").asString()).isEqualTo(UNKNOWN);
		assertThat(this.http.get("/api/feedback/forms?token=unknown").statusCode()).isEqualTo(404);

		// Redelivery of the check-in, a newer check-in and an undo: none may reopen it.
		resend(REGISTRATIONS, checkIn, "ParticipantCheckedIn", checkInPayload(eventId, token, 2));
		send(REGISTRATIONS, "ParticipantCheckInUndone", undoPayload(eventId, token, 3));
		send(REGISTRATIONS, "ParticipantCheckedIn", checkInPayload(eventId, token, 4));
		awaitRegistrationsApplied(eventId);
		assertThat(this.http.get("/api/feedback/forms?token=" + token).statusCode()).isEqualTo(409);
		assertThat(this.mongo.findById(sha256(token), Document.class, "feedback_tokens").getString("state"))
			.isEqualTo("USED");
		assertThat(this.mongo.count(responsesOf(eventId), "feedback_responses")).isEqualTo(1);
	}

	@Test
	void shouldRefuseATokenWhoseCheckInWasUndoneAndKeepALateOlderCheckInFromReopeningIt() {
		String eventId = scheduledEvent();
		String undone = randomToken();
		checkIn(eventId, undone, 2);
		send(REGISTRATIONS, "ParticipantCheckInUndone", undoPayload(eventId, undone, 3));
		// The undo of another token arrives before its (older) check-in.
		String reordered = randomToken();
		send(REGISTRATIONS, "ParticipantCheckInUndone", undoPayload(eventId, reordered, 3));
		send(REGISTRATIONS, "ParticipantCheckedIn", checkInPayload(eventId, reordered, 2));
		// Other registration events on the topic are accepted and ignored.
		send(REGISTRATIONS, "RegistrationConfirmed", confirmedPayload(eventId));
		awaitRegistrationsApplied(eventId);

		for (String token : List.of(undone, reordered)) {
			HttpResponse<String> form = this.http.get("/api/feedback/forms?token=" + token);
			assertThat(form.statusCode()).isEqualTo(410);
			assertThat(this.http.problem(form).get("reason").asString()).isEqualTo("TOKEN_REVOKED");
			Map<String, Object> answer = answer(Map.of("Q1", "FULLY"));
			answer.put("token", token);
			HttpResponse<String> refused = this.http.post("/api/feedback", null, answer);
			assertThat(refused.statusCode()).isEqualTo(410);
			assertThat(this.http.problem(refused).get("detail").asString()).contains("gilt nicht mehr");
		}
		assertThat(this.mongo.count(responsesOf(eventId), "feedback_responses")).isZero();
	}

	@Test
	void shouldAcceptExactlyOneOfTwentyConcurrentSubmitsOfOneToken() throws Exception {
		String eventId = scheduledEvent();
		String token = randomToken();
		checkIn(eventId, token, 2);
		awaitForm("token=" + token);
		Map<String, Object> answer = answer(Map.of("Q1", "MOSTLY"));
		answer.put("token", token);

		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(20);
		List<Future<Integer>> statuses = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			statuses.add(pool.submit(() -> {
				start.await();
				return this.http.post("/api/feedback", null, answer).statusCode();
			}));
		}
		start.countDown();
		List<Integer> codes = new ArrayList<>();
		for (Future<Integer> status : statuses) {
			codes.add(status.get(60, TimeUnit.SECONDS));
		}
		pool.shutdown();

		assertThat(codes).filteredOn((code) -> code == 201).hasSize(1);
		assertThat(codes).filteredOn((code) -> code == 409).hasSize(19);
		assertThat(this.mongo.count(responsesOf(eventId), "feedback_responses")).isEqualTo(1);
		feedbackOf(eventId, 1);
	}

	@Test
	void shouldRefuseBadAnswersByFieldAndLeaveNothingBehind() {
		String eventId = scheduledEvent();
		String token = randomToken();
		checkIn(eventId, token, 2);
		awaitForm("token=" + token);
		Map<String, Map<String, Object>> cases = new LinkedHashMap<>();
		cases.put("answers.Q1", answer(Map.of("Q1", "SUPER")));
		cases.put("answers.Q9", answer(Map.of("Q9", "FULLY")));
		cases.put("customAnswers.C1", Map.of("customAnswers", Map.of("C1", "O1")));
		cases.put("participantGroup", Map.of("participantGroup", "TEACHER"));
		cases.put("good", Map.of("good", "x".repeat(1001)));
		cases.put("answers", Map.of("answers", Map.of("Q1", "")));
		cases.put("link", Map.of("link", "also-a-link", "answers", Map.of("Q1", "FULLY")));

		cases.forEach((field, body) -> {
			Map<String, Object> request = new LinkedHashMap<>(body);
			request.put("token", token);
			HttpResponse<String> response = this.http.post("/api/feedback", null, request);
			assertThat(response.statusCode()).as(field + ": " + response.body()).isEqualTo(400);
			JsonNode problem = this.http.problem(response);
			assertThat(problem.at("/errors/0/field").asString()).as(field).isEqualTo(field);
			assertThat(problem.get("detail").asString()).isNotBlank();
		});
		HttpResponse<String> tooLong = this.http.post("/api/feedback", null,
				Map.of("token", token, "good", "x".repeat(1001)));
		assertThat(this.http.problem(tooLong).get("detail").asString()).contains("höchstens 1000 Zeichen");
		Map<String, Object> injection = new LinkedHashMap<>();
		injection.put("token", token);
		injection.put("answers", Map.of("Q1", Map.of("$ne", "")));
		assertThat(this.http.post("/api/feedback", null, injection).statusCode()).isEqualTo(400);

		assertThat(this.http.get("/api/feedback/forms?token=" + token).statusCode()).as("still unused").isEqualTo(200);
		assertThat(this.mongo.count(responsesOf(eventId), "feedback_responses")).isZero();
		assertThat(this.mongo.exists(Query.query(Criteria.where("_id").is(eventId).and("answered").is(true)),
				"event_forms"))
			.isFalse();
		HttpResponse<String> atTheLimit = this.http.post("/api/feedback", null,
				Map.of("token", token, "good", "ä".repeat(1000)));
		assertThat(atTheLimit.statusCode()).as(atTheLimit.body()).isEqualTo(201);
	}

	@Test
	void shouldLetEachDeviceAnswerOnceThroughTheEventLinkAndLimitOneAddress() {
		String eventId = scheduledEvent();
		String path = "/api/questionnaires/events/" + eventId + "/link";
		assertThat(this.http.post(path, null, null).statusCode()).isEqualTo(401);
		assertThat(this.http.post(path, TestTokens.initiative(this.other), null).statusCode()).isEqualTo(403);
		HttpResponse<String> created = this.http.post(path, TestTokens.initiative(this.own), null);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String link = this.http.body(created).get("token").asString();
		assertThat(link).matches("[A-Za-z0-9_-]{43}");
		assertThat(this.http.body(created).get("url").asString()).endsWith("/feedback.html?link=" + link);
		assertThat(this.mongo.findById(sha256(link), Document.class, "event_links").toJson()).doesNotContain(link);
		assertThat(this.http.body(this.http.get("/api/questionnaires/events/" + eventId))
			.get("eventLinkEnabled")
			.asBoolean()).isTrue();
		assertThat(this.http.body(this.http.get("/api/feedback/forms?link=" + link)).get("channel").asString())
			.isEqualTo("EVENT_LINK");

		String classroom = "203.0.113." + (int) (Math.random() * 200);
		HttpResponse<String> noDevice = viaLink(link, null, classroom);
		assertThat(noDevice.statusCode()).isEqualTo(400);
		assertThat(this.http.problem(noDevice).at("/errors/0/field").asString()).isEqualTo("deviceId");
		String device = UUID.randomUUID().toString();
		String responseId = this.http.body(viaLink(link, device, classroom)).get("responseId").asString();
		HttpResponse<String> sameDevice = viaLink(link, device.toUpperCase(), classroom);
		assertThat(sameDevice.statusCode()).isEqualTo(409);
		assertThat(this.http.problem(sameDevice).get("reason").asString()).isEqualTo("DEVICE_USED");
		assertThat(this.mongo.findById(responseId, Document.class, "feedback_responses").toJson())
			.doesNotContain(device);
		assertThat(this.mongo.findAll(Document.class, "feedback_devices").toString()).doesNotContain(device);

		// 60 attempts per event and address within 10 minutes: the three above (refused
		// ones count too, a script is slowed down either way) and 57 more.
		for (int i = 0; i < 57; i++) {
			HttpResponse<String> pupil = viaLink(link, UUID.randomUUID().toString(), classroom);
			assertThat(pupil.statusCode()).as(i + ": " + pupil.body()).isEqualTo(201);
		}
		// A made-up first hop does not help: the gateway appends the address it saw.
		HttpResponse<String> limited = viaLink(link, UUID.randomUUID().toString(), "1.2.3.4, " + classroom);
		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(this.http.problem(limited).get("detail").asString()).contains("warte ein paar Minuten");
		assertThat(limited.headers().firstValue("Retry-After")).isPresent();
		assertThat(viaLink(link, UUID.randomUUID().toString(), "198.51.100.7").statusCode()).isEqualTo(201);
		assertThat(this.mongo.count(responsesOf(eventId), "feedback_responses")).isEqualTo(59);

		assertThat(this.http.delete(path, null).statusCode()).isEqualTo(401);
		assertThat(this.http.delete(path, TestTokens.initiative(this.own)).statusCode()).isEqualTo(204);
		assertThat(this.http.get("/api/feedback/forms?link=" + link).statusCode()).isEqualTo(410);
		HttpResponse<String> disabled = viaLink(link, UUID.randomUUID().toString(), "198.51.100.8");
		assertThat(disabled.statusCode()).isEqualTo(410);
		assertThat(this.http.problem(disabled).get("reason").asString()).isEqualTo("LINK_DISABLED");
		assertThat(this.http.body(this.http.get("/api/questionnaires/events/" + eventId))
			.get("eventLinkEnabled")
			.asBoolean()).isFalse();
		String renewed = this.http.body(this.http.post(path, TestTokens.staff(), null)).get("token").asString();
		assertThat(viaLink(renewed, UUID.randomUUID().toString(), "198.51.100.9").statusCode()).isEqualTo(201);
		assertThat(this.http.get("/api/feedback/forms?link=" + link).statusCode()).isEqualTo(410);
		assertThat(this.http.get("/api/feedback/forms?link=" + randomToken()).statusCode()).isEqualTo(404);
	}

	@Test
	void shouldLetOnlyTheOrganiserAndStaffSetCustomQuestionsAndFreezeThemOnceAnswered() {
		String eventId = scheduledEvent();
		String path = "/api/questionnaires/events/" + eventId + "/custom-questions";
		Map<String, Object> questions = Map.of("questions",
				List.of(Map.of("type", "LIKERT", "text", "Ich komme wieder"),
						Map.of("type", "SINGLE_CHOICE", "text", "Wie hast du davon erfahren?", "options",
								List.of("Schule", "Freunde", "Internet")),
						Map.of("type", "FREE_TEXT", "text", "Was fehlt dir?")));
		assertThat(this.http.put(path, null, questions).statusCode()).isEqualTo(401);
		assertThat(this.http.put(path, TestTokens.forged(), questions).statusCode()).isEqualTo(401);
		HttpResponse<String> foreign = this.http.put(path, TestTokens.initiative(this.other), questions);
		assertThat(foreign.statusCode()).isEqualTo(403);
		assertThat(this.http.problem(foreign).get("detail").asString()).contains("veranstaltende Initiative");
		assertThat(this.http
			.put("/api/questionnaires/events/unknown-" + this.run + "/custom-questions", TestTokens.staff(), questions)
			.statusCode()).isEqualTo(404);
		HttpResponse<String> tooMany = this.http.put(path, TestTokens.staff(),
				Map.of("questions", List.of(free("1"), free("2"), free("3"), free("4"), free("5"), free("6"))));
		assertThat(tooMany.statusCode()).isEqualTo(400);
		assertThat(this.http.problem(tooMany).at("/errors/0/field").asString()).isEqualTo("questions");
		HttpResponse<String> byOwner = this.http.put(path, TestTokens.initiative(this.own), questions);
		assertThat(byOwner.statusCode()).as(byOwner.body()).isEqualTo(200);
		HttpResponse<String> byStaff = this.http.put(path, TestTokens.staff(), questions);
		assertThat(byStaff.statusCode()).as(byStaff.body()).isEqualTo(200);
		JsonNode view = this.http.body(this.http.get("/api/questionnaires/events/" + eventId));
		assertThat(view.get("answered").asBoolean()).isFalse();
		assertThat(view.at("/customQuestions/1/id").asString()).isEqualTo("C2");
		assertThat(view.at("/customQuestions/1/options/2/code").asString()).isEqualTo("O3");
		assertThat(view.at("/customQuestions/0/options/0/label").asString()).isEqualTo("voll und ganz");
		assertThat(view.at("/customQuestions/2/maxLength").asInt()).isEqualTo(1000);

		String token = randomToken();
		checkIn(eventId, token, 2);
		assertThat(this.http.body(awaitForm("token=" + token)).get("customQuestions")).hasSize(3);
		Map<String, Object> wrong = new LinkedHashMap<>();
		wrong.put("token", token);
		wrong.put("customAnswers", Map.of("C2", "O9"));
		assertThat(this.http.problem(this.http.post("/api/feedback", null, wrong)).at("/errors/0/field").asString())
			.isEqualTo("customAnswers.C2");
		assertThat(this.http.body(this.http.get("/api/questionnaires/events/" + eventId)).get("answered").asBoolean())
			.as("a refused answer locks nothing")
			.isFalse();
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("token", token);
		answer.put("customAnswers", Map.of("C1", "FULLY", "C2", "O3", "C3", "Mehr Pausen"));
		assertThat(this.http.post("/api/feedback", null, answer).statusCode()).isEqualTo(201);

		for (String caller : List.of(TestTokens.initiative(this.own), TestTokens.staff())) {
			HttpResponse<String> frozen = this.http.put(path, caller, Map.of("questions", List.of()));
			assertThat(frozen.statusCode()).isEqualTo(409);
			assertThat(this.http.problem(frozen).get("detail").asString()).contains("schon Antworten");
		}
		JsonNode frozenView = this.http.body(this.http.get("/api/questionnaires/events/" + eventId));
		assertThat(frozenView.get("customQuestions")).hasSize(3);
		assertThat(frozenView.get("answered").asBoolean()).isTrue();
	}

	@Test
	void shouldDrawTheSharedLinkAsAQrCodeOnlyForAnActiveLinkOfThatEvent() throws Exception {
		String eventId = scheduledEvent();
		String otherEvent = scheduledEvent();
		String link = this.http
			.body(this.http.post("/api/questionnaires/events/" + eventId + "/link", TestTokens.initiative(this.own),
					null))
			.get("token")
			.asString();
		String qr = "/api/questionnaires/events/" + eventId + "/link/qr.svg?link=";

		// Public: whoever has the token may draw it (the browser loads it as an image).
		HttpResponse<String> image = this.http
			.send(HttpRequest.newBuilder(this.http.uri(qr + link)).header("Accept", "image/*").GET(), null);
		assertThat(image.statusCode()).as(image.body()).isEqualTo(200);
		assertThat(image.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("image/svg+xml"));
		assertThat(image.headers().firstValue("Cache-Control"))
			.hasValueSatisfying((value) -> assertThat(value).contains("no-store"));
		assertThat(image.body()).startsWith("<svg").contains("aria-label=\"QR-Code");
		assertThat(qrText(image.body())).endsWith("/feedback.html?link=" + link);

		HttpResponse<String> wrongToken = this.http.get(qr + randomToken());
		assertThat(wrongToken.statusCode()).isEqualTo(404);
		assertThat(this.http.problem(wrongToken).get("detail").asString()).contains("Feedback-Link");
		assertThat(this.http.get("/api/questionnaires/events/" + otherEvent + "/link/qr.svg?link=" + link).statusCode())
			.as("another event's link")
			.isEqualTo(404);
		assertThat(this.http.get("/api/questionnaires/events/" + eventId + "/link/qr.svg").statusCode()).isEqualTo(404);
		assertThat(this.http.get(qr + "x".repeat(5000)).statusCode()).isEqualTo(404);

		String renewed = this.http
			.body(this.http.post("/api/questionnaires/events/" + eventId + "/link", TestTokens.staff(), null))
			.get("token")
			.asString();
		assertThat(this.http.get(qr + link).statusCode()).as("replaced link").isEqualTo(404);
		assertThat(this.http.get(qr + renewed).statusCode()).isEqualTo(200);
		assertThat(this.http.delete("/api/questionnaires/events/" + eventId + "/link", TestTokens.initiative(this.own))
			.statusCode()).isEqualTo(204);
		assertThat(this.http.get(qr + renewed).statusCode()).as("disabled link").isEqualTo(404);

		String beforeCancelling = this.http
			.body(this.http.post("/api/questionnaires/events/" + eventId + "/link", TestTokens.initiative(this.own),
					null))
			.get("token")
			.asString();
		assertThat(this.http.get(qr + beforeCancelling).statusCode()).isEqualTo(200);
		send(EVENTS, "DialogueEventCancelled", eventPayload(eventId, "Zukunftswerkstatt " + eventId, "CANCELLED", 2));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.http.get(qr + beforeCancelling).statusCode()).as("event cancelled")
				.isEqualTo(404));
	}

	@Test
	void shouldTakeNoMoreAnswersThroughTheEventLinkThanItsCapButStillPersonalOnes() {
		String eventId = scheduledEvent();
		String link = this.http
			.body(this.http.post("/api/questionnaires/events/" + eventId + "/link", TestTokens.initiative(this.own),
					null))
			.get("token")
			.asString();
		// From many addresses, so that only the event's cap can stop them.
		for (int i = 0; i < LINK_CAP; i++) {
			HttpResponse<String> answer = viaLink(link, UUID.randomUUID().toString(), "198.51.100." + (i % 200));
			assertThat(answer.statusCode()).as(i + ": " + answer.body()).isEqualTo(201);
		}
		HttpResponse<String> full = viaLink(link, UUID.randomUUID().toString(), "192.0.2.77");
		assertThat(full.statusCode()).isEqualTo(409);
		assertThat(full.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(this.http.problem(full).get("reason").asString()).isEqualTo("LINK_FULL");
		assertThat(this.http.problem(full).get("detail").asString()).contains("Einladung per E-Mail");
		assertThat(this.mongo.count(responsesOf(eventId), "feedback_responses")).isEqualTo(LINK_CAP);
		assertThat(this.mongo.findById(eventId, Document.class, "feedback_link_answers")
			.get("answers", Number.class)
			.intValue()).isEqualTo(LINK_CAP);

		// A checked-in participant's personal invitation is not part of the cap, and the
		// organiser sees where the answers came from.
		String token = randomToken();
		checkIn(eventId, token, 2);
		awaitForm("token=" + token);
		Map<String, Object> personal = answer(Map.of("Q1", "FULLY"));
		personal.put("token", token);
		HttpResponse<String> viaInvitation = this.http.post("/api/feedback", null, personal);
		assertThat(viaInvitation.statusCode()).as(viaInvitation.body()).isEqualTo(201);
		JsonNode results = results("/api/feedback/results/" + eventId, TestTokens.initiative(this.own));
		assertThat(results.at("/channels/eventLink").asLong()).isEqualTo(LINK_CAP);
		assertThat(results.at("/channels/personalLink").asLong()).isEqualTo(1);
	}

	@Test
	void shouldShowResultsToOrganiserAndStaffOnlyAndHideFiguresOfFewerThanFive() {
		String eventId = scheduledEvent();
		this.http.put("/api/questionnaires/events/" + eventId + "/custom-questions", TestTokens.initiative(this.own),
				Map.of("questions", List.of(Map.of("type", "LIKERT", "text", "Ich komme wieder"), free("Was fehlt?"))));
		String link = this.http
			.body(this.http.post("/api/questionnaires/events/" + eventId + "/link", TestTokens.initiative(this.own),
					null))
			.get("token")
			.asString();
		List<String> q1 = List.of("FULLY", "FULLY", "MOSTLY", "PARTLY", "FULLY");
		for (int i = 0; i < 4; i++) {
			submitViaLink(link, q1.get(i), "Gut " + i);
		}
		String path = "/api/feedback/results/" + eventId;
		assertThat(this.http.get(path).statusCode()).isEqualTo(401);
		assertThat(this.http.get(path, TestTokens.forged()).statusCode()).isEqualTo(401);
		assertThat(this.http.get(path, TestTokens.initiative(this.other)).statusCode()).isEqualTo(403);

		JsonNode four = results(path, TestTokens.initiative(this.own));
		assertThat(four.get("responses").asInt()).isEqualTo(4);
		assertThat(four.at("/items/0/suppressed").asBoolean()).isTrue();
		assertThat(four.at("/items/0/label").asString()).isEqualTo("weniger als 5");
		assertThat(four.at("/items/0").has("n")).isFalse();
		assertThat(four.at("/items/0").has("options")).isFalse();
		assertThat(four.at("/customQuestions/0/suppressed").asBoolean()).isTrue();
		assertThat(four.at("/freeTexts/suppressed").asBoolean()).isTrue();
		assertThat(four.get("freeTexts").has("good")).isFalse();

		submitViaLink(link, q1.get(4), "<script>alert('x')</script>");
		JsonNode five = results(path, TestTokens.staff());
		assertThat(five.get("eventTitle").asString()).isEqualTo("Zukunftswerkstatt " + eventId);
		JsonNode item = five.at("/items/0");
		assertThat(item.get("suppressed").asBoolean()).isFalse();
		assertThat(item.get("n").asInt()).isEqualTo(5);
		assertThat(item.at("/options/0/count").asInt()).isEqualTo(3);
		assertThat(item.at("/options/0/percent").decimalValue()).isEqualByComparingTo("60.0");
		assertThat(item.at("/options/3/percent").decimalValue()).isEqualByComparingTo("0.0");
		assertThat(item.get("topTwoPercent").decimalValue()).isEqualByComparingTo("80.0");
		assertThat(five.at("/participantGroups/options/2/count").asInt()).isEqualTo(5);
		assertThat(five.at("/byParticipantGroup/2/group").asString()).isEqualTo("PUPIL");
		assertThat(five.at("/byParticipantGroup/2/items/0/n").asInt()).isEqualTo(5);
		assertThat(five.at("/byParticipantGroup/0/items/0/label").asString()).isEqualTo("weniger als 5");
		assertThat(five.at("/customQuestions/0/n").asInt()).isEqualTo(5);
		assertThat(five.at("/customQuestions/0/topTwoPercent").decimalValue()).isEqualByComparingTo("100.0");
		List<String> good = new ArrayList<>();
		five.at("/freeTexts/good").forEach((text) -> good.add(text.asString()));
		assertThat(good).hasSize(5).contains("<script>alert('x')</script>", "Gut 0");
		assertThat(five.at("/freeTexts/customQuestions/0/answers")).hasSize(5);
	}

	@Test
	void shouldKeepTheLatestEventVersionAndParkUnreadableRecords() {
		String eventId = "evt-" + UUID.randomUUID();
		String scheduled = send(EVENTS, "DialogueEventScheduled", eventPayload(eventId, "Erster Titel", "PLANNED", 1));
		send(EVENTS, "DialogueEventUpdated", eventPayload(eventId, "Zweiter Titel", "OPEN", 2));
		send(EVENTS, "DialogueEventScheduled", eventPayload(eventId, "Veralteter Titel", "PLANNED", 1));
		resend(EVENTS, scheduled, "DialogueEventScheduled", eventPayload(eventId, "Erster Titel", "PLANNED", 1));
		// Same key, same partition: once this one is parked, everything before it was
		// applied.
		KafkaTopics.send(bootstrapServers(), EVENTS, eventId,
				headers(UUID.randomUUID().toString(), "DialogueEventUpdated", eventId, "/event-service"), "{not json");
		awaitParked(EVENTS + ".evaluation-service.dlt", eventId, "unreadable");

		JsonNode view = this.http.body(this.http.get("/api/questionnaires/events/" + eventId));
		assertThat(view.get("eventTitle").asString()).isEqualTo("Zweiter Titel");
		Document replica = this.mongo.findById(eventId, Document.class, "event_replicas");
		assertThat(replica.get("version", Number.class).longValue()).isEqualTo(2);
		assertThat(replica.getList("appliedEventIds", String.class)).hasSize(2);

		send(EVENTS, "DialogueEventCancelled", eventPayload(eventId, "Zweiter Titel", "CANCELLED", 3));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(
					() -> assertThat(this.mongo.findById(eventId, Document.class, "event_replicas").getString("status"))
						.isEqualTo("CANCELLED"));
		HttpResponse<String> link = this.http.post("/api/questionnaires/events/" + eventId + "/link",
				TestTokens.initiative(this.own), null);
		assertThat(link.statusCode()).isEqualTo(409);
		assertThat(this.http.problem(link).get("detail").asString()).contains("abgesagt");

		String brokenHash = eventId + "-hash";
		Map<String, Object> badCheckIn = checkInPayload(eventId, "x", 2);
		badCheckIn.put("feedbackTokenHash", "NOT-A-HASH");
		KafkaTopics.send(bootstrapServers(), REGISTRATIONS, brokenHash,
				headers(UUID.randomUUID().toString(), "ParticipantCheckedIn", eventId, "/event-service"),
				this.json.writeValueAsString(badCheckIn));
		awaitParked(REGISTRATIONS + ".evaluation-service.dlt", brokenHash, "feedbackTokenHash");
	}

	@Test
	void shouldDocumentTheNewEndpointsInOpenApi() {
		JsonNode document = this.http.body(this.http.get("/v3/api-docs"));
		// Read through the gateway's Swagger UI: "Try it out" must call the gateway, not
		// this service's own address.
		assertThat(document.at("/servers/0/url").asString()).isEqualTo("/");
		JsonNode paths = document.get("paths");
		assertThat(paths.has("/api/feedback")).isTrue();
		assertThat(paths.has("/api/feedback/forms")).isTrue();
		assertThat(paths.has("/api/feedback/results/{eventId}")).isTrue();
		assertThat(paths.has("/api/questionnaires/events/{eventId}/custom-questions")).isTrue();
		assertThat(paths.has("/api/questionnaires/events/{eventId}/link/qr.svg")).isTrue();
		assertThat(
				this.http.body(this.http.get("/api/questionnaires/standard")).at("/items/1/options/3/label").asString())
			.isEqualTo("nicht geeignet");
	}

	// helpers: events on the topics

	String scheduledEvent() {
		String eventId = "evt-" + UUID.randomUUID();
		send(EVENTS, "DialogueEventScheduled", eventPayload(eventId, "Zukunftswerkstatt " + eventId, "PLANNED", 1));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.http.get("/api/questionnaires/events/" + eventId).statusCode())
				.isEqualTo(200));
		return eventId;
	}

	private Map<String, Object> eventPayload(String eventId, String title, String status, long version) {
		ZonedDateTime start = ZonedDateTime.of(2027, 11, 14, 10, 0, 0, 0, ZoneId.of("Europe/Berlin"));
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("eventId", eventId);
		payload.put("initiativeId", this.own);
		payload.put("title", title);
		payload.put("format", "ZUKUNFTSWERKSTATT");
		payload.put("start", start.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
		payload.put("end", start.plusHours(6).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
		payload.put("city", "Stuttgart");
		payload.put("state", "DE-BW");
		payload.put("capacity", 30);
		payload.put("status", status);
		payload.put("version", version);
		payload.put("occurredAt", Instant.now().toString());
		return payload;
	}

	String checkIn(String eventId, String token, long version) {
		return send(REGISTRATIONS, "ParticipantCheckedIn", checkInPayload(eventId, token, version));
	}

	private Map<String, Object> checkInPayload(String eventId, String token, long version) {
		Map<String, Object> payload = registrationPayload(eventId, version);
		payload.put("checkedInAt", Instant.now().toString());
		payload.put("method", "QR_CODE");
		payload.put("feedbackTokenHash", sha256(token));
		return payload;
	}

	private Map<String, Object> undoPayload(String eventId, String token, long version) {
		Map<String, Object> payload = registrationPayload(eventId, version);
		payload.put("feedbackTokenHash", sha256(token));
		return payload;
	}

	private Map<String, Object> confirmedPayload(String eventId) {
		Map<String, Object> payload = registrationPayload(eventId, 1);
		payload.put("registeredAt", Instant.now().toString());
		return payload;
	}

	private Map<String, Object> registrationPayload(String eventId, long version) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("registrationId", "reg-" + UUID.randomUUID());
		payload.put("eventId", eventId);
		payload.put("initiativeId", this.own);
		payload.put("participantGroup", "PUPIL");
		payload.put("status", "CONFIRMED");
		payload.put("version", version);
		payload.put("occurredAt", Instant.now().toString());
		return payload;
	}

	/**
	 * Waits until every registration event sent so far for the event was applied: a
	 * check-in sent after them on the same key (same partition) becomes usable.
	 */
	private void awaitRegistrationsApplied(String eventId) {
		String marker = randomToken();
		checkIn(eventId, marker, 2);
		awaitForm("token=" + marker);
	}

	private String send(String topic, String eventType, Map<String, Object> payload) {
		String id = UUID.randomUUID().toString();
		resend(topic, id, eventType, payload);
		return id;
	}

	private void resend(String topic, String id, String eventType, Map<String, Object> payload) {
		String value = this.json.writeValueAsString(payload);
		// What this test feeds the consumer must be what the producer may publish.
		assertThat(this.contracts.violations(eventType, value)).as(eventType + " " + value).isEmpty();
		String key = (String) payload.get("eventId");
		KafkaTopics.send(bootstrapServers(), topic, key, headers(id, eventType, key, "/event-service"), value);
	}

	private static Map<String, String> headers(String id, String eventType, String subject, String source) {
		return Map.of(CloudEventHeaders.SPEC_VERSION, "1.0", CloudEventHeaders.ID, id, CloudEventHeaders.TYPE,
				CloudEventHeaders.ceType(eventType), CloudEventHeaders.SOURCE, source, CloudEventHeaders.SUBJECT,
				subject, CloudEventHeaders.TIME, Instant.now().toString(), CloudEventHeaders.CONTENT_TYPE,
				"application/json");
	}

	List<ConsumerRecord<String, String>> feedbackOf(String eventId, int expected) {
		return KafkaTopics.recordsOf(bootstrapServers(), FEEDBACK, eventId, expected);
	}

	private void awaitParked(String deadLetters, String key, String reason) {
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(
					() -> assertThat(KafkaTopics.readTopic(bootstrapServers(), deadLetters)).anySatisfy((record) -> {
						assertThat(record.key()).isEqualTo(key);
						assertThat(KafkaTopics.header(record, "x-exception-message")).contains(reason);
					}));
	}

	// helpers: HTTP

	static Map<String, Object> answer(Map<String, String> answers) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("answers", answers);
		return body;
	}

	private static Map<String, Object> free(String text) {
		return Map.of("type", "FREE_TEXT", "text", text);
	}

	private HttpResponse<String> viaLink(String link, String deviceId, String forwardedFor) {
		Map<String, Object> body = answer(Map.of("Q2", "VERY_GOOD"));
		body.put("link", link);
		if (deviceId != null) {
			body.put("deviceId", deviceId);
		}
		return this.http.send(HttpRequest.newBuilder(this.http.uri("/api/feedback"))
			.header("Content-Type", "application/json")
			.header("X-Forwarded-For", forwardedFor)
			.POST(HttpRequest.BodyPublishers.ofString(this.json.writeValueAsString(body))), null);
	}

	private void submitViaLink(String link, String q1, String good) {
		Map<String, Object> body = answer(Map.of("Q1", q1));
		body.put("link", link);
		body.put("deviceId", UUID.randomUUID().toString());
		body.put("participantGroup", "PUPIL");
		body.put("customAnswers", Map.of("C1", "MOSTLY", "C2", "Zeit"));
		body.put("good", good);
		HttpResponse<String> response = this.http.post("/api/feedback", null, body);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
	}

	private JsonNode results(String path, String token) {
		return this.http.body(this.http.get(path, token));
	}

	HttpResponse<String> awaitForm(String query) {
		List<HttpResponse<String>> last = new ArrayList<>(1);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			last.clear();
			last.add(this.http.get("/api/feedback/forms?" + query));
			assertThat(last.get(0).statusCode()).isEqualTo(200);
		});
		return last.get(0);
	}

	static Query responsesOf(String eventId) {
		return Query.query(Criteria.where("eventId").is(eventId));
	}

	/**
	 * Reads the QR code back: the SVG's unit squares become the module matrix (without
	 * the quiet zone of two modules), which ZXing's decoder turns into the text.
	 */
	private static String qrText(String svg) throws Exception {
		Matcher viewBox = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"").matcher(svg);
		assertThat(viewBox.find()).as(svg).isTrue();
		int margin = 2;
		int size = Integer.parseInt(viewBox.group(1)) - 2 * margin;
		BitMatrix modules = new BitMatrix(size);
		Matcher square = Pattern.compile("M(\\d+) (\\d+)h1v1h-1z").matcher(svg);
		while (square.find()) {
			modules.set(Integer.parseInt(square.group(1)) - margin, Integer.parseInt(square.group(2)) - margin);
		}
		return new Decoder().decode(modules).getText();
	}

	static String randomToken() {
		byte[] bytes = new byte[32];
		new java.security.SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** As event-service computes {@code feedbackTokenHash}: lower-case hex SHA-256. */
	private static String sha256(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
