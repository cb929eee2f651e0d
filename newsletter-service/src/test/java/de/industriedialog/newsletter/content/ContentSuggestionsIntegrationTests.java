package de.industriedialog.newsletter.content;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.net.http.HttpResponse;

import de.industriedialog.contracts.CloudEventHeaders;
import de.industriedialog.contracts.EventContracts;
import de.industriedialog.newsletter.NewsletterServiceApplication;
import de.industriedialog.platform.testing.KafkaTopics;
import de.industriedialog.platform.testing.ServiceClient;
import de.industriedialog.platform.testing.TestTokens;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The content suggestions fed through a real broker with what the producers publish
 * (checked against the contract), including redeliveries, late stale events, a withdrawn
 * Steckbrief, a cancelled event, an undone check-in and a duplicate response; read over
 * HTTP as staff at a pinned "now" (2017-11-20). Subclasses choose the infrastructure.
 */
@SpringBootTest(classes = NewsletterServiceApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "industriedialog.security.jwt-secret=" + TestTokens.SECRET,
				"industriedialog.public-url=https://industriedialog.example/" })
@Import(ContentSuggestionsIntegrationTests.FixedClock.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ContentSuggestionsIntegrationTests {

	static final Instant NOW = Instant.parse("2017-11-20T09:00:00Z");

	static final String INITIATIVES = "dialog.initiatives.v1";

	static final String EVENTS = "dialog.events.v1";

	static final String REGISTRATIONS = "dialog.registrations.v1";

	static final String FEEDBACK = "dialog.feedback.v1";

	static final String LINKS = "https://industriedialog.example";

	private final JsonMapper json = JsonMapper.builder().build();

	private final ServiceClient http = new ServiceClient(
			() -> "http://localhost:" + this.environment.getProperty("local.server.port"), this.json);

	private final EventContracts contracts = EventContracts.fromClasspath();

	@Autowired
	Environment environment;

	abstract String bootstrapServers();

	@Test
	@Order(1)
	void shouldSuggestNewSteckbriefeAndUpcomingAndHeldEventsWhateverIsRedeliveredOrStale() {
		// Steckbriefe
		String koblenz = send(INITIATIVES, "SteckbriefPublished", steckbrief("ini-koblenz",
				"Industriedialog Rhein-Mosel", "DE-RP", "Koblenz", 1, "2017-10-01T08:00:00Z"));
		resend(INITIATIVES, koblenz, "SteckbriefPublished", steckbrief("ini-koblenz", "Industriedialog Rhein-Mosel",
				"DE-RP", "Koblenz", 1, "2017-10-01T08:00:00Z"));
		send(INITIATIVES, "SteckbriefWithdrawn", withdrawn("ini-koblenz", 2, "2017-10-20T08:00:00Z"));
		// Published again: still new since its first publication, not since today.
		send(INITIATIVES, "SteckbriefPublished", steckbrief("ini-koblenz", "Industriedialog Rhein-Mosel", "DE-RP",
				"Koblenz", 3, "2017-11-18T08:00:00Z"));
		send(INITIATIVES, "SteckbriefPublished", steckbrief("ini-mannheim", "Zukunft Industrie Rhein-Neckar", "DE-BW",
				"Mannheim", 1, "2017-11-10T10:00:00Z"));
		send(INITIATIVES, "SteckbriefUpdated", steckbrief("ini-mannheim", "Industrieforum Rhein-Neckar", "DE-BW",
				"Mannheim", 2, "2017-11-12T10:00:00Z"));
		// The first snapshot again, late and under a new id: the name stays.
		send(INITIATIVES, "SteckbriefUpdated", steckbrief("ini-mannheim", "Zukunft Industrie Rhein-Neckar", "DE-BW",
				"Mannheim", 1, "2017-11-10T10:00:00Z"));
		send(INITIATIVES, "SteckbriefPublished",
				steckbrief("ini-nord", "Industrienetzwerk Nord", null, null, 1, "2017-11-15T08:00:00Z"));
		send(INITIATIVES, "SteckbriefPublished",
				steckbrief("ini-ruhr", "Initiativkreis Ruhr", "DE-NW", "Essen", 1, "2017-11-01T08:00:00Z"));
		send(INITIATIVES, "SteckbriefWithdrawn", withdrawn("ini-ruhr", 2, "2017-11-05T08:00:00Z"));
		send(INITIATIVES, "SteckbriefPublished",
				steckbrief("ini-alt", "Bündnis für Industrie", "DE-HE", "Kassel", 1, "2017-08-01T08:00:00Z"));
		// Imported from the 2017 registry yesterday: public for years, not new.
		send(INITIATIVES, "SteckbriefPublished", imported(
				steckbrief("ini-import", "Industrieallianz Saar", "DE-SL", "Saarbrücken", 1, "2017-11-19T08:00:00Z")));

		// Dialogue events
		send(EVENTS, "DialogueEventScheduled", event("e-mannheim", "ini-mannheim", "Zukunft gestalten",
				"ZUKUNFTSWERKSTATT", "2017-11-14T10:00:00+01:00", 6, "Mannheim", "DE-BW", "PLANNED", 1));
		send(EVENTS, "DialogueEventHeld", event("e-mannheim", "ini-mannheim", "Zukunft gestalten", "ZUKUNFTSWERKSTATT",
				"2017-11-14T10:00:00+01:00", 6, "Mannheim", "DE-BW", "HELD", 4));
		// An older snapshot arriving late under a new id must not roll the event back.
		send(EVENTS, "DialogueEventUpdated", event("e-mannheim", "ini-mannheim", "Zukunft gestalten",
				"ZUKUNFTSWERKSTATT", "2017-11-14T10:00:00+01:00", 6, "Mannheim", "DE-BW", "OPEN", 3));
		send(EVENTS, "DialogueEventHeld", event("e-koblenz", "ini-koblenz", "Industrie im Gespräch", "WELT_CAFE",
				"2017-10-05T17:00:00+02:00", 3, "Koblenz", "DE-RP", "HELD", 2));
		send(EVENTS, "DialogueEventHeld", event("e-sommer", "ini-koblenz", "Sommerforum", "TAGUNG",
				"2017-07-01T10:00:00+02:00", 6, "Koblenz", "DE-RP", "HELD", 2));
		send(EVENTS, "DialogueEventUpdated", event("e-stuttgart", "ini-mannheim", "Branchenforum Metall und Elektro",
				"BRANCHENFORUM", "2017-12-01T18:00:00+01:00", 3, "Stuttgart", "DE-BW", "OPEN", 2));
		send(EVENTS, "DialogueEventScheduled", event("e-berlin", "ini-unbekannt", "Industrie 4.0 in der Hauptstadt",
				"TAGUNG", "2017-11-24T09:00:00+01:00", 8, "Berlin", "DE-BE", "PLANNED", 1));
		send(EVENTS, "DialogueEventScheduled", event("e-abgesagt", "ini-mannheim", "Werkstattgespräch Logistik",
				"WERKSTATTGESPRAECH", "2017-11-28T10:00:00+01:00", 2, "Heidelberg", "DE-BW", "PLANNED", 1));
		send(EVENTS, "DialogueEventCancelled", event("e-abgesagt", "ini-mannheim", "Werkstattgespräch Logistik",
				"WERKSTATTGESPRAECH", "2017-11-28T10:00:00+01:00", 2, "Heidelberg", "DE-BW", "CANCELLED", 2));
		send(EVENTS, "DialogueEventScheduled", event("e-fern", "ini-mannheim", "Lange Nacht",
				"LANGE_NACHT_DER_INDUSTRIE", "2018-03-01T18:00:00+01:00", 4, "Mannheim", "DE-BW", "PLANNED", 1));

		// Attendance of e-mannheim: r1 and r3 count, r2's check-in was undone.
		send(REGISTRATIONS, "RegistrationConfirmed", registration("r1", "e-mannheim", 1));
		String checkIn = send(REGISTRATIONS, "ParticipantCheckedIn", checkIn("r1", "e-mannheim", 2));
		resend(REGISTRATIONS, checkIn, "ParticipantCheckedIn", checkIn("r1", "e-mannheim", 2));
		resend(REGISTRATIONS, checkIn, "ParticipantCheckedIn", checkIn("r1", "e-mannheim", 2));
		send(REGISTRATIONS, "RegistrationConfirmed", registration("r2", "e-mannheim", 1));
		send(REGISTRATIONS, "ParticipantCheckedIn", checkIn("r2", "e-mannheim", 2));
		send(REGISTRATIONS, "ParticipantCheckInUndone", undo("r2", "e-mannheim", 3));
		// The check-in again, late and under a new id: r2 stays not attended.
		send(REGISTRATIONS, "ParticipantCheckedIn", checkIn("r2", "e-mannheim", 2));
		send(REGISTRATIONS, "ParticipantCheckedIn", checkIn("r3", "e-mannheim", 2));

		// Feedback of e-mannheim: six answers to Q1 (5 of them top two), one without.
		List<String> q1 = List.of("FULLY", "FULLY", "MOSTLY", "MOSTLY", "MOSTLY", "PARTLY");
		for (int i = 0; i < q1.size(); i++) {
			String id = send(FEEDBACK, "FeedbackSubmitted", feedback("m-" + i, "e-mannheim", q1.get(i)));
			if (i == 0) {
				// Redelivered with the same ce_id, and once more under a new id.
				resend(FEEDBACK, id, "FeedbackSubmitted", feedback("m-0", "e-mannheim", "FULLY"));
				send(FEEDBACK, "FeedbackSubmitted", feedback("m-0", "e-mannheim", "NOT_AT_ALL"));
			}
		}
		send(FEEDBACK, "FeedbackSubmitted", feedback("m-ohne-q1", "e-mannheim", null));
		// Four answers for e-koblenz: one too few for a share.
		for (int i = 0; i < 4; i++) {
			send(FEEDBACK, "FeedbackSubmitted", feedback("k-" + i, "e-koblenz", "FULLY"));
		}

		awaitEverythingConsumed();

		JsonNode suggestions = suggestions();
		assertThat(lines(suggestions)).containsExactly(
				"NEW_STECKBRIEF | ini-nord | 2017-11-15 | Neu dabei: Industrienetzwerk Nord | "
						+ "Die Initiative „Industrienetzwerk Nord“ stellt sich mit ihrem Steckbrief vor. | " + LINKS
						+ "/initiative.html?id=ini-nord",
				"NEW_STECKBRIEF | ini-mannheim | 2017-11-10 | Neu dabei: Industrieforum Rhein-Neckar | "
						+ "Die Initiative „Industrieforum Rhein-Neckar“ aus Mannheim (Baden-Württemberg) stellt sich "
						+ "mit ihrem Steckbrief vor. | " + LINKS + "/initiative.html?id=ini-mannheim",
				"NEW_STECKBRIEF | ini-koblenz | 2017-10-01 | Neu dabei: Industriedialog Rhein-Mosel | "
						+ "Die Initiative „Industriedialog Rhein-Mosel“ aus Koblenz (Rheinland-Pfalz) stellt sich "
						+ "mit ihrem Steckbrief vor. | " + LINKS + "/initiative.html?id=ini-koblenz",
				"UPCOMING_EVENT | e-berlin | 2017-11-24 | Tagung in Berlin am 24. November 2017 | "
						+ "Industrie 4.0 in der Hauptstadt: am 24. November 2017 von 09:00 bis 17:00 Uhr in Berlin. | "
						+ LINKS + "/veranstaltung.html?id=e-berlin",
				"UPCOMING_EVENT | e-stuttgart | 2017-12-01 | Branchenforum in Stuttgart am 1. Dezember 2017 | "
						+ "Branchenforum Metall und Elektro: am 1. Dezember 2017 von 18:00 bis 21:00 Uhr in Stuttgart "
						+ "(Baden-Württemberg). Es lädt ein: Industrieforum Rhein-Neckar. Die Anmeldung ist offen. | "
						+ LINKS + "/veranstaltung.html?id=e-stuttgart",
				"HELD_EVENT | e-mannheim | 2017-11-14 | Zukunftswerkstatt in Mannheim am 14. November 2017 | "
						+ "2 Teilnehmende, 83,3 % sahen ihre Erwartungen erfüllt (7 Rückmeldungen). | " + LINKS
						+ "/veranstaltung.html?id=e-mannheim",
				"HELD_EVENT | e-koblenz | 2017-10-05 | Welt-Café in Koblenz am 5. Oktober 2017 | "
						+ "Zu wenige Rückmeldungen für eine Auswertung (4 Rückmeldungen). | " + LINKS
						+ "/veranstaltung.html?id=e-koblenz");

		// The same figures as the KPI dashboard: 5 of 6 answers top two = 83.3.
		assertThat(suggestions.at("/5/figures"))
			.isEqualTo(this.json.readTree("{\"attended\":2,\"responses\":7,\"expectationsMetPercent\":83.3}"));
		JsonNode suppressed = suggestions.at("/6/figures");
		assertThat(suppressed.get("attended").asLong()).isZero();
		assertThat(suppressed.get("responses").asLong()).isEqualTo(4);
		assertThat(suppressed.has("expectationsMetPercent")).isTrue();
		assertThat(suppressed.get("expectationsMetPercent").isNull()).isTrue();
		assertThat(suggestions.get(0).has("figures")).isFalse();
		assertThat(suggestions.get(3).has("figures")).isFalse();
	}

	@Test
	@Order(2)
	void shouldShowTheSuggestionsToStaffOnly() {
		HttpResponse<String> anonymous = this.http.get("/api/infobriefe/suggestions");
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(this.http.problem(anonymous).get("detail").asString()).startsWith("Bitte melden Sie sich an");
		assertThat(this.http.get("/api/infobriefe/suggestions", TestTokens.forged()).statusCode()).isEqualTo(401);

		HttpResponse<String> initiative = this.http.get("/api/infobriefe/suggestions",
				TestTokens.initiative("ini-mannheim"));
		assertThat(initiative.statusCode()).isEqualTo(403);
		assertThat(this.http.problem(initiative).get("detail").asString())
			.isEqualTo("Das dürfen nur Mitarbeitende der Geschäftsstelle.");
	}

	@Test
	@Order(3)
	void shouldParkAnUnreadableRecordInTheDeadLetterTopicAndGoOn() {
		KafkaTopics.send(bootstrapServers(), FEEDBACK, "kaputt",
				headers(UUID.randomUUID().toString(), "FeedbackSubmitted", "kaputt", FEEDBACK), "{not json");
		send(FEEDBACK, "FeedbackSubmitted", feedback("k-4", "e-koblenz", "PARTLY"));

		List<ConsumerRecord<String, String>> parked = KafkaTopics.readAll(bootstrapServers(),
				FEEDBACK + ".newsletter-service.dlt", 1, Duration.ofSeconds(30), Duration.ofMillis(200));
		assertThat(parked).singleElement().satisfies((record) -> {
			assertThat(record.value()).isEqualTo("{not json");
			assertThat(KafkaTopics.header(record, "x-exception-message")).contains("unreadable");
		});

		// The response after the broken record is counted: now five answers, 4 of 5 top
		// two.
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(suggestions().at("/6/figures/expectationsMetPercent").decimalValue())
				.isEqualByComparingTo("80.0"));
		assertThat(suggestions().at("/6/text").asString())
			.isEqualTo("80 % sahen ihre Erwartungen erfüllt (5 Rückmeldungen).");
	}

	private JsonNode suggestions() {
		return this.http.body(this.http.get("/api/infobriefe/suggestions", TestTokens.staff()));
	}

	private static List<String> lines(JsonNode suggestions) {
		List<String> lines = new ArrayList<>();
		suggestions.forEach((s) -> lines
			.add(String.join(" | ", s.get("kind").asString(), s.get("sourceId").asString(), s.get("date").asString(),
					s.get("heading").asString(), s.get("text").asString(), s.get("link").asString())));
		return lines;
	}

	/**
	 * Waits until the service's consumer group has committed every record on the four
	 * topics, so that late stale events have had their chance to do harm.
	 */
	private void awaitEverythingConsumed() {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
			await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
				Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
				admin.describeTopics(List.of(INITIATIVES, EVENTS, REGISTRATIONS, FEEDBACK))
					.allTopicNames()
					.get()
					.forEach((topic, description) -> description.partitions()
						.forEach((p) -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
				Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("newsletter-service")
					.partitionsToOffsetAndMetadata()
					.get();
				admin.listOffsets(latest).all().get().forEach((partition, end) -> {
					if (end.offset() > 0) {
						OffsetAndMetadata done = committed.get(partition);
						assertThat((done != null) ? done.offset() : 0L).as(partition.toString())
							.isGreaterThanOrEqualTo(end.offset());
					}
				});
			});
		}
	}

	private String steckbrief(String id, String name, String state, String city, long version, String occurredAt) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("initiativeId", id);
		payload.put("name", name);
		payload.put("level", "REGIONAL");
		payload.put("type", "NETWORK");
		payload.put("state", state);
		payload.put("city", city);
		payload.put("actorGroups", List.of());
		payload.put("goalCategories", List.of());
		payload.put("version", version);
		payload.put("occurredAt", occurredAt);
		return this.json.writeValueAsString(payload);
	}

	private String imported(String steckbrief) {
		Map<String, Object> payload = this.json.readValue(steckbrief, LinkedHashMap.class);
		payload.put("importedFrom", "registry-2017");
		return this.json.writeValueAsString(payload);
	}

	private String withdrawn(String id, long version, String occurredAt) {
		return this.json.writeValueAsString(Map.of("initiativeId", id, "version", version, "occurredAt", occurredAt));
	}

	private String event(String id, String initiativeId, String title, String format, String start, int hours,
			String city, String state, String status, long version) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("eventId", id);
		payload.put("initiativeId", initiativeId);
		payload.put("title", title);
		payload.put("format", format);
		payload.put("start", start);
		payload.put("end", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.parse(start).plusHours(hours)));
		payload.put("timeZone", "Europe/Berlin");
		payload.put("city", city);
		payload.put("state", state);
		payload.put("capacity", 60);
		payload.put("targetGroups", List.of("PROFESSIONAL"));
		payload.put("campaignSupported", true);
		payload.put("status", status);
		payload.put("version", version);
		payload.put("occurredAt", NOW.minus(Duration.ofDays(30)).plusSeconds(version).toString());
		return this.json.writeValueAsString(payload);
	}

	private String registration(String id, String eventId, long version) {
		Map<String, Object> payload = registrationBase(id, eventId, version);
		payload.put("registeredAt", NOW.minus(Duration.ofDays(10)).toString());
		return this.json.writeValueAsString(payload);
	}

	private String checkIn(String id, String eventId, long version) {
		Map<String, Object> payload = registrationBase(id, eventId, version);
		payload.put("checkedInAt", "2017-11-14T09:45:00+01:00");
		payload.put("method", "QR_CODE");
		payload.put("feedbackTokenHash", tokenHash(id));
		return this.json.writeValueAsString(payload);
	}

	private String undo(String id, String eventId, long version) {
		Map<String, Object> payload = registrationBase(id, eventId, version);
		payload.put("feedbackTokenHash", tokenHash(id));
		return this.json.writeValueAsString(payload);
	}

	private static Map<String, Object> registrationBase(String id, String eventId, long version) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("registrationId", id);
		payload.put("eventId", eventId);
		payload.put("initiativeId", "ini-mannheim");
		payload.put("participantGroup", "PROFESSIONAL");
		payload.put("status", "CONFIRMED");
		payload.put("version", version);
		payload.put("occurredAt", "2017-11-14T09:45:00+01:00");
		return payload;
	}

	private String feedback(String responseId, String eventId, String q1) {
		Map<String, String> answers = new LinkedHashMap<>();
		answers.put("Q1", q1);
		answers.put("Q2", "GOOD");
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("responseId", responseId);
		payload.put("eventId", eventId);
		payload.put("initiativeId", "ini-mannheim");
		payload.put("questionnaireId", "standard");
		payload.put("questionnaireVersion", 1);
		payload.put("participantGroup", "PROFESSIONAL");
		payload.put("answers", answers);
		payload.put("channel", "PERSONAL_LINK");
		payload.put("submittedAt", "2017-11-15T18:02:00+01:00");
		payload.put("version", 1);
		payload.put("occurredAt", "2017-11-15T18:02:00+01:00");
		return this.json.writeValueAsString(payload);
	}

	private static String tokenHash(String registrationId) {
		try {
			return HexFormat.of()
				.formatHex(
						MessageDigest.getInstance("SHA-256").digest(registrationId.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
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
		KafkaTopics.send(bootstrapServers(), topic, key, headers(id, eventType, key, topic), payload);
	}

	private static Map<String, String> headers(String id, String eventType, String subject, String topic) {
		String source = switch (topic) {
			case INITIATIVES -> "/initiative-registry";
			case FEEDBACK -> "/evaluation-service";
			default -> "/event-service";
		};
		return Map.of(CloudEventHeaders.SPEC_VERSION, "1.0", CloudEventHeaders.ID, id, CloudEventHeaders.TYPE,
				CloudEventHeaders.ceType(eventType), CloudEventHeaders.SOURCE, source, CloudEventHeaders.SUBJECT,
				subject, CloudEventHeaders.TIME, NOW.toString(), CloudEventHeaders.CONTENT_TYPE, "application/json");
	}

	/** "Now" is 20 November 2017, 10:00 in Berlin. */
	@TestConfiguration(proxyBeanMethods = false)
	static class FixedClock {

		@Bean
		@Primary
		Clock fixedClock() {
			return Clock.fixed(NOW, ZoneOffset.UTC);
		}

	}

}
