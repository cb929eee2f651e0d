package de.industriedialog.contracts;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AsyncAPI document and the schema files must agree: every schema it references
 * exists, every schema is referenced, and every internal reference resolves.
 */
class AsyncApiDocumentTest {

	private static Map<String, Object> document;

	@BeforeAll
	@SuppressWarnings("unchecked")
	static void load() throws IOException {
		try (Reader reader = Files.newBufferedReader(ModuleFiles.asyncApi())) {
			document = (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
		}
	}

	@Test
	void shouldBeAnAsyncApi3Document() {
		assertThat(document).containsEntry("asyncapi", "3.0.0")
			.containsKeys("info", "servers", "channels", "operations", "components");
		assertThat(map(document, "servers")).containsKeys("local", "compose");
	}

	@Test
	void shouldReferenceExactlyTheSchemaFiles() throws IOException {
		Set<String> referenced = new TreeSet<>();
		for (String ref : refs()) {
			if (!ref.startsWith("#")) {
				assertThat(ref).as("external reference").startsWith("./schemas/").endsWith(".schema.json");
				assertThat(ModuleFiles.moduleDir().resolve(ref).normalize()).as(ref).isRegularFile();
				referenced.add(Path.of(ref).getFileName().toString());
			}
		}
		Set<String> files = new TreeSet<>();
		try (var paths = Files.list(ModuleFiles.schemas())) {
			paths.map((path) -> path.getFileName().toString())
				.filter((name) -> name.endsWith(".schema.json"))
				.forEach(files::add);
		}
		assertThat(referenced).as("schemas referenced by asyncapi.yaml vs. schemas/*.schema.json").isEqualTo(files);
	}

	@Test
	void shouldResolveEveryInternalReference() {
		for (String ref : refs()) {
			if (ref.startsWith("#/")) {
				Object target = document;
				for (String segment : ref.substring(2).split("/")) {
					assertThat(target).as(ref).isInstanceOf(Map.class);
					target = ((Map<?, ?>) target).get(segment.replace("~1", "/").replace("~0", "~"));
				}
				assertThat(target).as(ref).isNotNull();
			}
		}
	}

	@Test
	void shouldDescribeEveryEventTypeAsAMessageWithItsCeType() {
		Map<String, Object> messages = map(map(document, "components"), "messages");
		for (String eventType : EventContracts.fromClasspath().eventTypes()) {
			assertThat(messages).as("components.messages").containsKey(eventType);
			assertThat(messages.get(eventType).toString()).contains("const=" + CloudEventHeaders.ceType(eventType))
				.contains("./schemas/" + eventType + ".schema.json");
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void shouldDocumentTheTopicsAndTheDeadLetterTopicsOfTheirConsumerGroups() {
		Map<String, Object> channels = map(document, "channels");
		Set<String> addresses = new TreeSet<>();
		for (Object channel : channels.values()) {
			Map<String, Object> c = (Map<String, Object>) channel;
			String address = (String) c.get("address");
			if (address.contains("{consumerGroup}")) {
				List<String> groups = (List<String>) map(map(c, "parameters"), "consumerGroup").get("enum");
				groups.forEach((group) -> addresses.add(address.replace("{consumerGroup}", group)));
			}
			else {
				addresses.add(address);
			}
		}
		assertThat(addresses).contains(Topics.INITIATIVES_V1, Topics.EVENTS_V1, Topics.REGISTRATIONS_V1,
				Topics.FEEDBACK_V1);
		for (String group : List.of("event-service", "evaluation-service", "newsletter-service")) {
			assertThat(addresses).contains(Topics.deadLetter(Topics.INITIATIVES_V1, group));
		}
		assertThat(addresses).contains(Topics.deadLetter(Topics.REGISTRATIONS_V1, "evaluation-service"),
				Topics.deadLetter(Topics.REGISTRATIONS_V1, "event-service-mail"));
	}

	@Test
	@SuppressWarnings("unchecked")
	void shouldGiveEveryReceivingConsumerGroupADeadLetterTopic() {
		Map<String, Object> channels = map(document, "channels");
		Set<String> deadLetterTopics = new TreeSet<>();
		Set<String> expected = new TreeSet<>();
		for (Object channel : channels.values()) {
			Map<String, Object> c = (Map<String, Object>) channel;
			String address = (String) c.get("address");
			if (address.contains("{consumerGroup}")) {
				List<String> groups = (List<String>) map(map(c, "parameters"), "consumerGroup").get("enum");
				groups.forEach((group) -> deadLetterTopics.add(address.replace("{consumerGroup}", group)));
			}
		}
		for (Object operation : map(document, "operations").values()) {
			Map<String, Object> o = (Map<String, Object>) operation;
			if ("receive".equals(o.get("action"))) {
				String channelRef = (String) map(o, "channel").get("$ref");
				String address = (String) map(channels, channelRef.substring("#/channels/".length())).get("address");
				Map<String, Object> kafka = map(map(o, "bindings"), "kafka");
				// Groups named by a pattern (one per replica) name the dead-letter topic
				// they share.
				List<String> groups = (List<String>) map(kafka, "groupId").get("enum");
				((groups != null) ? groups : (List<String>) kafka.get("x-dead-letter-groups"))
					.forEach((group) -> expected.add(Topics.deadLetter(address, group)));
			}
		}
		assertThat(expected).isNotEmpty();
		assertThat(deadLetterTopics).as("dead-letter topics vs. receiving consumer groups").isEqualTo(expected);
	}

	@Test
	@SuppressWarnings("unchecked")
	void shouldCarryNoPersonalDataOnTheRegistrationAndFeedbackTopics() throws IOException {
		for (String channel : List.of("registrations", "feedback")) {
			Map<String, Object> messages = map(map(map(document, "channels"), channel), "messages");
			assertThat(messages).isNotEmpty();
			for (String eventType : messages.keySet()) {
				Set<String> properties = new TreeSet<>();
				collectPropertyNames(new ObjectMapper().readTree(EventContracts.fromClasspath().schema(eventType)),
						properties);
				assertThat(properties).as(eventType)
					.isNotEmpty()
					.noneMatch((name) -> name.matches("(?i).*(name|mail|phone|address|token)"));
			}
		}
		Set<String> feedback = new TreeSet<>();
		collectPropertyNames(new ObjectMapper().readTree(EventContracts.fromClasspath().schema("FeedbackSubmitted")),
				feedback);
		assertThat(feedback).as("FeedbackSubmitted is anonymous").doesNotContain("registrationId", "feedbackTokenHash");
	}

	private static void collectPropertyNames(JsonNode schema, Set<String> names) {
		if (!schema.isObject()) {
			return;
		}
		schema.path("properties").properties().forEach((property) -> {
			names.add(property.getKey());
			collectPropertyNames(property.getValue(), names);
		});
		collectPropertyNames(schema.path("items"), names);
	}

	@Test
	void shouldDocumentTheCloudEventsHeaders() {
		Map<String, Object> headers = map(map(map(document, "components"), "schemas"), "CloudEventHeaders");
		assertThat(map(headers, "properties")).containsKeys(CloudEventHeaders.ID, CloudEventHeaders.TYPE,
				CloudEventHeaders.SOURCE, CloudEventHeaders.TIME, CloudEventHeaders.SUBJECT,
				CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.CONTENT_TYPE);
	}

	@Test
	void shouldNameTheOperationsOfEveryService() {
		Map<String, Object> operations = map(document, "operations");
		assertThat(operations).containsKey("publishSteckbriefEvents");
		assertThat(operations.values().toString()).contains("event-service", "evaluation-service",
				"newsletter-service");
	}

	private static List<String> refs() {
		List<String> refs = new ArrayList<>();
		collectRefs(document, refs);
		assertThat(refs).isNotEmpty();
		return refs;
	}

	private static void collectRefs(Object node, List<String> refs) {
		if (node instanceof Map<?, ?> map) {
			map.forEach((key, value) -> {
				if ("$ref".equals(key)) {
					refs.add((String) value);
				}
				else {
					collectRefs(value, refs);
				}
			});
		}
		else if (node instanceof List<?> list) {
			list.forEach((element) -> collectRefs(element, refs));
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Map<String, Object> parent, String key) {
		Object value = parent.get(key);
		assertThat(value).as(key).isInstanceOf(Map.class);
		return (Map<String, Object>) value;
	}

}
