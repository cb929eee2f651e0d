package de.industriedialog.evaluation;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import de.industriedialog.contracts.CloudEventHeaders;
import de.industriedialog.contracts.EventContracts;
import de.industriedialog.contracts.Topics;
import de.industriedialog.evaluation.KpiIntegrationTests.EventStream;
import de.industriedialog.evaluation.KpiIntegrationTests.ServerSentEvent;
import de.industriedialog.platform.testing.KafkaTopics;
import de.industriedialog.platform.testing.ServiceClient;
import de.industriedialog.platform.testing.TestTokens;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
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
 * The Infobrief figures of the KPI overview fed through a real broker with what
 * newsletter-service publishes on {@code dialog.newsletter.v1} (checked against the
 * contract), including a redelivery and a late stale event; filtered, exported as CSV, a
 * malformed record parked, rebuilt from offset 0 to the same figures and followed live.
 * The tests build on each other, in order. Subclasses choose the infrastructure.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "industriedialog.security.jwt-secret=" + TestTokens.SECRET)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class NewsletterKpiIntegrationTests {

	static final String NEWSLETTER = Topics.NEWSLETTER_V1;

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

	abstract String bootstrapServers();

	@Test
	@Order(1)
	void shouldCountSubscribersAndInfobriefeOnceAtTheirLatestVersionWhateverIsRedeliveredOrStale() {
		String s1 = send("SubscriberConfirmed",
				confirmed("s1", List.of("COMPANY", "ASSOCIATION"), List.of("DE-NW"), "2017-11-20T10:15:00+01:00", 2));
		// Redelivered with the same ce_id.
		resend(s1, "SubscriberConfirmed",
				confirmed("s1", List.of("COMPANY", "ASSOCIATION"), List.of("DE-NW"), "2017-11-20T10:15:00+01:00", 2));
		send("SubscriberConfirmed", confirmed("s2", List.of("PUBLIC"), List.of(), "2017-12-10T10:00:00+01:00", 2));
		send("SubscriberPreferencesChanged", preferences("s2", List.of("PUBLIC", "UNION"), List.of("DE-BY"), 3));
		send("SubscriberConfirmed", confirmed("s3", List.of("INITIATIVE_REPRESENTATIVE"), List.of("DE-BY"),
				"2017-11-01T09:00:00+01:00", 2));
		send("SubscriberUnsubscribed", unsubscribed("s3", "UNSUBSCRIBED", "ONE_CLICK", "2018-01-10T18:30:00+01:00", 3));
		// The confirmation again, late and under a new id: s3 stays unsubscribed.
		send("SubscriberConfirmed", confirmed("s3", List.of("INITIATIVE_REPRESENTATIVE"), List.of("DE-BY"),
				"2017-11-01T09:00:00+01:00", 2));
		// A later change on the same key (same partition): once it is applied, the stale
		// event before it has been consumed too.
		send("SubscriberPreferencesChanged",
				preferences("s3", List.of("INITIATIVE_REPRESENTATIVE"), List.of("DE-BY"), 4));
		send("SubscriberConfirmed", confirmed("s4", List.of("COMPANY"), List.of(), "2017-11-02T08:00:00+01:00", 2));
		send("SubscriberUnsubscribed", unsubscribed("s4", "BOUNCED", "BOUNCE", "2018-02-06T08:00:00+01:00", 3));
		send("SubscriberConfirmed", confirmed("s5", List.of("ALLIANCE_PARTNER"), List.of("DE-NW", "DE-BY"),
				"2018-03-01T12:00:00+01:00", 2));
		send("InfobriefSent", infobrief("i1", "Infobrief Dezember 2017", "2017-12-05T09:00:00+01:00", 3, 3, 0));
		send("InfobriefSent", infobrief("i2", "Infobrief Februar 2018", "2018-02-05T09:00:00+01:00", 4, 3, 1));

		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			Document s3 = this.mongo.getCollection("kpi_subscribers").find(new Document("_id", "s3")).first();
			assertThat(s3).isNotNull();
			assertThat(((Number) s3.get("version")).longValue()).isEqualTo(4);
			JsonNode newsletter = get("/api/kpi/overview").get("newsletter");
			assertThat(newsletter.get("activeSubscribers").asLong()).isEqualTo(3);
			assertThat(newsletter.get("bounced").asLong()).isEqualTo(1);
			assertThat(newsletter.get("infobriefeSent").asLong()).isEqualTo(2);
			assertThat(newsletter.at("/subscribersByAudience/UNION").asLong()).isEqualTo(1);
		});

		JsonNode newsletter = get("/api/kpi/overview").get("newsletter");
		assertThat(newsletter.get("available").asBoolean()).isTrue();
		assertThat(newsletter.get("subscribersByAudience")).isEqualTo(this.json.readTree(
				"{\"INITIATIVE_REPRESENTATIVE\":0,\"ALLIANCE_PARTNER\":1,\"COMPANY\":1,\"ASSOCIATION\":1,\"UNION\":1,\"PUBLIC\":1}"));
		JsonNode byState = newsletter.get("subscribersByState");
		assertThat(byState.size()).isEqualTo(17);
		assertThat(byState.get("DE-NW").asLong()).isEqualTo(2);
		assertThat(byState.get("DE-BY").asLong()).isEqualTo(2);
		assertThat(byState.get("BUNDESWEIT").asLong()).isZero();
		assertThat(byState.get("DE-HH").asLong()).isZero();
		assertThat(newsletter.get("unsubscribed").asLong()).isEqualTo(1);
		assertThat(newsletter.get("mailsDelivered").asLong()).isEqualTo(6);
		assertThat(newsletter.get("mailsFailed").asLong()).isEqualTo(1);
		assertThat(newsletter.get("lastInfobrief")).isEqualTo(this.json.readTree(
				"{\"subject\":\"Infobrief Februar 2018\",\"sentAt\":\"2018-02-05T09:00:00+01:00\",\"recipients\":4,\"delivered\":3}"));
		assertThat(newsletter.get("filtersNotApplied")).isEmpty();
		assertThat(this.mongo.getCollection("kpi_subscribers").countDocuments()).isEqualTo(5);
		assertThat(this.mongo.getCollection("kpi_infobriefe").countDocuments()).isEqualTo(2);
		Document s1Fact = this.mongo.getCollection("kpi_subscribers").find(new Document("_id", "s1")).first();
		assertThat(s1Fact.getList("appliedEventIds", String.class)).containsExactly(s1);
	}

	@Test
	@Order(2)
	void shouldNarrowSubscribersByStateAndPeriodLeaveFormatAndTypeUnappliedAndExportTheFigures() {
		JsonNode bavaria = get("/api/kpi/overview?state=DE-BY").get("newsletter");
		// s2 and s5 want Bavaria; s4 (bounced) wanted all of Germany, Bavaria included.
		assertThat(bavaria.get("activeSubscribers").asLong()).isEqualTo(2);
		assertThat(bavaria.get("unsubscribed").asLong()).isEqualTo(1);
		assertThat(bavaria.get("bounced").asLong()).isEqualTo(1);
		assertThat(bavaria.at("/subscribersByState/DE-NW").asLong()).isEqualTo(1);
		assertThat(bavaria.at("/subscribersByAudience/COMPANY").asLong()).isZero();
		// Issues are not narrowed by Bundesland.
		assertThat(bavaria.get("infobriefeSent").asLong()).isEqualTo(2);
		assertThat(get("/api/kpi/overview?state=DE-HH").at("/newsletter/activeSubscribers").asLong()).isZero();

		JsonNode until2017 = get("/api/kpi/overview?to=2017-12-31").get("newsletter");
		assertThat(until2017.get("activeSubscribers").asLong()).isEqualTo(2);
		assertThat(until2017.get("unsubscribed").asLong()).isZero();
		assertThat(until2017.get("infobriefeSent").asLong()).isEqualTo(1);
		assertThat(until2017.get("mailsDelivered").asLong()).isEqualTo(3);
		assertThat(until2017.at("/lastInfobrief/subject").asString()).isEqualTo("Infobrief Dezember 2017");
		JsonNode from2018 = get("/api/kpi/overview?from=2018-01-01").get("newsletter");
		assertThat(from2018.get("unsubscribed").asLong()).isEqualTo(1);
		assertThat(from2018.get("bounced").asLong()).isEqualTo(1);
		assertThat(from2018.get("infobriefeSent").asLong()).isEqualTo(1);

		JsonNode unfiltered = get("/api/kpi/overview").get("newsletter");
		JsonNode byFormat = get("/api/kpi/overview?format=TAGUNG&initiativeType=MIXED").get("newsletter");
		assertThat(byFormat.get("filtersNotApplied").toString()).isEqualTo("[\"format\",\"initiativeType\"]");
		((ObjectNode) byFormat).remove("filtersNotApplied");
		((ObjectNode) unfiltered).remove("filtersNotApplied");
		assertThat(byFormat).isEqualTo(unfiltered);

		HttpResponse<String> csv = this.http.get("/api/kpi/export/overview.csv", this.staff);
		assertThat(csv.statusCode()).isEqualTo(200);
		assertThat(csv.body())
			.contains("\r\nInfobrief: aktive Abonnent:innen;3\r\n",
					"\r\nInfobrief-Abonnent:innen: Vertreter:innen von Initiativen;0\r\n",
					"\r\nInfobrief-Abonnent:innen: Interessierte Öffentlichkeit;1\r\n",
					"\r\nInfobrief-Abonnent:innen mit Interesse an: Bayern;2\r\n",
					"\r\nInfobrief-Abonnent:innen mit Interesse an: ganz Deutschland (bundesweit);0\r\n",
					"\r\nInfobrief: Abmeldungen;1\r\n", "\r\nInfobrief: wegen Unzustellbarkeit ausgetragen;1\r\n",
					"\r\nVersendete Infobriefe;2\r\n", "\r\nInfobrief: zugestellte Mails;6\r\n",
					"\r\nInfobrief: nicht zustellbare Mails;1\r\n",
					"\r\nLetzter Infobrief: Betreff;Infobrief Februar 2018\r\n",
					"\r\nLetzter Infobrief: versendet am;05.02.2018 09:00\r\n")
			.doesNotContain("Hinweis Infobrief");
		assertThat(this.http.get("/api/kpi/export/overview.csv?format=TAGUNG", this.staff).body()).contains(
				"\r\nHinweis Infobrief;Die Filter Format und Typ der Initiative gelten nicht für die Infobrief-Zahlen.\r\n");
	}

	@Test
	@Order(3)
	void shouldParkAnUnreadableNewsletterRecordInTheKpiGroupsDeadLetterTopic() {
		Map<String, String> headers = headers(UUID.randomUUID().toString(), "SubscriberConfirmed", "broken");
		KafkaTopics.send(bootstrapServers(), NEWSLETTER, "broken", headers, "{not json");
		this.published++;
		List<ConsumerRecord<String, String>> parked = KafkaTopics.readAll(bootstrapServers(),
				"dialog.newsletter.v1.evaluation-service-kpi.dlt", 1, Duration.ofSeconds(30), Duration.ofMillis(200));
		assertThat(parked).singleElement()
			.satisfies(
					(record) -> assertThat(KafkaTopics.header(record, "x-exception-message")).contains("unreadable"));
		assertThat(get("/api/kpi/overview").at("/newsletter/activeSubscribers").asLong()).isEqualTo(3);
	}

	@Test
	@Order(4)
	void shouldRebuildFromOffsetZeroToTheSameNewsletterFigures() {
		Map<String, JsonNode> before = views();

		HttpResponse<String> started = this.http.post("/api/kpi/rebuild", this.staff);
		assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(get("/api/kpi/rebuild").get("state").asString()).isEqualTo("DONE"));

		assertThat(get("/api/kpi/rebuild").get("records").asLong()).isEqualTo(this.published);
		Map<String, JsonNode> after = views();
		before.forEach((path, json) -> assertThat(after.get(path)).as(path).isEqualTo(json));
		assertThat(after.get("/api/kpi/overview").get("activeSubscribers").asLong()).isEqualTo(3);
		assertThat(this.mongo.getCollection("kpi_subscribers").countDocuments()).isEqualTo(5);
		assertThat(this.mongo.getCollection("kpi_infobriefe").countDocuments()).isEqualTo(2);
	}

	@Test
	@Order(5)
	void shouldStreamTheChangeOfANewSubscriber() throws Exception {
		try (EventStream stream = EventStream.open(this.http, this.staff, null)) {
			ServerSentEvent snapshot = stream.next();
			assertThat(snapshot.name()).isEqualTo("snapshot");
			JsonNode figures = this.json.readTree(snapshot.data());
			assertThat(figures.at("/newsletter/activeSubscribers").asLong()).isEqualTo(3);

			send("SubscriberConfirmed",
					confirmed("s6", List.of("UNION"), List.of("DE-HH"), "2018-03-05T12:00:00+01:00", 2));
			JsonNode change = null;
			while (change == null || change.at("/overview/newsletter/activeSubscribers").asLong() != 4) {
				ServerSentEvent next = stream.next();
				assertThat(next.name()).isEqualTo("change");
				change = this.json.readTree(next.data());
			}
			assertThat(change.at("/overview/newsletter/subscribersByAudience/UNION").asLong()).isEqualTo(2);
			assertThat(change.at("/overview/newsletter/subscribersByState/DE-HH").asLong()).isEqualTo(1);
			assertThat(change.get("sources").asInt()).isPositive();
			assertThat(change.get("sequence").asLong()).isGreaterThan(figures.get("sequence").asLong());
		}
	}

	/** The newsletter part of the overview under several filters. */
	private Map<String, JsonNode> views() {
		Map<String, JsonNode> views = new LinkedHashMap<>();
		for (String path : List.of("/api/kpi/overview", "/api/kpi/overview?state=DE-BY",
				"/api/kpi/overview?to=2017-12-31", "/api/kpi/overview?from=2018-01-01")) {
			views.put(path, get(path).get("newsletter"));
		}
		return views;
	}

	private JsonNode get(String path) {
		return this.http.body(this.http.get(path, this.staff));
	}

	private String confirmed(String id, List<String> audiences, List<String> states, String confirmedAt, long version) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("subscriberId", id);
		payload.put("audiences", audiences);
		payload.put("states", states);
		payload.put("source", "website");
		payload.put("consentTextVersion", "infobrief-2026-11");
		payload.put("confirmedAt", confirmedAt);
		payload.put("version", version);
		payload.put("occurredAt", confirmedAt);
		return this.json.writeValueAsString(payload);
	}

	private String preferences(String id, List<String> audiences, List<String> states, long version) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("subscriberId", id);
		payload.put("audiences", audiences);
		payload.put("states", states);
		payload.put("version", version);
		payload.put("occurredAt", Instant.now().toString());
		return this.json.writeValueAsString(payload);
	}

	private String unsubscribed(String id, String reason, String channel, String at, long version) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("subscriberId", id);
		payload.put("reason", reason);
		payload.put("channel", channel);
		payload.put("unsubscribedAt", at);
		payload.put("version", version);
		payload.put("occurredAt", at);
		return this.json.writeValueAsString(payload);
	}

	private String infobrief(String id, String subject, String startedAt, long recipients, long delivered,
			long failed) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("issueId", id);
		payload.put("subject", subject);
		payload.put("segment", Map.of("audiences", List.of(), "states", List.of()));
		payload.put("startedAt", startedAt);
		payload.put("finishedAt", startedAt);
		payload.put("recipients", recipients);
		payload.put("delivered", delivered);
		payload.put("failed", failed);
		payload.put("version", 3);
		payload.put("occurredAt", startedAt);
		return this.json.writeValueAsString(payload);
	}

	private String send(String eventType, String payload) {
		String id = UUID.randomUUID().toString();
		resend(id, eventType, payload);
		return id;
	}

	private void resend(String id, String eventType, String payload) {
		// What this test feeds the consumer must be what newsletter-service may publish.
		assertThat(this.contracts.violations(eventType, payload)).as(payload).isEmpty();
		JsonNode data = this.json.readTree(payload);
		String key = data.has("issueId") ? data.get("issueId").asString() : data.get("subscriberId").asString();
		KafkaTopics.send(bootstrapServers(), NEWSLETTER, key, headers(id, eventType, key), payload);
		this.published++;
	}

	private static Map<String, String> headers(String id, String eventType, String subject) {
		return Map.of(CloudEventHeaders.SPEC_VERSION, "1.0", CloudEventHeaders.ID, id, CloudEventHeaders.TYPE,
				CloudEventHeaders.ceType(eventType), CloudEventHeaders.SOURCE, "/newsletter-service",
				CloudEventHeaders.SUBJECT, subject, CloudEventHeaders.TIME, Instant.now().toString(),
				CloudEventHeaders.CONTENT_TYPE, "application/json");
	}

}
