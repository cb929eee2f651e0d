package de.industriedialog.contracts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class EventContractsTest {

	private static final ObjectMapper MAPPER = new ObjectMapper();

	private final EventContracts contracts = EventContracts.fromClasspath();

	static Stream<String> eventTypes() {
		return EventContracts.fromClasspath().eventTypes().stream();
	}

	@Test
	void shouldLoadTheSteckbriefEventTypes() {
		assertThat(this.contracts.eventTypes()).contains("SteckbriefPublished", "SteckbriefUpdated",
				"SteckbriefWithdrawn");
		assertThat(EventContracts.fromClasspath()).isSameAs(this.contracts);
	}

	@Test
	void shouldListEverySchemaFileInTheIndex() throws IOException {
		Set<String> files = new TreeSet<>();
		try (Stream<Path> paths = Files.list(ModuleFiles.schemas())) {
			paths.map((path) -> path.getFileName().toString())
				.filter((name) -> name.endsWith(".schema.json"))
				.forEach((name) -> files.add(name.substring(0, name.length() - ".schema.json".length())));
		}
		assertThat(new TreeSet<>(this.contracts.eventTypes())).as("schemas/index.txt vs. schemas/*.schema.json")
			.isEqualTo(files);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("eventTypes")
	void shouldDescribeEachSchemaConsistently(String eventType) throws IOException {
		JsonNode schema = MAPPER.readTree(this.contracts.schema(eventType));
		assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
		assertThat(schema.path("$id").asText())
			.isEqualTo("https://industriedialog.de/contracts/" + eventType + ".schema.json");
		assertThat(schema.path("title").asText()).isEqualTo(eventType);
		assertThat(schema.path("description").asText()).isNotBlank();
		assertThat(schema.path("type").asText()).isEqualTo("object");
		assertThat(schema.path("additionalProperties").asBoolean(false)).as("additive fields must be tolerated")
			.isTrue();
		assertThat(schema.path("required")).extracting(JsonNode::asText).contains("version", "occurredAt");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("eventTypes")
	void shouldBeValidAgainstTheDraft202012MetaSchema(String eventType) throws IOException {
		JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
		JsonSchema metaSchema = factory.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
		assertThat(metaSchema.validate(MAPPER.readTree(this.contracts.schema(eventType)))).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("eventTypes")
	void shouldAcceptEveryExample(String eventType) {
		assertThat(this.contracts.examples(eventType)).isNotEmpty().allSatisfy((example) -> {
			assertThat(this.contracts.violations(eventType, example)).isEmpty();
			assertThatNoException().isThrownBy(() -> this.contracts.requireValid(eventType, example));
		});
	}

	@Test
	void shouldAcceptNullForOptionalFieldsAndUnknownAdditionalFields() throws IOException {
		ObjectNode event = example("SteckbriefPublished");
		for (String field : List.of("state", "city", "website", "foundingYear", "composition", "coordinates")) {
			event.putNull(field);
		}
		event.put("someFutureField", "tolerated");
		assertThat(this.contracts.violations("SteckbriefPublished", event.toString())).isEmpty();
	}

	@Test
	void shouldNameTheFieldWhenARequiredFieldIsMissing() throws IOException {
		ObjectNode event = example("SteckbriefPublished");
		event.remove("name");
		assertThat(this.contracts.violations("SteckbriefPublished", event.toString())).singleElement()
			.asString()
			.startsWith("$")
			.contains("'name'");
	}

	@Test
	void shouldNameTheFieldWhenAnEnumValueIsWrong() throws IOException {
		ObjectNode event = example("SteckbriefUpdated");
		event.put("level", "COUNTY");
		assertThat(this.contracts.violations("SteckbriefUpdated", event.toString())).singleElement()
			.asString()
			.startsWith("$.level:")
			.contains("enumeration");
	}

	@Test
	void shouldNameTheFieldWhenADateTimeIsInvalid() throws IOException {
		for (String invalid : List.of("yesterday", "2017-07-04", "2017-07-04T10:15:30", "2017-13-04T10:15:30Z")) {
			ObjectNode event = example("SteckbriefWithdrawn");
			event.put("occurredAt", invalid);
			assertThat(this.contracts.violations("SteckbriefWithdrawn", event.toString())).as(invalid)
				.singleElement()
				.asString()
				.startsWith("$.occurredAt:")
				.contains("date-time");
		}
	}

	@Test
	void shouldCheckUriFormatAndNestedAndArrayConstraints() throws IOException {
		ObjectNode event = example("SteckbriefPublished");
		event.put("website", "not a uri");
		event.putObject("coordinates").put("lat", 91).put("lon", 7.5);
		event.putArray("actorGroups").add("UNIONS").add("UNIONS");
		event.putArray("goalCategories").add("WORLD_PEACE");
		event.put("state", "DE-XX");
		event.put("foundingYear", 1799);
		assertThat(this.contracts.violations("SteckbriefPublished", event.toString())).hasSize(6)
			.anySatisfy((v) -> assertThat(v).startsWith("$.website:"))
			.anySatisfy((v) -> assertThat(v).startsWith("$.coordinates.lat:"))
			.anySatisfy((v) -> assertThat(v).startsWith("$.actorGroups:"))
			.anySatisfy((v) -> assertThat(v).startsWith("$.goalCategories[0]:"))
			.anySatisfy((v) -> assertThat(v).startsWith("$.state:"))
			.anySatisfy((v) -> assertThat(v).startsWith("$.foundingYear:"));
	}

	@Test
	void shouldLimitTheWithdrawalReason() throws IOException {
		ObjectNode event = example("SteckbriefWithdrawn");
		event.put("reason", "x".repeat(501));
		assertThat(this.contracts.violations("SteckbriefWithdrawn", event.toString())).singleElement()
			.asString()
			.startsWith("$.reason:");
	}

	@Test
	void shouldGiveOneViolationForMalformedJson() {
		for (String malformed : List.of("{\"initiativeId\": ", "{} {}", "{\"a\":1,\"a\":2}", "", "not json")) {
			assertThat(this.contracts.violations("SteckbriefPublished", malformed)).as(malformed)
				.singleElement()
				.asString()
				.startsWith("$:");
		}
	}

	@Test
	void shouldRejectAPayloadThatIsNoObject() {
		assertThat(this.contracts.violations("SteckbriefPublished", "[]")).singleElement().asString().startsWith("$:");
		assertThat(this.contracts.violations("SteckbriefPublished", "null")).singleElement()
			.asString()
			.startsWith("$:");
	}

	@Test
	void shouldThrowForAnUnknownEventType() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.contracts.violations("SteckbriefDeleted", "{}"))
			.withMessageContaining("SteckbriefDeleted");
		assertThatIllegalArgumentException().isThrownBy(() -> this.contracts.requireValid("SteckbriefDeleted", "{}"));
	}

	@Test
	void shouldThrowAContractViolationWithTheViolations() {
		ContractViolationException ex = catchThrowableOfType(ContractViolationException.class,
				() -> this.contracts.requireValid("SteckbriefWithdrawn", "{\"initiativeId\":\"ini-1\"}"));
		assertThat(ex).isNotNull();
		assertThat(ex.getEventType()).isEqualTo("SteckbriefWithdrawn");
		assertThat(ex.getViolations()).hasSize(2)
			.anySatisfy((v) -> assertThat(v).contains("'version'"))
			.anySatisfy((v) -> assertThat(v).contains("'occurredAt'"));
		assertThat(ex).hasMessageContaining("SteckbriefWithdrawn").hasMessageContaining("'version'");
	}

	@Test
	void shouldValidateConcurrently() throws Exception {
		String valid = this.contracts.examples("SteckbriefPublished").get(0);
		List<Thread> threads = new ArrayList<>();
		AtomicInteger failures = new AtomicInteger();
		for (int t = 0; t < 4; t++) {
			Thread thread = new Thread(() -> {
				for (int i = 0; i < 200; i++) {
					if (!EventContracts.fromClasspath().violations("SteckbriefPublished", valid).isEmpty()
							|| EventContracts.fromClasspath().violations("SteckbriefPublished", "{}").size() != 6) {
						failures.incrementAndGet();
					}
				}
			});
			threads.add(thread);
			thread.start();
		}
		for (Thread thread : threads) {
			thread.join();
		}
		assertThat(failures).hasValue(0);
	}

	private ObjectNode example(String eventType) throws IOException {
		return (ObjectNode) MAPPER.readTree(this.contracts.examples(eventType).get(0));
	}

}
