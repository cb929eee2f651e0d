package de.industriedialog.events.registration;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import de.industriedialog.contracts.CloudEventHeaders;
import de.industriedialog.contracts.EventContracts;
import de.industriedialog.events.initiative.InitiativeReplication;
import de.industriedialog.platform.testing.KafkaTopics;
import de.industriedialog.platform.testing.ServiceClient;
import de.industriedialog.platform.testing.TestTokens;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
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
 * Registration, waitlist, cancellation and check-in over HTTP against real
 * infrastructure; what the service publishes is read back from
 * {@code dialog.registrations.v1}. Subclasses choose the infrastructure.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "industriedialog.security.jwt-secret=" + TestTokens.SECRET,
				// Every request comes from 127.0.0.1; the limits have tests of their own
				// (RegistrationRateLimitEmbeddedIT) and count here without refusing.
				"industriedialog.registration.rate-limit.per-address.max=100000",
				"industriedialog.registration.rate-limit.per-address-and-event.max=100000",
				"industriedialog.registration.rate-limit.per-event.minimum=100000" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RegistrationIntegrationTests {

	static final String TOPIC = "dialog.registrations.v1";

	static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	private final JsonMapper json = JsonMapper.builder().build();

	/** With an executor of its own: some tests send many requests at once. */
	private final ServiceClient http = new ServiceClient(
			() -> "http://localhost:" + this.environment.getProperty("local.server.port"), this.json,
			HttpClient.newBuilder().executor(Executors.newFixedThreadPool(16)).build());

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	final String own = "ini-reg-own-" + this.run;

	final String other = "ini-reg-other-" + this.run;

	@Autowired
	Environment environment;

	@Autowired
	InitiativeReplication replication;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	RegistrationTokens tokens;

	abstract String bootstrapServers();

	@BeforeAll
	void publishInitiatives() {
		for (String id : List.of(this.own, this.other)) {
			Map<String, Object> payload = new LinkedHashMap<>();
			payload.put("initiativeId", id);
			payload.put("version", 1);
			payload.put("occurredAt", Instant.now().toString());
			payload.put("name", "Initiative " + id);
			payload.put("level", "REGIONAL");
			payload.put("type", "NETWORK");
			payload.put("state", "DE-BW");
			KafkaTopics.send(bootstrapServers(), "dialog.initiatives.v1", id, headers("SteckbriefPublished", id),
					this.json.writeValueAsString(payload));
		}
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(List.of(this.own, this.other))
				.allSatisfy((id) -> assertThat(this.replication.find(id)).isPresent()));
	}

	@Test
	void shouldConfirmUpToCapacityThenWaitlistInArrivalOrderAndPublishValidEvents() {
		String event = openEvent(2);
		JsonNode first = registered(event, "anna");
		JsonNode second = registered(event, "ben");
		JsonNode third = registered(event, "carla");
		JsonNode fourth = registered(event, "david");
		assertThat(List.of(first, second, third, fourth)).extracting((r) -> r.get("status").asString())
			.containsExactly("CONFIRMED", "CONFIRMED", "WAITLISTED", "WAITLISTED");

		JsonNode page = this.http.body(this.http.get("/api/registrations/" + fourth.get("token").asString()));
		assertThat(page.get("status").asString()).isEqualTo("WAITLISTED");
		assertThat(page.get("waitlistRank").asLong()).isEqualTo(2);
		assertThat(page.get("cancellable").asBoolean()).isTrue();
		assertThat(page.at("/event/id").asString()).isEqualTo(event);
		JsonNode availability = this.http.body(this.http.get("/api/events/" + event + "/availability"));
		assertThat(availability.get("seatsLeft").asInt()).isZero();
		assertThat(availability.get("registrationOpen").asBoolean()).isTrue();

		List<ConsumerRecord<String, String>> records = recordsOf(event, 4);
		assertThat(records).extracting((r) -> KafkaTopics.header(r, CloudEventHeaders.TYPE))
			.containsExactly("de.industriedialog.RegistrationConfirmed", "de.industriedialog.RegistrationConfirmed",
					"de.industriedialog.RegistrationWaitlisted", "de.industriedialog.RegistrationWaitlisted");
		assertValidAgainstTheContract(records);
		assertThat(records).allSatisfy((r) -> {
			assertThat(r.value()).doesNotContain("@example.org").doesNotContain("Teilnehmerin");
			assertThat(KafkaTopics.header(r, CloudEventHeaders.SUBJECT)).isEqualTo(event);
		});
		assertThat(this.json.readTree(records.get(3).value()).get("waitlistPosition").asLong()).isEqualTo(2);
	}

	@Test
	void shouldAnswerAnAlreadyRegisteredAddressExactlyLikeANewOneAndTellTheOwnerByMail() {
		String event = openEvent(5);
		HttpResponse<String> fresh = this.http.post("/api/events/" + event + "/registrations", null,
				form("emil@example.org", "Emil"));
		String id = stored(event, "emil@example.org").getString("_id");
		HttpResponse<String> again = this.http.post("/api/events/" + event + "/registrations", null,
				form("EMIL@example.org", "Emil Zwei"));
		HttpResponse<String> third = this.http.post("/api/events/" + event + "/registrations", null,
				form("emil@example.org", "Emil Drei"));

		// Nothing in the answer tells the two apart: status, type, body.
		assertThat(again.statusCode()).isEqualTo(fresh.statusCode()).isEqualTo(202);
		assertThat(again.headers().firstValue("Content-Type")).isEqualTo(fresh.headers().firstValue("Content-Type"));
		assertThat(again.body()).isEqualTo(fresh.body()).isEqualTo(third.body());
		assertThat(this.http.body(fresh).propertyNames()).containsExactly("message");
		assertThat(fresh.body()).doesNotContain(id).doesNotContain("CONFIRMED").contains("E-Mail");
		assertThat(countRegistrations(event)).isEqualTo(1);
		assertThat(stored(event, "emil@example.org").getString("name")).isEqualTo("Emil");

		// The owner of the address learns it by mail, with the link, once a day however
		// often the form is sent.
		List<Document> mails = this.mongo.find(Query.query(Criteria.where("reference").is(id)), Document.class,
				"mail_queue");
		assertThat(mails).filteredOn((m) -> "already-registered".equals(m.getString("type")))
			.singleElement()
			.satisfies((mail) -> {
				assertThat(mail.getString("_id")).startsWith(id + ":already-registered:");
				assertThat(mail.getString("subject")).startsWith("Du bist bereits angemeldet: ");
				assertThat(mail.getString("text")).contains("bereits angemeldet (bestätigt)")
					.contains("/anmeldung.html?token=" + this.tokens.personalToken(id));
				assertThat(mail.get("to").toString()).contains("emil@example.org");
			});
	}

	@Test
	void shouldLetACancelledAddressRegisterAgainAsANewRegistrationWithOneSeat() {
		String event = openEvent(2);
		JsonNode first = registered(event, "wieder");
		JsonNode other = registered(event, "andere");
		assertThat(this.http.post("/api/registrations/" + first.get("token").asString() + "/cancel", null).statusCode())
			.isEqualTo(200);
		JsonNode second = registered(event, "wieder");
		assertThat(idOf(second)).isNotEqualTo(idOf(first));
		assertThat(second.get("status").asString()).isEqualTo("CONFIRMED");
		assertThat(status(first)).isEqualTo("CANCELLED");
		assertThat(status(other)).isEqualTo("CONFIRMED");
		// One seat for the person, not two and not none: the event is full now.
		assertThat(this.http.body(this.http.get("/api/events/" + event + "/availability")).get("confirmed").asInt())
			.isEqualTo(2);
		assertThat(registered(event, "dritte").get("status").asString()).isEqualTo("WAITLISTED");
		// Registering the active address again changes nothing.
		this.http.post("/api/events/" + event + "/registrations", null, form("wieder@example.org", "Nochmal"));
		assertThat(countRegistrations(event)).isEqualTo(4);

		// A new registration fact with its own id and version 1, after the cancelled one.
		List<ConsumerRecord<String, String>> records = recordsOf(event, 5);
		assertValidAgainstTheContract(records);
		assertThat(typesOf(records, idOf(first))).containsExactly("RegistrationConfirmed", "RegistrationCancelled");
		assertThat(typesOf(records, idOf(second))).containsExactly("RegistrationConfirmed");
		assertThat(payloadOf(records, idOf(second), "RegistrationConfirmed").get("version").asLong()).isEqualTo(1);

		// Cancelled again and back once more: each time one seat.
		assertThat(
				this.http.post("/api/registrations/" + second.get("token").asString() + "/cancel", null).statusCode())
			.isEqualTo(200);
		JsonNode third = registered(event, "wieder");
		assertThat(third.get("status").asString()).as("dritte moved up, the seat is taken").isEqualTo("WAITLISTED");
		assertThat(this.http.body(this.http.get("/api/events/" + event + "/availability")).get("confirmed").asInt())
			.isEqualTo(2);
	}

	@Test
	void shouldReleaseTheAddressOfARegistrationCancelledBeforeCancellingReleasedIt() {
		String event = openEvent(3);
		JsonNode old = registered(event, "alt");
		assertThat(this.http.post("/api/registrations/" + old.get("token").asString() + "/cancel", null).statusCode())
			.isEqualTo(200);
		// As stored before this rule: cancelled, but still holding the address key.
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(idOf(old))),
				new org.springframework.data.mongodb.core.query.Update().set("addressKey", event + "|alt@example.org"),
				"registrations");
		JsonNode again = registered(event, "alt");
		assertThat(idOf(again)).isNotEqualTo(idOf(old));
		assertThat(again.get("status").asString()).isEqualTo("CONFIRMED");
		assertThat(status(old)).isEqualTo("CANCELLED");
	}

	@Test
	void shouldNeverOverbookWhateverTheConcurrency() throws Exception {
		int seats = 7;
		int requests = 240;
		String event = openEvent(seats);
		List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
		for (int i = 0; i < requests; i++) {
			String email = "parallel-" + i + "@example.org";
			calls.add(() -> this.http.post("/api/events/" + event + "/registrations", null,
					form(email, "Person " + email)));
		}
		List<HttpResponse<String>> responses = allAtOnce(calls);
		assertThat(responses).allSatisfy((r) -> assertThat(r.statusCode()).as(r.body()).isEqualTo(202));

		List<Document> stored = this.mongo.find(Query.query(Criteria.where("eventId").is(event)), Document.class,
				"registrations");
		assertThat(stored).filteredOn((d) -> "CONFIRMED".equals(d.getString("status"))).hasSize(seats);
		// Everyone beyond capacity has a distinct place in the queue: 1, 2, … n.
		assertThat(stored).filteredOn((d) -> "WAITLISTED".equals(d.getString("status")))
			.extracting((d) -> ((Number) d.get("waitlistPosition")).longValue())
			.doesNotHaveDuplicates()
			.hasSize(requests - seats)
			.allSatisfy((position) -> assertThat(position).isBetween(1L, (long) (requests - seats)));
		assertThat(this.http.body(this.http.get("/api/events/" + event + "/availability")).get("confirmed").asInt())
			.isEqualTo(seats);
	}

	@Test
	void shouldLetOnlyOneOfManyConcurrentRequestsOfOneAddressIn() throws Exception {
		// Several rounds: which request wins the race differs from round to round (a
		// waitlisted winner must get the seat a losing request gives back).
		for (int round = 0; round < 5; round++) {
			oneAddressManyRequests();
		}
	}

	private void oneAddressManyRequests() throws Exception {
		String event = openEvent(3);
		List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			calls.add(() -> this.http.post("/api/events/" + event + "/registrations", null,
					form("same@example.org", "Sam")));
		}
		List<HttpResponse<String>> responses = allAtOnce(calls);
		assertThat(responses).allSatisfy((r) -> assertThat(r.statusCode()).as(r.body()).isEqualTo(202));
		assertThat(responses).extracting(HttpResponse::body).containsOnly(responses.get(0).body());
		assertThat(countRegistrations(event)).isEqualTo(1);
		// The 39 others queue one mail between them (one a day).
		assertThat(this.mongo.count(Query.query(Criteria.where("reference")
			.is(stored(event, "same@example.org").getString("_id"))
			.and("type")
			.is("already-registered")), "mail_queue")).isEqualTo(1);
		// Seats claimed by the losing requests were given back.
		assertThat(this.http.body(this.http.get("/api/events/" + event + "/availability")).get("confirmed").asInt())
			.isEqualTo(1);
	}

	@Test
	void shouldGiveAFreedSeatToTheFirstWaitingPerson() {
		String event = openEvent(1);
		JsonNode holder = registered(event, "holder");
		JsonNode firstWaiting = registered(event, "first-waiting");
		JsonNode secondWaiting = registered(event, "second-waiting");

		JsonNode cancelled = this.http
			.body(this.http.post("/api/registrations/" + holder.get("token").asString() + "/cancel", null));
		assertThat(cancelled.get("status").asString()).isEqualTo("CANCELLED");
		assertThat(cancelled.get("cancellable").asBoolean()).isFalse();
		// Cancelling twice is harmless and frees nothing more.
		assertThat(
				this.http.post("/api/registrations/" + holder.get("token").asString() + "/cancel", null).statusCode())
			.isEqualTo(200);

		assertThat(status(firstWaiting)).isEqualTo("CONFIRMED");
		assertThat(status(secondWaiting)).isEqualTo("WAITLISTED");
		assertThat(this.http.body(this.http.get("/api/registrations/" + secondWaiting.get("token").asString()))
			.get("waitlistRank")
			.asLong()).isEqualTo(1);

		List<ConsumerRecord<String, String>> records = recordsOf(event, 5);
		assertValidAgainstTheContract(records);
		// In order per registration (the record key is the event, the version counts per
		// registration).
		assertThat(typesOf(records, idOf(holder))).containsExactly("RegistrationConfirmed", "RegistrationCancelled");
		assertThat(typesOf(records, idOf(firstWaiting))).containsExactly("RegistrationWaitlisted",
				"RegistrationPromoted");
		JsonNode promoted = payloadOf(records, idOf(firstWaiting), "RegistrationPromoted");
		assertThat(promoted.get("version").asLong()).isEqualTo(2);
		assertThat(payloadOf(records, idOf(holder), "RegistrationCancelled").get("previousStatus").asString())
			.isEqualTo("CONFIRMED");
	}

	@Test
	void shouldKeepCapacityExactWhenManyCancelConcurrently() throws Exception {
		int seats = 4;
		String event = openEvent(seats);
		List<JsonNode> confirmed = new ArrayList<>();
		for (int i = 0; i < seats; i++) {
			confirmed.add(registered(event, "c" + i));
		}
		for (int i = 0; i < 10; i++) {
			registered(event, "w" + i);
		}
		List<Callable<HttpResponse<String>>> cancels = new ArrayList<>();
		for (JsonNode registration : confirmed) {
			cancels.add(() -> this.http.post("/api/registrations/" + registration.get("token").asString() + "/cancel",
					null));
		}
		assertThat(allAtOnce(cancels)).allSatisfy((r) -> assertThat(r.statusCode()).isEqualTo(200));
		List<Document> stored = this.mongo.find(Query.query(Criteria.where("eventId").is(event)), Document.class,
				"registrations");
		assertThat(stored).filteredOn((d) -> "CONFIRMED".equals(d.getString("status")))
			.extracting((d) -> d.getString("name"))
			.containsExactlyInAnyOrder("Teilnehmerin w0", "Teilnehmerin w1", "Teilnehmerin w2", "Teilnehmerin w3");
	}

	@Test
	void shouldFillNewSeatsFromTheWaitlistAndRefuseACapacityBelowTheConfirmed() {
		String event = openEvent(1);
		registered(event, "sitting");
		JsonNode waiting = registered(event, "waiting");
		Map<String, Object> smaller = eventBody(this.own, 1);
		smaller.put("capacity", 2);
		HttpResponse<String> raised = this.http.put("/api/events/" + event, TestTokens.initiative(this.own), smaller);
		assertThat(raised.statusCode()).as(raised.body()).isEqualTo(200);
		assertThat(status(waiting)).isEqualTo("CONFIRMED");

		smaller.put("capacity", 1);
		HttpResponse<String> lowered = this.http.put("/api/events/" + event, TestTokens.initiative(this.own), smaller);
		assertThat(lowered.statusCode()).isEqualTo(400);
		assertThat(lowered.body()).contains("capacity").contains("bereits 2 Plätze bestätigt");
	}

	@Test
	void shouldRefuseWhatCannotBeAcceptedWithAGermanAnswerAndStoreNothing() {
		String planned = this.http
			.body(this.http.post("/api/events", TestTokens.initiative(this.own), eventBody(this.own, 5)))
			.get("id")
			.asString();
		HttpResponse<String> notYet = this.http.post("/api/events/" + planned + "/registrations", null,
				form("early@example.org", "Früh"));
		assertThat(notYet.statusCode()).isEqualTo(409);
		assertThat(this.http.problem(notYet).get("detail").asString()).contains("noch nicht geöffnet");

		String event = openEvent(5);
		Map<String, Object> bad = new LinkedHashMap<>();
		bad.put("name", "");
		bad.put("email", "keine-adresse");
		bad.put("organisation", "x".repeat(201));
		bad.put("consent", false);
		HttpResponse<String> invalid = this.http.post("/api/events/" + event + "/registrations", null, bad);
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(this.http.problem(invalid).get("errors").findValuesAsString("field"))
			.containsExactlyInAnyOrder("name", "email", "organisation", "participantGroup", "consent");
		assertThat(invalid.body()).contains("keine gültige E-Mail-Adresse");

		// Addresses the mail relay could not take are refused here, not when the mail
		// goes out.
		HttpResponse<String> umlaut = this.http.post("/api/events/" + event + "/registrations", null,
				form("jörg@example.org", "Jörg"));
		assertThat(umlaut.statusCode()).isEqualTo(400);
		assertThat(this.http.problem(umlaut).get("errors").findValuesAsString("field")).containsExactly("email");
		assertThat(umlaut.body()).contains("Umlaute");
		HttpResponse<String> lineBreak = this.http.post("/api/events/" + event + "/registrations", null,
				form("a@example.org\r\nBcc: b@example.org", "Anna"));
		assertThat(lineBreak.statusCode()).isEqualTo(400);
		assertThat(this.http.problem(lineBreak).get("errors").findValuesAsString("field")).containsExactly("email");

		Map<String, Object> unknownGroup = form("group@example.org", "Gruppe");
		unknownGroup.put("participantGroup", "ALIENS");
		HttpResponse<String> unreadable = this.http.post("/api/events/" + event + "/registrations", null, unknownGroup);
		assertThat(unreadable.statusCode()).isEqualTo(400);
		assertThat(this.http.problem(unreadable).get("errors").findValuesAsString("field"))
			.containsExactly("participantGroup");

		Map<String, Object> injection = form("inject@example.org", "x");
		injection.put("name", Map.of("$ne", ""));
		assertThat(this.http.post("/api/events/" + event + "/registrations", null, injection).statusCode())
			.isEqualTo(400);
		assertThat(countRegistrations(event)).isZero();
		assertThat(countRegistrations(planned)).isZero();

		// Markup is just text: stored and returned exactly as typed.
		String script = "<script>alert('x')</script> Müller";
		this.http.post("/api/events/" + event + "/registrations", null, form("markup@example.org", script));
		JsonNode created = receipt(event, "markup@example.org");
		assertThat(this.http.body(this.http.get("/api/registrations/" + created.get("token").asString()))
			.get("name")
			.asString()).isEqualTo(script);

		assertThat(this.http.post("/api/events/" + event + "/cancel", TestTokens.initiative(this.own)).statusCode())
			.isEqualTo(200);
		HttpResponse<String> cancelledEvent = this.http.post("/api/events/" + event + "/registrations", null,
				form("late@example.org", "Spät"));
		assertThat(cancelledEvent.statusCode()).isEqualTo(409);
		assertThat(this.http.problem(cancelledEvent).get("detail").asString()).contains("abgesagt");

		String forged = created.get("token").asString();
		forged = forged.substring(0, forged.length() - 2) + (forged.endsWith("AA") ? "BB" : "AA");
		HttpResponse<String> unknown = this.http.get("/api/registrations/" + forged);
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(this.http.problem(unknown).get("detail").asString()).contains("Anmelde-Link");
	}

	@Test
	void shouldCheckInByQrCodeOrByHandOnlyForTheOrganiserAndUndo() {
		String event = openEvent(3);
		JsonNode pupil = registered(event, "pupil");
		JsonNode professional = registered(event, "pro", "PROFESSIONAL");
		String path = "/api/events/" + event + "/check-ins";
		Map<String, Object> byQr = Map.of("token", pupil.get("link").asString());

		assertThat(this.http.post(path, null, byQr).statusCode()).isEqualTo(401);
		assertThat(this.http.post(path, TestTokens.initiative(this.other), byQr).statusCode()).isEqualTo(403);
		assertThat(this.http.get("/api/events/" + event + "/registrations").statusCode()).isEqualTo(401);

		JsonNode checkedIn = this.http.body(this.http.post(path, TestTokens.initiative(this.own), byQr));
		assertThat(checkedIn.at("/registration/checkedIn").asBoolean()).isTrue();
		assertThat(checkedIn.get("alreadyCheckedIn").asBoolean()).isFalse();
		assertThat(this.http.body(this.http.post(path, TestTokens.initiative(this.own), byQr))
			.get("alreadyCheckedIn")
			.asBoolean()).isTrue();
		String professionalId = this.http
			.body(this.http.get("/api/registrations/" + professional.get("token").asString()))
			.get("id")
			.asString();
		this.http.body(this.http.post(path, TestTokens.staff(), Map.of("registrationId", professionalId)));

		JsonNode list = this.http
			.body(this.http.get("/api/events/" + event + "/registrations?q=PRO", TestTokens.initiative(this.own)));
		assertThat(list.get("registrations")).hasSize(1);
		assertThat(list.at("/summary/checkedIn").asInt()).isEqualTo(2);
		assertThat(list.at("/summary/byGroup/PUPIL/checkedIn").asInt()).isEqualTo(1);
		assertThat(list.at("/summary/byGroup/PROFESSIONAL/checkedIn").asInt()).isEqualTo(1);

		JsonNode undone = this.http
			.body(this.http.delete(path + "/" + professionalId, TestTokens.initiative(this.own)));
		assertThat(undone.get("checkedIn").asBoolean()).isFalse();

		String otherEvent = openEvent(3);
		JsonNode elsewhere = registered(otherEvent, "elsewhere");
		HttpResponse<String> wrongEvent = this.http.post(path, TestTokens.initiative(this.own),
				Map.of("token", elsewhere.get("token").asString()));
		assertThat(wrongEvent.statusCode()).isEqualTo(409);
		assertThat(this.http.problem(wrongEvent).get("detail").asString()).contains("anderen Veranstaltung");

		List<ConsumerRecord<String, String>> records = recordsOf(event, 5);
		assertValidAgainstTheContract(records);
		ConsumerRecord<String, String> checkIn = records.stream()
			.filter((r) -> KafkaTopics.header(r, CloudEventHeaders.TYPE).endsWith("ParticipantCheckedIn"))
			.findFirst()
			.orElseThrow();
		String pupilId = this.http.body(this.http.get("/api/registrations/" + pupil.get("token").asString()))
			.get("id")
			.asString();
		assertThat(this.json.readTree(checkIn.value()).get("feedbackTokenHash").asString())
			.isEqualTo(RegistrationTokens.sha256(this.tokens.feedbackToken(pupilId)));
		assertThat(this.json.readTree(checkIn.value()).get("method").asString()).isEqualTo("QR_CODE");
		assertThat(records).extracting((r) -> KafkaTopics.header(r, CloudEventHeaders.TYPE))
			.contains("de.industriedialog.ParticipantCheckInUndone");
	}

	@Test
	void shouldLetTheOrganiserCancelForAParticipantAndMoveTheWaitlistUp() {
		String event = openEvent(1);
		JsonNode sick = registered(event, "sick");
		JsonNode waiting = registered(event, "next-in-line");
		String path = "/api/events/" + event + "/registrations/" + idOf(sick) + "/cancel";
		assertThat(this.http.post(path, null).statusCode()).isEqualTo(401);
		assertThat(this.http.post(path, TestTokens.initiative(this.other)).statusCode()).isEqualTo(403);
		assertThat(status(sick)).isEqualTo("CONFIRMED");
		assertThat(this.http.body(this.http.post(path, TestTokens.initiative(this.own))).get("status").asString())
			.isEqualTo("CANCELLED");
		assertThat(status(waiting)).isEqualTo("CONFIRMED");
		List<ConsumerRecord<String, String>> records = recordsOf(event, 4);
		assertThat(payloadOf(records, idOf(sick), "RegistrationCancelled").get("cancelledBy").asString())
			.isEqualTo("ORGANISER");
	}

	private String idOf(JsonNode registration) {
		return this.http.body(this.http.get("/api/registrations/" + registration.get("token").asString()))
			.get("id")
			.asString();
	}

	private List<String> typesOf(List<ConsumerRecord<String, String>> records, String registrationId) {
		return records.stream()
			.filter((r) -> this.json.readTree(r.value()).get("registrationId").asString().equals(registrationId))
			.map((r) -> KafkaTopics.header(r, CloudEventHeaders.TYPE).substring("de.industriedialog.".length()))
			.toList();
	}

	private JsonNode payloadOf(List<ConsumerRecord<String, String>> records, String registrationId, String type) {
		return records.stream()
			.filter((r) -> KafkaTopics.header(r, CloudEventHeaders.TYPE).endsWith("." + type))
			.map((r) -> this.json.readTree(r.value()))
			.filter((payload) -> payload.get("registrationId").asString().equals(registrationId))
			.findFirst()
			.orElseThrow();
	}

	private String status(JsonNode registration) {
		return this.http.body(this.http.get("/api/registrations/" + registration.get("token").asString()))
			.get("status")
			.asString();
	}

	private long countRegistrations(String event) {
		return this.mongo.count(Query.query(Criteria.where("eventId").is(event)), "registrations");
	}

	private List<HttpResponse<String>> allAtOnce(List<Callable<HttpResponse<String>>> calls) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(32);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<HttpResponse<String>>> futures = new ArrayList<>();
			for (Callable<HttpResponse<String>> call : calls) {
				futures.add(pool.submit(() -> {
					start.await();
					return call.call();
				}));
			}
			start.countDown();
			List<HttpResponse<String>> responses = new ArrayList<>();
			for (Future<HttpResponse<String>> future : futures) {
				responses.add(future.get());
			}
			return responses;
		}
		finally {
			pool.shutdownNow();
		}
	}

	private JsonNode registered(String event, String who) {
		return registered(event, who, "PUPIL");
	}

	private JsonNode registered(String event, String who, String group) {
		Map<String, Object> form = form(who + "@example.org", "Teilnehmerin " + who);
		form.put("participantGroup", group);
		HttpResponse<String> response = this.http.post("/api/events/" + event + "/registrations", null, form);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		return receipt(event, who + "@example.org");
	}

	/**
	 * The active registration of the address as the owner learns it by mail: id, status,
	 * the personal token and link (the answer to the request carries none of them).
	 */
	private JsonNode receipt(String event, String email) {
		Document stored = stored(event, email);
		String token = this.tokens.personalToken(stored.getString("_id"));
		return this.json.createObjectNode()
			.put("id", stored.getString("_id"))
			.put("status", stored.getString("status"))
			.put("token", token)
			.put("link", "http://localhost:8080/anmeldung.html?token=" + token);
	}

	private Document stored(String event, String email) {
		return this.mongo.findOne(Query.query(Criteria.where("addressKey").is(event + "|" + email)), Document.class,
				"registrations");
	}

	private Map<String, Object> form(String email, String name) {
		Map<String, Object> form = new LinkedHashMap<>();
		form.put("name", name);
		form.put("email", email);
		form.put("organisation", "Gesamtschule Ahaus");
		form.put("participantGroup", "PUPIL");
		form.put("consent", true);
		form.put("consentVersion", "teilnahme-2026-11");
		return form;
	}

	private String openEvent(int capacity) {
		JsonNode created = this.http
			.body(this.http.post("/api/events", TestTokens.initiative(this.own), eventBody(this.own, capacity)));
		String id = created.get("id").asString();
		assertThat(this.http.post("/api/events/" + id + "/open", TestTokens.initiative(this.own)).statusCode())
			.isEqualTo(200);
		return id;
	}

	private Map<String, Object> eventBody(String initiativeId, int capacity) {
		ZonedDateTime start = ZonedDateTime.now(BERLIN)
			.plusDays(30)
			.withHour(10)
			.withMinute(0)
			.withSecond(0)
			.withNano(0);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("initiativeId", initiativeId);
		body.put("title", "Design-Thinking-Workshop „Virtuelles Haus“");
		body.put("format", "DESIGN_THINKING_WORKSHOP");
		body.put("start", start.toInstant().toString());
		body.put("end", start.plusHours(4).toInstant().toString());
		body.put("city", "Ahaus");
		body.put("state", "DE-NW");
		body.put("capacity", capacity);
		body.put("targetGroups", List.of("PUPIL"));
		body.put("campaignSupported", true);
		return body;
	}

	private void assertValidAgainstTheContract(List<ConsumerRecord<String, String>> records) {
		EventContracts contracts = EventContracts.fromClasspath();
		for (ConsumerRecord<String, String> record : records) {
			String type = KafkaTopics.header(record, CloudEventHeaders.TYPE).substring("de.industriedialog.".length());
			assertThat(contracts.violations(type, record.value())).as(record.value()).isEmpty();
			assertThat(KafkaTopics.header(record, CloudEventHeaders.SOURCE)).isEqualTo("/event-service");
		}
	}

	private List<ConsumerRecord<String, String>> recordsOf(String eventId, int expected) {
		return KafkaTopics.recordsOf(bootstrapServers(), TOPIC, eventId, expected);
	}

	private Map<String, String> headers(String eventType, String subject) {
		return Map.of(CloudEventHeaders.SPEC_VERSION, "1.0", CloudEventHeaders.ID, UUID.randomUUID().toString(),
				CloudEventHeaders.TYPE, CloudEventHeaders.ceType(eventType), CloudEventHeaders.SOURCE,
				"/initiative-registry", CloudEventHeaders.SUBJECT, subject, CloudEventHeaders.TIME,
				Instant.now().toString());
	}

}
