package de.industriedialog.events.registration;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import de.industriedialog.contracts.CloudEventHeaders;
import de.industriedialog.events.EventServiceApplication;
import de.industriedialog.events.initiative.InitiativeReplication;
import de.industriedialog.localstack.LocalMongoServer;
import de.industriedialog.platform.testing.KafkaTopics;
import de.industriedialog.platform.testing.ServiceClient;
import de.industriedialog.platform.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two event-service instances on the same store and broker, as in a rolling update: a
 * registration burst goes through instance A while instance B is stopped and started
 * again several times, and each start runs {@link SeatLedgerRepair}. The repair must not
 * take away a seat that A has just claimed but not yet stored, so afterwards the counter
 * equals the confirmed registrations and filling the event confirms exactly its capacity.
 * Against the in-JVM KRaft broker and the Mongo-compatible server over TCP.
 */
class SeatLedgerRepairEmbeddedIT {

	static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	static final int CAPACITY = 6000;

	static final LocalMongoServer mongo = LocalMongoServer.inMemory();

	static final EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 3);

	final JsonMapper json = JsonMapper.builder().build();

	final String initiative = "ini-seat-repair-" + UUID.randomUUID().toString().substring(0, 8);

	@BeforeAll
	static void startInfrastructure() {
		kafka.afterPropertiesSet();
	}

	@AfterAll
	static void stopInfrastructure() {
		kafka.destroy();
		mongo.close();
	}

	@Test
	void shouldNeverTakeAwayAClaimedSeatWhileAnotherInstanceRestartsDuringARush() throws Exception {
		try (ConfigurableApplicationContext a = start()) {
			ConfigurableApplicationContext b = start();
			String event = openEvent(a);
			Registrations registrations = a.getBean(Registrations.class);
			AtomicInteger people = new AtomicInteger();
			AtomicBoolean rush = new AtomicBoolean(true);
			ExecutorService threads = Executors.newFixedThreadPool(9);
			List<Future<?>> burst = new ArrayList<>();
			for (int t = 0; t < 8; t++) {
				burst.add(threads.submit(() -> {
					// Paced, and stopped short of the capacity: seats stay free while
					// the other instance recounts, or no seat claim is half done then.
					while (rush.get() && people.get() < CAPACITY * 3 / 4) {
						register(registrations, event, people.incrementAndGet());
						Thread.sleep(200);
					}
					return null;
				}));
			}
			// Seats are claimed before registrations are stored and nobody cancels, so at
			// any moment the counter is at least the confirmed registrations counted just
			// before. A counter below that has lost a claimed seat: once the event fills,
			// someone gets a seat that does not exist.
			SeatLedger ledger = a.getBean(SeatLedger.class);
			RegistrationStore store = a.getBean(RegistrationStore.class);
			List<String> lostSeats = new CopyOnWriteArrayList<>();
			Future<?> watch = threads.submit(() -> {
				while (rush.get()) {
					long registered = store.countConfirmed(event);
					long counter = ledger.confirmed(event);
					if (counter < registered) {
						lostSeats.add("counter " + counter + " < " + registered + " confirmed");
					}
					Thread.sleep(5);
				}
				return null;
			});
			for (int restart = 0; restart < 3; restart++) {
				SeatLedgerRepair repair = b.getBean(SeatLedgerRepair.class);
				repair.awaitRecount(Duration.ofSeconds(60));
				// The same check as at start, a few more times between the restarts, so
				// that some of them meet a seat claim half done.
				for (int more = 0; more < 3; more++) {
					repair.recount();
				}
				b.close();
				b = start();
			}
			b.getBean(SeatLedgerRepair.class).awaitRecount(Duration.ofSeconds(60));
			rush.set(false);
			for (Future<?> f : burst) {
				f.get();
			}
			watch.get();
			assertThat(lostSeats).as("moments the seat counter was below the registrations").isEmpty();
			long duringRush = store.countConfirmed(event);
			assertThat(duringRush).as("registrations during the rush").isGreaterThan(0).isLessThan(CAPACITY);
			assertThat(ledger.confirmed(event)).as("seat counter after the rush").isEqualTo(duringRush);

			// Fill the event well beyond its capacity: a counter that lost seats would
			// let
			// more people in than there are seats.
			List<Future<?>> fill = new ArrayList<>();
			int more = (int) (CAPACITY - duringRush) + 100;
			for (int i = 0; i < more; i++) {
				fill.add(threads.submit(() -> register(registrations, event, people.incrementAndGet())));
			}
			for (Future<?> f : fill) {
				f.get();
			}
			assertThat(store.countConfirmed(event)).as("confirmed after filling").isEqualTo(CAPACITY);
			assertThat(ledger.confirmed(event)).isEqualTo(CAPACITY);

			// And it still repairs what a crash leaves: a cancellation stored, then the
			// process died before it gave the seat back. The next start frees the seat
			// for the first person waiting.
			MongoTemplate store2 = a.getBean(MongoTemplate.class);
			Query confirmed = Query.query(Criteria.where("eventId").is(event).and("status").is("CONFIRMED"));
			Query waiting = Query.query(Criteria.where("eventId").is(event).and("status").is("WAITLISTED"));
			long waitingBefore = store2.count(waiting, Registration.COLLECTION);
			store2.updateFirst(confirmed, new Update().set("status", "CANCELLED"), Registration.COLLECTION);
			assertThat(ledger.confirmed(event)).isEqualTo(store.countConfirmed(event) + 1);
			threads.shutdown();
			b.close();
			b = start();
			b.getBean(SeatLedgerRepair.class).awaitRecount(Duration.ofSeconds(60));
			assertThat(store2.count(waiting, Registration.COLLECTION)).isEqualTo(waitingBefore - 1);
			assertThat(ledger.confirmed(event)).isEqualTo(store.countConfirmed(event)).isEqualTo(CAPACITY);
			b.close();
		}
	}

	private static Void register(Registrations registrations, String event, int n) {
		registrations.register(event, new ParticipantForm("Person " + n, "rush-" + n + "@example.org", null,
				ParticipantGroup.PUPIL, true, "teilnahme-2026-11"), "2001:db8::" + Integer.toHexString(n));
		return null;
	}

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(EventServiceApplication.class).run("--server.port=0",
				"--spring.mongodb.uri=" + mongo.connectionString() + "/event_service",
				"--spring.kafka.bootstrap-servers=" + kafka.getBrokersAsString(),
				"--industriedialog.security.jwt-secret=" + TestTokens.SECRET,
				"--industriedialog.registration.seat-repair.settle=2s",
				"--industriedialog.registration.seat-repair.rounds=2", "--industriedialog.mail.reminder.enabled=false",
				// a rush into one event on purpose
				"--industriedialog.registration.rate-limit.enabled=false");
	}

	private String openEvent(ConfigurableApplicationContext a) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("initiativeId", this.initiative);
		payload.put("version", 1);
		payload.put("occurredAt", Instant.now().toString());
		payload.put("name", "Initiative " + this.initiative);
		payload.put("level", "REGIONAL");
		payload.put("type", "NETWORK");
		payload.put("state", "DE-BW");
		KafkaTopics.send(kafka.getBrokersAsString(), "dialog.initiatives.v1", this.initiative,
				Map.of(CloudEventHeaders.SPEC_VERSION, "1.0", CloudEventHeaders.ID, UUID.randomUUID().toString(),
						CloudEventHeaders.TYPE, CloudEventHeaders.ceType("SteckbriefPublished"),
						CloudEventHeaders.SOURCE, "/initiative-registry", CloudEventHeaders.SUBJECT, this.initiative,
						CloudEventHeaders.TIME, Instant.now().toString()),
				this.json.writeValueAsString(payload));
		InitiativeReplication replication = a.getBean(InitiativeReplication.class);
		await().atMost(Duration.ofSeconds(60)).until(() -> replication.find(this.initiative).isPresent());
		ServiceClient http = new ServiceClient(
				() -> "http://localhost:" + a.getEnvironment().getProperty("local.server.port"), this.json);
		ZonedDateTime start = ZonedDateTime.now(BERLIN)
			.plusDays(30)
			.withHour(10)
			.withMinute(0)
			.withSecond(0)
			.withNano(0);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("initiativeId", this.initiative);
		body.put("title", "Dialogforum „Industrie im Wandel“");
		body.put("format", "DESIGN_THINKING_WORKSHOP");
		body.put("start", start.toInstant().toString());
		body.put("end", start.plusHours(4).toInstant().toString());
		body.put("city", "Ahaus");
		body.put("state", "DE-NW");
		body.put("capacity", CAPACITY);
		body.put("targetGroups", List.of("PUPIL"));
		body.put("campaignSupported", true);
		JsonNode created = http.body(http.post("/api/events", TestTokens.initiative(this.initiative), body));
		String id = created.get("id").asString();
		assertThat(http.post("/api/events/" + id + "/open", TestTokens.initiative(this.initiative)).statusCode())
			.isEqualTo(200);
		return id;
	}

}
