package de.industriedialog.events.registration;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import de.industriedialog.contracts.CloudEventHeaders;
import de.industriedialog.events.initiative.InitiativeReplication;
import de.industriedialog.localstack.LocalMongoServer;
import de.industriedialog.platform.ratelimit.RateLimits;
import de.industriedialog.platform.testing.KafkaTopics;
import de.industriedialog.platform.testing.ServiceClient;
import de.industriedialog.platform.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
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
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The rate limits of the public registration over HTTP, with small limits, against an
 * in-JVM broker and the Mongo-compatible server over TCP. A second replica is stood in
 * for by a second {@link RateLimits} on the same store: what one counts, the other sees.
 * The client address is the last hop of {@code X-Forwarded-For}, as the gateway appends
 * it.
 */
@EmbeddedKafka(partitions = 3, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "industriedialog.security.jwt-secret=" + TestTokens.SECRET,
				"industriedialog.registration.rate-limit.per-address.max=3",
				"industriedialog.registration.rate-limit.per-address-and-event.max=2",
				"industriedialog.registration.rate-limit.per-event.share-of-capacity=0.5",
				"industriedialog.registration.rate-limit.per-event.minimum=4" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistrationRateLimitEmbeddedIT {

	static final LocalMongoServer mongoServer = LocalMongoServer.inMemory();

	static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	private final JsonMapper json = JsonMapper.builder().build();

	private final ServiceClient http = new ServiceClient(
			() -> "http://localhost:" + this.environment.getProperty("local.server.port"), this.json);

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	private final String own = "ini-limit-" + this.run;

	@Autowired
	Environment environment;

	@Autowired
	EmbeddedKafkaBroker broker;

	@Autowired
	InitiativeReplication replication;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	RegistrationRateLimitProperties properties;

	/** The limits as a second replica of the service counts them. */
	private RegistrationLimits secondReplica;

	@DynamicPropertySource
	static void mongo(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> mongoServer.connectionString() + "/event_service");
	}

	@AfterAll
	static void stopMongo() {
		mongoServer.close();
	}

	@BeforeAll
	void publishInitiative() {
		this.secondReplica = new RegistrationLimits(new RateLimits(this.mongo, Clock.systemUTC()), this.properties);
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("initiativeId", this.own);
		payload.put("version", 1);
		payload.put("occurredAt", Instant.now().toString());
		payload.put("name", "Initiative " + this.own);
		payload.put("level", "REGIONAL");
		payload.put("type", "NETWORK");
		payload.put("state", "DE-BW");
		KafkaTopics.send(this.broker.getBrokersAsString(), "dialog.initiatives.v1", this.own,
				Map.of(CloudEventHeaders.SPEC_VERSION, "1.0", CloudEventHeaders.ID, UUID.randomUUID().toString(),
						CloudEventHeaders.TYPE, CloudEventHeaders.ceType("SteckbriefPublished"),
						CloudEventHeaders.SOURCE, "/initiative-registry", CloudEventHeaders.SUBJECT, this.own,
						CloudEventHeaders.TIME, Instant.now().toString()),
				this.json.writeValueAsString(payload));
		await().atMost(Duration.ofSeconds(30)).until(() -> this.replication.find(this.own).isPresent());
	}

	@Test
	void shouldRefuseAnAddressBeyondItsLimitAcrossEventsWith429RetryAfterAndAGermanProblem() {
		String address = address();
		List<String> events = List.of(openEvent(50), openEvent(50), openEvent(50), openEvent(50));
		for (int i = 0; i < 3; i++) {
			assertThat(register(events.get(i), "p" + i, address).statusCode()).isEqualTo(202);
		}
		HttpResponse<String> refused = register(events.get(3), "p3", address);
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
		assertThat(retryAfter).isBetween(1L, Duration.ofMinutes(10).toSeconds());
		JsonNode problem = this.http.problem(refused);
		assertThat(problem.get("status").asInt()).isEqualTo(429);
		assertThat(problem.get("title").asString()).isEqualTo("Zu viele Anmeldungen");
		assertThat(problem.get("detail").asString())
			.matches("Zu viele Anmeldungen von deinem Anschluss\\. Bitte versuche es in \\d+ Minuten? erneut\\.");
		assertThat(countRegistrations(events.get(3))).isZero();
		// Only the header's last hop counts: what the client wrote before it does not.
		assertThat(register(events.get(3), "p3", "198.51.100.1, " + address).statusCode()).isEqualTo(429);
		// Another address is not affected.
		assertThat(register(events.get(3), "p3", address()).statusCode()).isEqualTo(202);
	}

	@Test
	void shouldShareTheCountWithAnotherReplica() {
		String address = address();
		String event = openEvent(50);
		// Two attempts counted by the other replica, one left here.
		this.secondReplica.acquire(openEvent(50), 50, address);
		this.secondReplica.acquire(openEvent(50), 50, address);
		assertThat(register(event, "geteilt-1", address).statusCode()).isEqualTo(202);
		assertThat(register(event, "geteilt-2", address).statusCode()).isEqualTo(429);
		// And the other way round: this replica's count stops the other one.
		assertThatThrownBy(() -> this.secondReplica.acquire(event, 50, address))
			.isInstanceOf(RegistrationLimitedException.class)
			.hasMessageContaining("deinem Anschluss");
	}

	@Test
	void shouldCountAnAlreadyRegisteredAddressLikeANewOneAndCapOneAddressPerEvent() {
		String address = address();
		String event = openEvent(50);
		assertThat(register(event, "doppelt", address).statusCode()).isEqualTo(202);
		// The same person again: answered like a new one, and counted like one (a limit
		// that skipped it would tell who is registered).
		assertThat(register(event, "doppelt", address).statusCode()).isEqualTo(202);
		HttpResponse<String> refused = register(event, "dritte", address);
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(this.http.problem(refused).get("detail").asString()).contains("deinem Anschluss");
		assertThat(countRegistrations(event)).isEqualTo(1);
	}

	@Test
	void shouldLimitAllAddressesTogetherPerEventSoAScriptCannotTakeAllSeats() {
		// Capacity 10, half of it per window: 5 from anywhere, then the event waits.
		String event = openEvent(10);
		for (int i = 0; i < 5; i++) {
			assertThat(register(event, "viele-" + i, address()).statusCode()).isEqualTo(202);
		}
		HttpResponse<String> refused = register(event, "viele-5", address());
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After")).isPresent();
		assertThat(this.http.problem(refused).get("detail").asString())
			.startsWith("Gerade melden sich sehr viele Menschen zu dieser Veranstaltung an. Bitte versuche es in ");
		assertThat(countRegistrations(event)).isEqualTo(5);
		// The other replica is held to the same count.
		assertThatThrownBy(() -> this.secondReplica.acquire(event, 10, address()))
			.isInstanceOf(RegistrationLimitedException.class);
		// Other events are not affected.
		assertThat(register(openEvent(10), "woanders", address()).statusCode()).isEqualTo(202);
	}

	@Test
	void shouldNotCountWhatIsRefusedAnywayForBadInput() {
		String address = address();
		String event = openEvent(50);
		Map<String, Object> bad = form("keine-adresse", "Falsch");
		for (int i = 0; i < 5; i++) {
			assertThat(send(event, bad, address).statusCode()).isEqualTo(400);
		}
		assertThat(register(event, "richtig", address).statusCode()).isEqualTo(202);
	}

	private HttpResponse<String> register(String event, String who, String address) {
		return send(event, form(who + "@example.org", "Teilnehmerin " + who), address);
	}

	private HttpResponse<String> send(String event, Map<String, Object> form, String address) {
		return this.http.send(HttpRequest.newBuilder(this.http.uri("/api/events/" + event + "/registrations"))
			.header("Content-Type", "application/json")
			.header("X-Forwarded-For", address)
			.POST(HttpRequest.BodyPublishers.ofString(this.json.writeValueAsString(form))), null);
	}

	private static String address() {
		return "2001:db8::" + Long.toHexString(UUID.randomUUID().getMostSignificantBits() & 0xffffffffL);
	}

	private long countRegistrations(String event) {
		return this.mongo.count(Query.query(Criteria.where("eventId").is(event)), "registrations");
	}

	private Map<String, Object> form(String email, String name) {
		Map<String, Object> form = new LinkedHashMap<>();
		form.put("name", name);
		form.put("email", email);
		form.put("participantGroup", "PUPIL");
		form.put("consent", true);
		form.put("consentVersion", "teilnahme-2026-11");
		return form;
	}

	private String openEvent(int capacity) {
		ZonedDateTime start = ZonedDateTime.now(BERLIN)
			.plusDays(30)
			.withHour(10)
			.withMinute(0)
			.withSecond(0)
			.withNano(0);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("initiativeId", this.own);
		body.put("title", "Werkstattgespräch");
		body.put("format", "DESIGN_THINKING_WORKSHOP");
		body.put("start", start.toInstant().toString());
		body.put("end", start.plusHours(4).toInstant().toString());
		body.put("city", "Ahaus");
		body.put("state", "DE-NW");
		body.put("capacity", capacity);
		body.put("targetGroups", List.of("PUPIL"));
		body.put("campaignSupported", true);
		String id = this.http.body(this.http.post("/api/events", TestTokens.initiative(this.own), body))
			.get("id")
			.asString();
		assertThat(this.http.post("/api/events/" + id + "/open", TestTokens.initiative(this.own)).statusCode())
			.isEqualTo(200);
		return id;
	}

}
