package de.industriedialog.registry;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import de.industriedialog.contracts.CloudEventHeaders;
import de.industriedialog.contracts.EventContracts;
import de.industriedialog.platform.testing.KafkaTopics;
import de.industriedialog.platform.testing.TestTokens;
import de.industriedialog.registry.assessment.Criterion;
import de.industriedialog.registry.steckbrief.InitiativeType;
import de.industriedialog.registry.steckbrief.Level;
import de.industriedialog.registry.steckbrief.SteckbriefData;
import de.industriedialog.registry.steckbrief.SteckbriefStatus;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The HTTP API of the registry with real signed tokens: who may do what, the workflow and
 * its events on the wire, bad input, the list, the map and the self-assessment. Runs
 * after the import tests of {@link RegistryIntegrationTests} in the same context (one
 * Spring context per infrastructure variant).
 */
abstract class RegistryApiIntegrationTests extends RegistryIntegrationTests {

	private static final String OTHER_INITIATIVE = "some-other-initiative";

	private final HttpClient client = HttpClient.newHttpClient();

	private final JsonMapper mapper = JsonMapper.builder().build();

	enum Caller {

		ANONYMOUS, FORGED, OTHER_INITIATIVE, OWN_INITIATIVE, STAFF

	}

	/**
	 * One write endpoint: the state the Steckbrief must be in for the call to succeed,
	 * and the expected status per caller in {@link Caller} order.
	 */
	record Endpoint(String method, String path, SteckbriefStatus requiredState, int... expected) {
	}

	@Test
	@Order(10)
	void shouldAnswerEveryWriteByCallerAndChangeNothingOnRefusal() {
		List<Endpoint> endpoints = List.of(new Endpoint("POST", "/api/initiatives", null, 401, 401, 409, 201, 201),
				new Endpoint("PUT", "/api/initiatives/{id}", SteckbriefStatus.PUBLISHED, 401, 401, 403, 200, 200),
				new Endpoint("POST", "/api/initiatives/{id}/submit", SteckbriefStatus.DRAFT, 401, 401, 403, 200, 200),
				new Endpoint("POST", "/api/initiatives/{id}/publish", SteckbriefStatus.IN_REVIEW, 401, 401, 403, 403,
						200),
				new Endpoint("POST", "/api/initiatives/{id}/withdraw", SteckbriefStatus.PUBLISHED, 401, 401, 403, 403,
						200),
				new Endpoint("POST", "/api/initiatives/{id}/rework", SteckbriefStatus.WITHDRAWN, 401, 401, 403, 403,
						200),
				new Endpoint("PUT", "/api/initiatives/{id}/assessment", SteckbriefStatus.DRAFT, 401, 401, 403, 200,
						200));
		List<String> failures = new ArrayList<>();
		// The other initiative has its Steckbrief already: creating a second one is
		// refused.
		// "Own" stands for an initiative that signed up and writes its first Steckbrief.
		if (this.steckbriefe.find(OTHER_INITIATIVE).isEmpty()) {
			this.steckbriefe.createOwn(OTHER_INITIATIVE, data("Andere Initiative"), "setup");
		}
		// With the relay stopped, an event written by mistake would stay in the document:
		// "document unchanged" then also proves that no event was published.
		this.relay.stop();
		try {
			for (Endpoint endpoint : endpoints) {
				for (Caller caller : Caller.values()) {
					String id = (endpoint.requiredState() != null) ? prepare(endpoint.requiredState()) : null;
					String path = endpoint.path().replace("{id}", String.valueOf(id));
					Document before = (id != null) ? stored(id) : null;
					Document assessmentBefore = (id != null) ? storedAssessment(id) : null;
					long countBefore = this.steckbriefe.count();
					int expected = endpoint.expected()[caller.ordinal()];

					HttpResponse<String> response = send(endpoint.method(), path, token(caller, id),
							bodyFor(endpoint, caller));

					String cell = endpoint.method() + " " + endpoint.path() + " as " + caller;
					if (response.statusCode() != expected) {
						failures.add(cell + ": expected " + expected + ", got " + response.statusCode() + " "
								+ response.body());
					}
					if (expected >= 400) {
						if (!response.headers()
							.firstValue("Content-Type")
							.orElse("")
							.startsWith("application/problem+json")) {
							failures.add(cell + ": refusal is not problem+json");
						}
						if (id != null && !before.equals(stored(id))) {
							failures.add(cell + ": the stored Steckbrief changed although refused");
						}
						if (id != null && !java.util.Objects.equals(assessmentBefore, storedAssessment(id))) {
							failures.add(cell + ": the stored assessment changed although refused");
						}
						if (this.steckbriefe.count() != countBefore) {
							failures.add(cell + ": a Steckbrief was added although refused");
						}
					}
				}
			}
		}
		finally {
			this.relay.start();
		}
		assertThat(failures).isEmpty();
	}

	@Test
	@Order(11)
	void shouldAnnouncePublishUpdateWithdrawAndRepublishWithIncreasingVersions() {
		String id = createAsStaff(body("Industriedialog Versionstest"));
		String own = TestTokens.initiative(id);
		assertStatus(send("PUT", "/api/initiatives/" + id, own, body("Industriedialog Versionstest (Entwurf 2)")), 200);
		assertStatus(send("POST", "/api/initiatives/" + id + "/submit", own, null), 200);
		assertStatus(send("POST", "/api/initiatives/" + id + "/publish", TestTokens.staff(), null), 200);
		assertStatus(send("PUT", "/api/initiatives/" + id, own, body("Industriedialog Versionstest (neu)")), 200);
		Map<String, Object> contactOnly = body("Industriedialog Versionstest (neu)");
		contactOnly.put("contact", Map.of("name", "Neue Ansprechperson", "email", "neu@example.org"));
		assertStatus(send("PUT", "/api/initiatives/" + id, own, contactOnly), 200);
		assertStatus(send("POST", "/api/initiatives/" + id + "/withdraw", TestTokens.staff(),
				Map.of("reason", "Die Initiative pausiert.")), 200);
		assertStatus(send("POST", "/api/initiatives/" + id + "/rework", TestTokens.staff(), null), 200);
		assertStatus(send("POST", "/api/initiatives/" + id + "/submit", own, null), 200);
		JsonNode republished = json(send("POST", "/api/initiatives/" + id + "/publish", TestTokens.staff(), null), 200);

		assertThat(republished.get("status").asString()).isEqualTo("PUBLISHED");
		assertThat(republished.get("transitions")).hasSize(6);
		assertThat(republished.at("/transitions/1/from").asString()).isEqualTo("IN_REVIEW");
		assertThat(republished.at("/transitions/1/to").asString()).isEqualTo("PUBLISHED");
		assertThat(republished.at("/transitions/1/by").asString()).isEqualTo("staff@industriedialog.test");
		assertThat(republished.at("/transitions/0/by").asString()).isEqualTo("contact@" + id + ".test");

		await().atMost(Duration.ofSeconds(30)).until(this::noPendingEvents);
		// A save that read the document before the relay removed a sent entry writes it
		// back, and it goes out again with its ce_id (docs/adr/0002): count events, not
		// deliveries.
		List<ConsumerRecord<String, String>> records = KafkaTopics.distinctByCeId(
				KafkaTopics.readAll(bootstrapServers(), TOPIC, Integer.MAX_VALUE, Duration.ofSeconds(5), Duration.ZERO)
					.stream()
					.filter((record) -> id.equals(record.key()))
					.toList());
		// The contact-only change is not public, so it is not announced.
		assertThat(records).extracting((record) -> KafkaTopics.header(record, CloudEventHeaders.TYPE))
			.containsExactly("de.industriedialog.SteckbriefPublished", "de.industriedialog.SteckbriefUpdated",
					"de.industriedialog.SteckbriefWithdrawn", "de.industriedialog.SteckbriefPublished");
		EventContracts contracts = EventContracts.fromClasspath();
		long previous = 0;
		for (ConsumerRecord<String, String> record : records) {
			String type = KafkaTopics.header(record, CloudEventHeaders.TYPE).substring("de.industriedialog.".length());
			assertThat(contracts.violations(type, record.value())).as(record.value()).isEmpty();
			assertThat(record.value()).doesNotContain("contact").doesNotContain("@example.org");
			long version = this.mapper.readTree(record.value()).get("version").asLong();
			assertThat(version).isGreaterThan(previous);
			// Written here, not imported: consumers may announce it as new.
			assertThat(this.mapper.readTree(record.value()).path("importedFrom").isNull()
					|| this.mapper.readTree(record.value()).path("importedFrom").isMissingNode())
				.as(record.value())
				.isTrue();
			previous = version;
		}
		JsonNode updated = this.mapper.readTree(records.get(1).value());
		assertThat(updated.get("name").asString()).isEqualTo("Industriedialog Versionstest (neu)");
		assertThat(updated.get("composition").asString()).isEqualTo("TRIPARTITE");
		assertThat(updated.get("buendnis").asBoolean()).isTrue();
		assertThat(updated.get("founderGroups")).extracting(JsonNode::asString).containsExactly("CHAMBERS");
		assertThat(this.mapper.readTree(records.get(2).value()).get("reason").asString())
			.isEqualTo("Die Initiative pausiert.");
	}

	@Test
	@Order(12)
	void shouldRefuseBadInputWithGermanProblemsNamingTheFields() {
		long before = this.steckbriefe.count();
		assertInvalid(with("state", "DE-XX"), "state", "Bundesland-Code");
		assertInvalid(with("name", "x".repeat(201)), "name", "200 Zeichen");
		assertInvalid(with("name", null), "name", "Namen");
		assertInvalid(with("website", "javascript:alert(1)"), "website", "Web-Adresse");
		assertInvalid(with("contact", Map.of("email", "keine-adresse")), "contact.email", "E-Mail");
		assertInvalid(with("foundingYear", 1700), "foundingYear", "Gründungsjahr");
		assertInvalid(with("foundingYear", 2099), "foundingYear", "Zukunft");
		assertInvalid(with("level", "GALACTIC"), "level", "LOCAL, REGIONAL, STATE");
		assertInvalid(with("actorGroups", List.of(Map.of("group", "ALIENS"))), "actorGroups[0].group",
				"Unbekannter Wert");
		assertInvalid(with("activities", List.of("y".repeat(501))), "activities[0]", "500 Zeichen");
		assertInvalid(with("linkedInitiativeIds", List.of("does-not-exist")), "linkedInitiativeIds", "gibt es nicht");
		// A Mongo operator where a text belongs is not read, let alone evaluated.
		assertInvalid(with("name", Map.of("$ne", "")), "name", "Text erwartet");
		assertInvalid(with("state", Map.of("$gt", "")), "state", "Text erwartet");
		assertThat(this.steckbriefe.count()).isEqualTo(before);

		HttpResponse<String> notJson = sendRaw("POST", "/api/initiatives", TestTokens.staff(), "{\"name\": ");
		assertThat(notJson.statusCode()).isEqualTo(400);
		assertThat(this.mapper.readTree(notJson.body()).get("detail").asString()).contains("kein gültiges JSON");

		String id = createAsStaff(body("Initiative für falsche Schritte"));
		HttpResponse<String> illegal = send("POST", "/api/initiatives/" + id + "/publish", TestTokens.staff(), null);
		assertThat(illegal.statusCode()).isEqualTo(409);
		assertThat(illegal.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
		assertThat(this.mapper.readTree(illegal.body()).get("detail").asString()).contains("„Entwurf“",
				"„veröffentlicht“", "„in Prüfung“");
		assertThat(send("POST", "/api/initiatives/" + id + "/withdraw", TestTokens.staff(), null).statusCode())
			.isEqualTo(409);
		assertThat(send("POST", "/api/initiatives/" + id + "/rework", TestTokens.staff(), null).statusCode())
			.isEqualTo(409);
		assertThat(send("POST", "/api/initiatives/does-not-exist/submit", TestTokens.staff(), null).statusCode())
			.isEqualTo(404);
	}

	@Test
	@Order(13)
	void shouldRefuseAConcurrentEditWith409() {
		String id = createAsStaff(body("Initiative mit zwei Bearbeitern"));
		long version = json(send("GET", "/api/initiatives/" + id, TestTokens.staff(), null), 200).get("version")
			.asLong();
		Map<String, Object> first = with("city", "Erste Stadt");
		first.put("version", version);
		Map<String, Object> second = with("city", "Zweite Stadt");
		second.put("version", version);

		assertStatus(send("PUT", "/api/initiatives/" + id, TestTokens.initiative(id), first), 200);
		HttpResponse<String> conflict = send("PUT", "/api/initiatives/" + id, TestTokens.staff(), second);

		assertThat(conflict.statusCode()).isEqualTo(409);
		assertThat(this.mapper.readTree(conflict.body()).get("detail").asString()).contains("inzwischen");
		assertThat(this.steckbriefe.load(id).city()).isEqualTo("Erste Stadt");
	}

	@Test
	@Order(14)
	void shouldShowDraftsOnlyToTheirOwnAccountAndStaff() {
		String id = createAsStaff(body("Initiative im Entwurf"));

		assertThat(send("GET", "/api/initiatives/" + id, null, null).statusCode()).isEqualTo(404);
		assertThat(send("GET", "/api/initiatives/" + id, TestTokens.initiative(OTHER_INITIATIVE), null).statusCode())
			.isEqualTo(404);
		JsonNode own = json(send("GET", "/api/initiatives/" + id, TestTokens.initiative(id), null), 200);
		assertThat(own.get("status").asString()).isEqualTo("DRAFT");
		assertThat(own.at("/contact/email").asString()).isEqualTo("kontakt@example.org");
		assertThat(
				json(send("GET", "/api/initiatives/" + id, TestTokens.staff(), null), 200).at("/profile/id").asString())
			.isEqualTo(id);

		assertStatus(send("POST", "/api/initiatives/" + id + "/submit", TestTokens.initiative(id), null), 200);
		assertThat(send("GET", "/api/initiatives/review-queue", null, null).statusCode()).isEqualTo(401);
		assertThat(send("GET", "/api/initiatives/review-queue", TestTokens.initiative(id), null).statusCode())
			.isEqualTo(403);
		JsonNode queue = json(send("GET", "/api/initiatives/review-queue", TestTokens.staff(), null), 200);
		assertThat(queue.findValuesAsString("id")).contains(id);

		assertStatus(send("POST", "/api/initiatives/" + id + "/publish", TestTokens.staff(), null), 200);
		JsonNode published = json(send("GET", "/api/initiatives/" + id, null, null), 200);
		assertThat(published.has("contact")).isFalse();
		assertThat(published.get("composition").asString()).isEqualTo("TRIPARTITE");
		assertThat(send("GET", "/api/initiatives/" + id, TestTokens.forged(), null).statusCode()).isEqualTo(401);
	}

	@Test
	@Order(15)
	void shouldFilterByGoalAndLiteralTextAndDrawTheMap() {
		Map<String, Object> body = body("Werkstatt Infrastruktur (Nord)");
		body.put("city", "Teststadt");
		body.put("goalCategories", List.of("INFRASTRUCTURE"));
		body.put("coordinates", Map.of("lat", 53.5, "lon", 10.0));
		String id = createAsStaff(body);
		send("POST", "/api/initiatives/" + id + "/submit", TestTokens.staff(), null);
		assertStatus(send("POST", "/api/initiatives/" + id + "/publish", TestTokens.staff(), null), 200);

		JsonNode byGoal = json(send("GET", "/api/initiatives?goal=INFRASTRUCTURE&size=100", null, null), 200);
		assertThat(byGoal.get("content").findValuesAsString("id")).contains(id);
		assertThat(byGoal.get("content")).allSatisfy(
				(initiative) -> assertThat(initiative.get("goalCategories").toString()).contains("INFRASTRUCTURE"));
		JsonNode byText = json(send("GET", "/api/initiatives?q=infrastruktur%20(nord&size=100", null, null), 200);
		assertThat(byText.get("content").findValuesAsString("id")).containsExactly(id);
		JsonNode byCity = json(send("GET", "/api/initiatives?q=TESTSTADT&size=100", null, null), 200);
		assertThat(byCity.get("content").findValuesAsString("id")).contains(id);
		// Regex metacharacters are taken literally: "|" is no alternation, ".*" no
		// wildcard.
		JsonNode literal = json(send("GET", "/api/initiatives?q=In%7Cdu%7Cstrie&size=100", null, null), 200);
		assertThat(literal.at("/page/totalElements").asInt()).isEqualTo(2);
		assertThat(json(send("GET", "/api/initiatives?q=.*", null, null), 200).at("/page/totalElements").asInt())
			.isZero();
		assertThat(send("GET", "/api/initiatives?goal=WORLD_PEACE", null, null).statusCode()).isEqualTo(400);

		HttpResponse<String> map = send("GET", "/api/initiatives/map", null, null);
		assertThat(map.statusCode()).isEqualTo(200);
		assertThat(map.headers().firstValue("Content-Type").orElse("")).startsWith("application/geo+json");
		JsonNode collection = this.mapper.readTree(map.body());
		assertThat(collection.get("type").asString()).isEqualTo("FeatureCollection");
		JsonNode mine = feature(collection, id);
		assertThat(mine.at("/geometry/type").asString()).isEqualTo("Point");
		assertThat(mine.at("/geometry/coordinates/0").asDouble()).isEqualTo(10.0);
		assertThat(mine.at("/geometry/coordinates/1").asDouble()).isEqualTo(53.5);
		assertThat(mine.at("/properties/name").asString()).isEqualTo("Werkstatt Infrastruktur (Nord)");
		assertThat(mine.at("/properties/city").asString()).isEqualTo("Teststadt");
		// The 2017 registry is on the map where the study names a Bundesland (38 of 40).
		JsonNode koblenz = feature(collection,
				json(send("GET", "/api/initiatives?q=Rhein-Mosel", null, null), 200).at("/content/0/id").asString());
		assertThat(koblenz.at("/properties/city").asString()).isEqualTo("Koblenz");
		assertThat(koblenz.at("/properties/level").asString()).isEqualTo("REGIONAL");
		assertThat(koblenz.at("/properties/state").asString()).isEqualTo("DE-RP");
	}

	@Test
	@Order(16)
	void shouldKeepEverySelfAssessmentAndShowItAgainstTheRelevanceForTheType() {
		String id = createAsStaff(body("Initiative mit Selbsteinschätzung"));
		String own = TestTokens.initiative(id);

		JsonNode empty = json(send("GET", "/api/initiatives/" + id + "/assessment", own, null), 200);
		assertThat(empty.get("history")).isEmpty();
		assertThat(empty.get("grid")).hasSize(10);

		assertStatus(send("PUT", "/api/initiatives/" + id + "/assessment", own, ratings(2)), 200);
		assertStatus(send("PUT", "/api/initiatives/" + id + "/assessment", TestTokens.staff(), ratings(4)), 200);
		JsonNode view = json(send("GET", "/api/initiatives/" + id + "/assessment", own, null), 200);

		assertThat(view.get("type").asString()).isEqualTo("MEASURE");
		assertThat(view.get("history")).hasSize(2);
		assertThat(view.at("/latest/by").asString()).isEqualTo("staff@industriedialog.test");
		assertThat(view.at("/history/1/by").asString()).isEqualTo("contact@" + id + ".test");
		assertThat(view.at("/history/1/ratings/0/score").asInt()).isEqualTo(2);
		JsonNode implementation = view.get("grid").get(4);
		assertThat(implementation.get("criterion").asString()).isEqualTo("IMPLEMENTATION_PERSPECTIVE");
		assertThat(implementation.get("name").asString()).isEqualTo("Umsetzungsperspektive");
		assertThat(implementation.get("score").asInt()).isEqualTo(4);
		assertThat(implementation.get("relevanceForType").get(0).asString())
			.isEqualTo("Umsetzungsperspektive stark ausgeprägt");
		assertThat(view.get("relevanceScale").asString()).contains("Tabelle 2");

		Map<String, Object> nine = ratings(3);
		@SuppressWarnings("unchecked")
		List<Object> list = (List<Object>) nine.get("ratings");
		list.remove(9);
		assertInvalidAt("PUT", "/api/initiatives/" + id + "/assessment", nine, "ratings", "zehn");
		Map<String, Object> duplicate = ratings(3);
		@SuppressWarnings("unchecked")
		List<Object> duplicated = (List<Object>) duplicate.get("ratings");
		duplicated.set(9, duplicated.get(0));
		assertInvalidAt("PUT", "/api/initiatives/" + id + "/assessment", duplicate, "ratings", "mehrfach");
		assertInvalidAt("PUT", "/api/initiatives/" + id + "/assessment", ratings(6), "ratings[0].score",
				"zwischen 1 und 5");
		assertThat(send("GET", "/api/initiatives/" + id + "/assessment", null, null).statusCode()).isEqualTo(401);
		assertThat(send("GET", "/api/initiatives/" + id + "/assessment", TestTokens.initiative(OTHER_INITIATIVE), null)
			.statusCode()).isEqualTo(403);
		assertThat(json(send("GET", "/api/initiatives/" + id + "/assessment", own, null), 200).get("history"))
			.hasSize(2);
	}

	// --- helpers

	private String prepare(SteckbriefStatus state) {
		String id = this.steckbriefe.create(data("Matrix " + state), "setup").id();
		if (state == SteckbriefStatus.DRAFT) {
			return id;
		}
		this.steckbriefe.submit(id, "setup");
		if (state == SteckbriefStatus.IN_REVIEW) {
			return id;
		}
		this.steckbriefe.publish(id, "setup");
		if (state == SteckbriefStatus.WITHDRAWN) {
			this.steckbriefe.withdraw(id, null, "setup");
		}
		return id;
	}

	private static SteckbriefData data(String name) {
		return new SteckbriefData(name, "https://example.org", null, "DE-HE", "Kassel", null, Level.LOCAL,
				InitiativeType.NETWORK, 2015, null, null, Set.of(), Set.of(), Set.of(), List.of(), null, List.of());
	}

	private static String token(Caller caller, String id) {
		return switch (caller) {
			case ANONYMOUS -> null;
			case FORGED -> TestTokens.forged();
			case OTHER_INITIATIVE -> TestTokens.initiative(OTHER_INITIATIVE);
			case OWN_INITIATIVE -> TestTokens.initiative((id != null) ? id : "not-yet-created");
			case STAFF -> TestTokens.staff();
		};
	}

	private Object bodyFor(Endpoint endpoint, Caller caller) {
		if (endpoint.path().endsWith("/assessment")) {
			return ratings(3);
		}
		if (endpoint.method().equals("PUT") || endpoint.path().equals("/api/initiatives")) {
			return body("Geändert von " + caller);
		}
		if (endpoint.path().endsWith("/withdraw")) {
			return Map.of("reason", "Matrix");
		}
		return null;
	}

	private Document stored(String id) {
		return this.mongo.findOne(new Query(Criteria.where("_id").is(id)), Document.class, "steckbriefe");
	}

	private Document storedAssessment(String id) {
		return this.mongo.findOne(new Query(Criteria.where("_id").is(id)), Document.class, "assessments");
	}

	private boolean noPendingEvents() {
		return !this.mongo.exists(new Query(Criteria.where("outbox.0").exists(true)), "steckbriefe");
	}

	/** A complete, valid Steckbrief of a tripartite measure initiative. */
	static Map<String, Object> body(String name) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", name);
		body.put("website", "https://www.example.org/initiative?x=1");
		body.put("contact",
				Map.of("name", "Erika Mustermann", "email", "kontakt@example.org", "phone", "+49 261 1234"));
		body.put("state", "DE-RP");
		body.put("city", "Koblenz");
		body.put("level", "REGIONAL");
		body.put("type", "MEASURE");
		body.put("foundingYear", 2017);
		body.put("legalForm", "loses Netzwerk");
		body.put("office", "IHK Koblenz");
		body.put("actorGroups", List.of(Map.of("group", "CHAMBERS", "founder", true),
				Map.of("group", "UNIONS", "founder", false), Map.of("group", "POLITICS_ADMINISTRATION")));
		// Ignored: the composition is derived (here TRIPARTITE), never typed in.
		body.put("composition", "MONO");
		body.put("goalCategories", List.of("ACCEPTANCE", "SKILLED_WORKERS"));
		body.put("activities", List.of("Welt-Café zum Auftakt"));
		body.put("financing", "Beiträge der Partner");
		return body;
	}

	private static Map<String, Object> with(String field, Object value) {
		Map<String, Object> body = body("Initiative mit Fehler");
		body.put(field, value);
		return body;
	}

	private static Map<String, Object> ratings(int score) {
		List<Object> ratings = new ArrayList<>(Stream.of(Criterion.values())
			.map((criterion) -> (Object) Map.of("criterion", criterion.name(), "score", score, "note", "Notiz"))
			.toList());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("ratings", ratings);
		return body;
	}

	private String createAsStaff(Map<String, Object> body) {
		HttpResponse<String> response = send("POST", "/api/initiatives", TestTokens.staff(), body);
		JsonNode created = json(response, 201);
		assertThat(response.headers().firstValue("Location").orElse("")).endsWith(created.at("/profile/id").asString());
		assertThat(created.get("status").asString()).isEqualTo("DRAFT");
		return created.at("/profile/id").asString();
	}

	private void assertInvalid(Map<String, Object> body, String field, String messagePart) {
		assertInvalidAt("POST", "/api/initiatives", body, field, messagePart);
	}

	private void assertInvalidAt(String method, String path, Object body, String field, String messagePart) {
		HttpResponse<String> response = send(method, path, TestTokens.staff(), body);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
		JsonNode problem = this.mapper.readTree(response.body());
		assertThat(problem.get("detail").asString()).as(response.body()).isNotBlank();
		assertThat(problem.get("errors")).as(response.body()).anySatisfy((error) -> {
			assertThat(error.get("field").asString()).isEqualTo(field);
			assertThat(error.get("message").asString()).contains(messagePart);
		});
	}

	private static void assertStatus(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
	}

	private JsonNode json(HttpResponse<String> response, int status) {
		assertStatus(response, status);
		return this.mapper.readTree(response.body());
	}

	private static JsonNode feature(JsonNode collection, String id) {
		for (JsonNode feature : collection.get("features")) {
			if (id.equals(feature.get("id").asString())) {
				return feature;
			}
		}
		throw new AssertionError("no feature " + id);
	}

	private HttpResponse<String> send(String method, String path, String token, Object body) {
		return sendRaw(method, path, token, (body != null) ? this.mapper.writeValueAsString(body) : null);
	}

	private HttpResponse<String> sendRaw(String method, String path, String token, String body) {
		try {
			URI uri = URI.create("http://localhost:" + this.environment.getProperty("local.server.port") + path);
			HttpRequest.Builder request = HttpRequest.newBuilder(uri)
				.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body)
						: HttpRequest.BodyPublishers.noBody());
			if (body != null) {
				request.header("Content-Type", "application/json");
			}
			if (token != null) {
				request.header("Authorization", "Bearer " + token);
			}
			return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
