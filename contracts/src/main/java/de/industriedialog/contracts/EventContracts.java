package de.industriedialog.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The JSON Schemas of all event types, loaded from the classpath
 * ({@value #SCHEMA_FOLDER}), and validation of event payloads against them.
 * <p>
 * Producers call {@link #requireValid(String, String)} before an event is written to the
 * outbox or published; an event that fails validation is never published. Services use
 * {@link #violations(String, String)} in tests to check their own records against the
 * contract. Instances are immutable and thread-safe; {@link #fromClasspath()} loads the
 * schemas once per class loader.
 * <p>
 * Jackson 2 is used internally only: the API takes and returns Strings.
 */
public final class EventContracts {

	/** Classpath folder holding {@code <EventType>.schema.json} and {@code index.txt}. */
	public static final String SCHEMA_FOLDER = "contracts/schemas/";

	private static final String INDEX = SCHEMA_FOLDER + "index.txt";

	private static final String SCHEMA_SUFFIX = ".schema.json";

	private static final ObjectMapper MAPPER = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
		.build();

	private static volatile EventContracts instance;

	private final Map<String, Contract> contracts;

	private EventContracts(Map<String, Contract> contracts) {
		this.contracts = Collections.unmodifiableMap(contracts);
	}

	/**
	 * The contracts of all event types on the classpath. Loaded on first use and cached.
	 * @return the contracts
	 * @throws IllegalStateException if the index or a schema cannot be read or parsed
	 */
	public static EventContracts fromClasspath() {
		EventContracts result = instance;
		if (result == null) {
			synchronized (EventContracts.class) {
				result = instance;
				if (result == null) {
					result = load(EventContracts.class.getClassLoader());
					instance = result;
				}
			}
		}
		return result;
	}

	/**
	 * All event types with a schema, in index order.
	 * @return the event types, e.g. {@code SteckbriefPublished}
	 */
	public Set<String> eventTypes() {
		return this.contracts.keySet();
	}

	/**
	 * Checks a payload against the schema of its event type.
	 * @param eventType the event type, e.g. {@code SteckbriefPublished}
	 * @param json the payload
	 * @return the violations as English messages, each starting with the JSON path of the
	 * offending value (e.g.
	 * {@code $.level: does not have a value in the enumeration ...}); empty when the
	 * payload is valid. Malformed JSON gives exactly one violation.
	 * @throws IllegalArgumentException if the event type is unknown
	 */
	public List<String> violations(String eventType, String json) {
		Contract contract = contract(eventType);
		if (json == null || json.isBlank()) {
			return List.of("$: payload is empty, expected a JSON object");
		}
		JsonNode payload;
		try {
			payload = MAPPER.readTree(json);
		}
		catch (JsonProcessingException ex) {
			return List.of("$: malformed JSON: " + describe(ex));
		}
		Set<ValidationMessage> messages = contract.schema().validate(payload);
		List<String> result = new ArrayList<>(messages.size());
		for (ValidationMessage message : messages) {
			result.add(message.getMessage());
		}
		Collections.sort(result);
		return List.copyOf(result);
	}

	/**
	 * Checks a payload against the schema of its event type and throws if it violates it.
	 * @param eventType the event type, e.g. {@code SteckbriefPublished}
	 * @param json the payload
	 * @throws ContractViolationException if the payload violates the schema
	 * @throws IllegalArgumentException if the event type is unknown
	 */
	public void requireValid(String eventType, String json) {
		List<String> violations = violations(eventType, json);
		if (!violations.isEmpty()) {
			throw new ContractViolationException(eventType, violations);
		}
	}

	/**
	 * The JSON Schema of an event type, as published.
	 * @param eventType the event type
	 * @return the schema document
	 * @throws IllegalArgumentException if the event type is unknown
	 */
	public String schema(String eventType) {
		return contract(eventType).source();
	}

	/**
	 * The example payloads of an event type (the schema's {@code examples}); all are
	 * valid. Handy as test data for producers and consumers.
	 * @param eventType the event type
	 * @return the examples as JSON documents, possibly empty
	 * @throws IllegalArgumentException if the event type is unknown
	 */
	public List<String> examples(String eventType) {
		return contract(eventType).examples();
	}

	private Contract contract(String eventType) {
		Contract contract = this.contracts.get(eventType);
		if (contract == null) {
			throw new IllegalArgumentException(
					"Unknown event type '" + eventType + "', known are " + this.contracts.keySet());
		}
		return contract;
	}

	private static String describe(JsonProcessingException ex) {
		String message = ex.getOriginalMessage();
		if (message.startsWith("Trailing token")) {
			message = "unexpected content after the end of the JSON value";
		}
		if (ex.getLocation() != null) {
			message += " (line " + ex.getLocation().getLineNr() + ", column " + ex.getLocation().getColumnNr() + ")";
		}
		return message;
	}

	static EventContracts load(ClassLoader classLoader) {
		JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
		SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
			.formatAssertionsEnabled(true)
			.locale(Locale.ENGLISH)
			.pathType(PathType.JSON_PATH)
			.build();
		Map<String, Contract> contracts = new LinkedHashMap<>();
		for (String eventType : readIndex(classLoader)) {
			String location = SCHEMA_FOLDER + eventType + SCHEMA_SUFFIX;
			String source = read(classLoader, location);
			try {
				JsonNode node = MAPPER.readTree(source);
				JsonSchema schema = factory.getSchema(node, config);
				schema.initializeValidators();
				contracts.put(eventType, new Contract(source, schema, examples(node)));
			}
			catch (IOException | RuntimeException ex) {
				throw new IllegalStateException("Cannot load the schema " + location + ": " + ex.getMessage(), ex);
			}
		}
		return new EventContracts(contracts);
	}

	private static List<String> examples(JsonNode schema) throws JsonProcessingException {
		List<String> examples = new ArrayList<>();
		for (JsonNode example : schema.path("examples")) {
			examples.add(MAPPER.writeValueAsString(example));
		}
		return List.copyOf(examples);
	}

	private static Set<String> readIndex(ClassLoader classLoader) {
		Set<String> eventTypes = new LinkedHashSet<>();
		for (String line : read(classLoader, INDEX).split("\\R")) {
			String eventType = line.strip();
			if (!eventType.isEmpty() && !eventType.startsWith("#")) {
				eventTypes.add(eventType);
			}
		}
		if (eventTypes.isEmpty()) {
			throw new IllegalStateException(INDEX + " lists no event type");
		}
		return eventTypes;
	}

	private static String read(ClassLoader classLoader, String location) {
		try (InputStream in = classLoader.getResourceAsStream(location)) {
			if (in == null) {
				throw new IllegalStateException(location + " is not on the classpath (is the contracts jar missing?)");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + location, ex);
		}
	}

	private record Contract(String source, JsonSchema schema, List<String> examples) {
	}

}
