package de.industriedialog.contracts;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Decides whether a changed JSON Schema (draft 2020-12) is backward compatible with the
 * version that was published: events valid under the published schema must stay valid
 * under the current one, and a consumer written against the published schema must still
 * read events of the current one.
 * <p>
 * Breaking: a property removed; a type changed (narrowed, widened or removed); an enum
 * value removed or an enum/const added; a new {@code required} entry;
 * {@code additionalProperties} (or {@code unevaluatedProperties}) turned to {@code false}
 * or given a schema; a bound ({@code minimum}, {@code maximum}, {@code minLength},
 * {@code maxLength}, {@code minItems}, {@code maxItems}, ...) tightened or added;
 * {@code pattern} or {@code format} added or changed; {@code uniqueItems} turned on. The
 * rules apply recursively to nested objects, array items, local {@code $ref}s and
 * combinators. Keywords it cannot reason about ({@code not},
 * {@code if}/{@code then}/{@code else}, ...) must stay unchanged.
 * <p>
 * Compatible: new optional properties, new enum values, loosened or removed bounds,
 * changed annotations ({@code title}, {@code description}, {@code examples}, {@code $id},
 * ...).
 */
public final class SchemaCompatibility {

	private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "$anchor", "$dynamicAnchor", "$comment",
			"$defs", "definitions", "$vocabulary", "title", "description", "examples", "default", "deprecated",
			"readOnly", "writeOnly");

	private static final List<String> LOWER_BOUNDS = List.of("minimum", "exclusiveMinimum", "minLength", "minItems",
			"minProperties", "minContains");

	private static final List<String> UPPER_BOUNDS = List.of("maximum", "exclusiveMaximum", "maxLength", "maxItems",
			"maxProperties", "maxContains");

	/**
	 * Where {@link #expand} puts the target of a {@code $ref} that has sibling keywords.
	 */
	private static final String RESOLVED_REF = "$resolvedRef";

	/** Subschema keywords whose absence means "no constraint"; compared recursively. */
	private static final Map<String, String> OPEN_SUBSCHEMAS = openSubschemas();

	private static final List<String> COMBINATORS = List.of("allOf", "anyOf", "oneOf");

	private static final Set<String> HANDLED = Set.of("type", "enum", "const", "required", "dependentRequired",
			"properties", "patternProperties", "prefixItems", "pattern", "format", "multipleOf", "uniqueItems");

	private static final int MAX_REF_DEPTH = 6;

	private static final Set<String> ALL_TYPES = Set.of("array", "boolean", "integer", "null", "number", "object",
			"string");

	private SchemaCompatibility() {
	}

	private static Map<String, String> openSubschemas() {
		Map<String, String> keywords = new LinkedHashMap<>();
		keywords.put(RESOLVED_REF, "");
		keywords.put("additionalProperties", ".*");
		keywords.put("unevaluatedProperties", ".*");
		keywords.put("propertyNames", "{propertyNames}");
		keywords.put("items", "[*]");
		keywords.put("unevaluatedItems", "[*]");
		keywords.put("contains", "[contains]");
		return Collections.unmodifiableMap(keywords);
	}

	/**
	 * The changes from the published schema to the current one that break compatibility.
	 * @param published the schema as published (the baseline)
	 * @param current the schema as it is now
	 * @return one English message per breaking change, each starting with the JSON path
	 * of the affected value (e.g. {@code $.level: enum value 'STATE' removed}); empty
	 * when compatible
	 */
	public static List<String> breakingChanges(JsonNode published, JsonNode current) {
		Objects.requireNonNull(published, "published");
		Objects.requireNonNull(current, "current");
		Set<String> changes = new LinkedHashSet<>();
		compare(expand(published, published, 0), expand(current, current, 0), "$", changes);
		return List.copyOf(changes);
	}

	private static void compare(JsonNode published, JsonNode current, String path, Set<String> changes) {
		if (published.isBoolean() && !published.booleanValue()) {
			return; // nothing was valid before: anything is looser
		}
		if (current.isBoolean()) {
			if (!current.booleanValue()) {
				changes.add(path + ": schema turned to false, no value is accepted any more");
			}
			return;
		}
		ObjectNode p = asObject(published, path);
		ObjectNode c = asObject(current, path);
		compareTypes(p, c, path, changes);
		compareValues(p, c, path, changes);
		compareRequired(p, c, path, changes);
		compareProperties(p, c, path, changes);
		for (Map.Entry<String, String> keyword : OPEN_SUBSCHEMAS.entrySet()) {
			compareOpenSubschema(keyword.getKey(), p.get(keyword.getKey()), c.get(keyword.getKey()),
					path + keyword.getValue(), changes);
		}
		comparePrefixItems(p, c, path, changes);
		for (String combinator : COMBINATORS) {
			compareCombinator(combinator, p.get(combinator), c.get(combinator), path, changes);
		}
		compareBounds(p, c, path, changes);
		compareStringConstraints(p, c, path, changes);
		compareOthers(p, c, path, changes);
	}

	private static void compareTypes(ObjectNode p, ObjectNode c, String path, Set<String> changes) {
		Set<String> before = types(p.get("type"));
		Set<String> after = types(c.get("type"));
		if (!before.equals(after)) {
			Set<String> removed = new TreeSet<>(before);
			removed.removeAll(after);
			Set<String> added = new TreeSet<>(after);
			added.removeAll(before);
			String what = removed.isEmpty() ? "widened" : added.isEmpty() ? "narrowed" : "changed";
			changes.add(path + ": type " + what + " from " + describeTypes(before) + " to " + describeTypes(after));
		}
	}

	private static void compareValues(ObjectNode p, ObjectNode c, String path, Set<String> changes) {
		List<JsonNode> before = allowedValues(p);
		List<JsonNode> after = allowedValues(c);
		if (after == null) {
			return;
		}
		if (before == null) {
			changes.add(path + ": " + (c.has("enum") ? "enum" : "const") + " added, values are restricted to " + after);
			return;
		}
		for (JsonNode value : before) {
			if (!after.contains(value)) {
				changes.add(path + ": enum value " + value + " removed");
			}
		}
	}

	private static void compareRequired(ObjectNode p, ObjectNode c, String path, Set<String> changes) {
		Set<String> before = strings(p.get("required"));
		for (String name : strings(c.get("required"))) {
			if (!before.contains(name)) {
				changes.add(path + ": property '" + name + "' became required");
			}
		}
		JsonNode dependentAfter = c.path("dependentRequired");
		for (Iterator<String> it = dependentAfter.fieldNames(); it.hasNext();) {
			String trigger = it.next();
			Set<String> was = strings(p.path("dependentRequired").get(trigger));
			for (String name : strings(dependentAfter.get(trigger))) {
				if (!was.contains(name)) {
					changes.add(path + ": property '" + name + "' became required when '" + trigger + "' is present");
				}
			}
		}
	}

	private static void compareProperties(ObjectNode p, ObjectNode c, String path, Set<String> changes) {
		JsonNode before = p.path("properties");
		JsonNode after = c.path("properties");
		for (Iterator<String> it = before.fieldNames(); it.hasNext();) {
			String name = it.next();
			if (!after.has(name)) {
				changes.add(path + "." + name + ": property removed");
			}
			else {
				compare(before.get(name), after.get(name), path + "." + name, changes);
			}
		}
		JsonNode additionalBefore = p.get("additionalProperties");
		if (additionalBefore != null && additionalBefore.isObject()) {
			// a property that was governed by additionalProperties must still accept its
			// values
			for (Iterator<String> it = after.fieldNames(); it.hasNext();) {
				String name = it.next();
				if (!before.has(name)) {
					compare(additionalBefore, after.get(name), path + "." + name, changes);
				}
			}
		}
		JsonNode patternsBefore = p.path("patternProperties");
		JsonNode patternsAfter = c.path("patternProperties");
		for (Iterator<String> it = patternsAfter.fieldNames(); it.hasNext();) {
			String pattern = it.next();
			compareOpenSubschema("patternProperties " + pattern, patternsBefore.get(pattern),
					patternsAfter.get(pattern), path + "[/" + pattern + "/]", changes);
		}
	}

	private static void compareOpenSubschema(String keyword, JsonNode before, JsonNode after, String path,
			Set<String> changes) {
		if (after == null || isTrivial(after)) {
			return; // removed or accepting everything: looser
		}
		if (before == null || isTrivial(before)) {
			if (after.isBoolean()) {
				changes.add(path + ": " + keyword + " turned to false");
			}
			else {
				changes.add(path + ": " + keyword + " constraint added");
			}
			return;
		}
		compare(before, after, path, changes);
	}

	private static void comparePrefixItems(ObjectNode p, ObjectNode c, String path, Set<String> changes) {
		JsonNode before = p.path("prefixItems");
		JsonNode after = c.path("prefixItems");
		for (int i = 0; i < after.size(); i++) {
			String itemPath = path + "[" + i + "]";
			if (i < before.size()) {
				compare(before.get(i), after.get(i), itemPath, changes);
			}
			else {
				compareOpenSubschema("prefixItems", p.get("items"), after.get(i), itemPath, changes);
			}
		}
	}

	private static void compareCombinator(String keyword, JsonNode before, JsonNode after, String path,
			Set<String> changes) {
		if (after == null) {
			return;
		}
		if (before == null) {
			changes.add(path + ": " + keyword + " added");
			return;
		}
		if (before.size() != after.size()) {
			changes.add(path + ": " + keyword + " changed from " + before.size() + " to " + after.size()
					+ " subschemas; cannot be checked automatically");
			return;
		}
		for (int i = 0; i < after.size(); i++) {
			compare(before.get(i), after.get(i), path + "(" + keyword + "/" + i + ")", changes);
		}
	}

	private static void compareBounds(ObjectNode p, ObjectNode c, String path, Set<String> changes) {
		for (String keyword : LOWER_BOUNDS) {
			compareBound(keyword, p.get(keyword), c.get(keyword), 1, path, changes);
		}
		for (String keyword : UPPER_BOUNDS) {
			compareBound(keyword, p.get(keyword), c.get(keyword), -1, path, changes);
		}
		JsonNode multipleBefore = p.get("multipleOf");
		JsonNode multipleAfter = c.get("multipleOf");
		if (multipleAfter != null && multipleAfter.isNumber()) {
			if (multipleBefore == null || !multipleBefore.isNumber()) {
				changes.add(path + ": multipleOf " + multipleAfter + " added");
			}
			else if (multipleBefore.decimalValue().remainder(multipleAfter.decimalValue()).signum() != 0) {
				changes.add(path + ": multipleOf tightened from " + multipleBefore + " to " + multipleAfter);
			}
		}
	}

	/**
	 * @param direction 1 for a lower bound (greater is tighter), -1 for an upper bound
	 */
	private static void compareBound(String keyword, JsonNode before, JsonNode after, int direction, String path,
			Set<String> changes) {
		if (after == null || !after.isNumber()) {
			return;
		}
		if (before == null || !before.isNumber()) {
			changes.add(path + ": " + keyword + " " + after + " added");
			return;
		}
		BigDecimal was = before.decimalValue();
		BigDecimal is = after.decimalValue();
		if (is.compareTo(was) * direction > 0) {
			changes.add(path + ": " + keyword + " tightened from " + before + " to " + after);
		}
	}

	private static void compareStringConstraints(ObjectNode p, ObjectNode c, String path, Set<String> changes) {
		for (String keyword : List.of("pattern", "format")) {
			JsonNode before = p.get(keyword);
			JsonNode after = c.get(keyword);
			if (after != null && before == null) {
				changes.add(path + ": " + keyword + " " + after + " added");
			}
			else if (after != null && !after.equals(before)) {
				changes.add(path + ": " + keyword + " changed from " + before + " to " + after);
			}
		}
		if (c.path("uniqueItems").asBoolean(false) && !p.path("uniqueItems").asBoolean(false)) {
			changes.add(path + ": uniqueItems turned on");
		}
	}

	private static void compareOthers(ObjectNode p, ObjectNode c, String path, Set<String> changes) {
		Set<String> keywords = new TreeSet<>();
		p.fieldNames().forEachRemaining(keywords::add);
		c.fieldNames().forEachRemaining(keywords::add);
		for (String keyword : keywords) {
			if (ANNOTATIONS.contains(keyword) || HANDLED.contains(keyword) || LOWER_BOUNDS.contains(keyword)
					|| UPPER_BOUNDS.contains(keyword) || OPEN_SUBSCHEMAS.containsKey(keyword)
					|| COMBINATORS.contains(keyword)) {
				continue;
			}
			JsonNode before = p.get(keyword);
			JsonNode after = c.get(keyword);
			if (after != null
					&& !withoutAnnotations(after).equals(before == null ? null : withoutAnnotations(before))) {
				changes.add(path + ": " + keyword + (before == null ? " added" : " changed")
						+ "; cannot be checked automatically, keep it unchanged or publish a new topic version");
			}
		}
	}

	private static ObjectNode asObject(JsonNode schema, String path) {
		if (schema.isBoolean()) {
			return JsonNodeFactory.instance.objectNode(); // true: accepts everything
		}
		if (!schema.isObject()) {
			throw new IllegalArgumentException(path + ": not a JSON Schema: " + schema);
		}
		return (ObjectNode) schema;
	}

	private static Set<String> types(JsonNode type) {
		Set<String> types = new TreeSet<>();
		if (type == null) {
			types.addAll(ALL_TYPES);
		}
		else if (type.isArray()) {
			type.forEach((t) -> types.add(t.asText()));
		}
		else {
			types.add(type.asText());
		}
		return types;
	}

	private static String describeTypes(Set<String> types) {
		if (types.equals(ALL_TYPES)) {
			return "any";
		}
		return (types.size() == 1) ? types.iterator().next() : types.toString();
	}

	private static List<JsonNode> allowedValues(ObjectNode schema) {
		if (schema.has("enum")) {
			List<JsonNode> values = new ArrayList<>();
			schema.get("enum").forEach(values::add);
			return values;
		}
		if (schema.has("const")) {
			return List.of(schema.get("const"));
		}
		return null;
	}

	private static Set<String> strings(JsonNode array) {
		Set<String> strings = new LinkedHashSet<>();
		if (array != null) {
			array.forEach((value) -> strings.add(value.asText()));
		}
		return strings;
	}

	private static boolean isTrivial(JsonNode schema) {
		if (schema.isBoolean()) {
			return schema.booleanValue();
		}
		for (Iterator<String> it = schema.fieldNames(); it.hasNext();) {
			if (!ANNOTATIONS.contains(it.next())) {
				return false;
			}
		}
		return true;
	}

	private static JsonNode withoutAnnotations(JsonNode node) {
		if (node.isObject()) {
			ObjectNode copy = JsonNodeFactory.instance.objectNode();
			node.properties().forEach((field) -> {
				if (!ANNOTATIONS.contains(field.getKey())) {
					copy.set(field.getKey(), withoutAnnotations(field.getValue()));
				}
			});
			return copy;
		}
		if (node.isArray()) {
			ArrayNode copy = JsonNodeFactory.instance.arrayNode();
			node.forEach((element) -> copy.add(withoutAnnotations(element)));
			return copy;
		}
		return node;
	}

	/**
	 * Replaces local {@code $ref}s by the schema they point to (under
	 * {@value #RESOLVED_REF}, so that sibling keywords keep their meaning), up to a fixed
	 * depth for recursive schemas.
	 */
	private static JsonNode expand(JsonNode node, JsonNode root, int depth) {
		if (node.isArray()) {
			ArrayNode copy = JsonNodeFactory.instance.arrayNode();
			node.forEach((element) -> copy.add(expand(element, root, depth)));
			return copy;
		}
		if (!node.isObject()) {
			return node;
		}
		JsonNode onlyTarget = node.has("$ref") ? resolve(node.get("$ref"), root) : null;
		if (onlyTarget != null && depth < MAX_REF_DEPTH && isTrivial(withoutKey(node, "$ref"))) {
			return expand(onlyTarget, root, depth + 1); // a plain reference stands for
														// its target
		}
		ObjectNode copy = JsonNodeFactory.instance.objectNode();
		node.properties().forEach((field) -> {
			String key = field.getKey();
			JsonNode value = field.getValue();
			JsonNode target = "$ref".equals(key) ? resolve(value, root) : null;
			if (target != null && depth < MAX_REF_DEPTH) {
				copy.set(RESOLVED_REF, expand(target, root, depth + 1));
			}
			else if (key.equals("$defs") || key.equals("definitions") || !value.isContainerNode()) {
				copy.set(key, value);
			}
			else {
				copy.set(key, expand(value, root, depth));
			}
		});
		return copy;
	}

	private static JsonNode withoutKey(JsonNode node, String key) {
		ObjectNode copy = ((ObjectNode) node).deepCopy();
		copy.remove(key);
		return copy;
	}

	private static JsonNode resolve(JsonNode ref, JsonNode root) {
		if (!ref.isTextual() || !ref.asText().startsWith("#")) {
			return null;
		}
		String pointer = URI.create(ref.asText()).getFragment();
		JsonNode target = (pointer == null || pointer.isEmpty()) ? root : root.at(pointer);
		return target.isMissingNode() ? null : target;
	}

}
