package de.industriedialog.localstack;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON answers of the gateway for {@link DemoData}: objects as {@link Map},
 * arrays as {@link List}, numbers as {@link BigDecimal}, and strings, booleans and
 * {@code null}. Written by hand like {@link Json}, to keep the launcher free of a JSON
 * library; strict enough for well-formed input, not a validator.
 */
final class JsonReader {

	private final String text;

	private int at;

	private JsonReader(String text) {
		this.text = text;
	}

	/**
	 * @throws IllegalArgumentException if the text is no JSON document
	 */
	static Object parse(String text) {
		JsonReader reader = new JsonReader(text);
		Object value = reader.value();
		reader.skipSpace();
		if (reader.at != text.length()) {
			throw reader.error("end of input expected");
		}
		return value;
	}

	/** The value at a path of object keys and array indexes, or {@code null}. */
	static Object at(Object json, Object... path) {
		Object current = json;
		for (Object step : path) {
			if (step instanceof String key && current instanceof Map<?, ?> map) {
				current = map.get(key);
			}
			else if (step instanceof Integer index && current instanceof List<?> list && index < list.size()) {
				current = list.get(index);
			}
			else {
				return null;
			}
		}
		return current;
	}

	static String string(Object json, Object... path) {
		Object value = at(json, path);
		return (value instanceof String text) ? text : null;
	}

	static int number(Object json, Object... path) {
		Object value = at(json, path);
		return (value instanceof BigDecimal number) ? number.intValue() : 0;
	}

	@SuppressWarnings("unchecked")
	static List<Object> list(Object json, Object... path) {
		Object value = at(json, path);
		return (value instanceof List<?> list) ? (List<Object>) list : List.of();
	}

	private Object value() {
		skipSpace();
		if (this.at >= this.text.length()) {
			throw error("value expected");
		}
		char c = this.text.charAt(this.at);
		return switch (c) {
			case '{' -> object();
			case '[' -> array();
			case '"' -> string();
			case 't' -> literal("true", Boolean.TRUE);
			case 'f' -> literal("false", Boolean.FALSE);
			case 'n' -> literal("null", null);
			default -> number();
		};
	}

	private Map<String, Object> object() {
		Map<String, Object> object = new LinkedHashMap<>();
		this.at++;
		skipSpace();
		if (peek() == '}') {
			this.at++;
			return object;
		}
		while (true) {
			skipSpace();
			if (peek() != '"') {
				throw error("key expected");
			}
			String key = string();
			skipSpace();
			expect(':');
			object.put(key, value());
			skipSpace();
			if (peek() == ',') {
				this.at++;
			}
			else {
				expect('}');
				return object;
			}
		}
	}

	private List<Object> array() {
		List<Object> array = new ArrayList<>();
		this.at++;
		skipSpace();
		if (peek() == ']') {
			this.at++;
			return array;
		}
		while (true) {
			array.add(value());
			skipSpace();
			if (peek() == ',') {
				this.at++;
			}
			else {
				expect(']');
				return array;
			}
		}
	}

	private String string() {
		StringBuilder out = new StringBuilder();
		this.at++;
		while (true) {
			if (this.at >= this.text.length()) {
				throw error("unterminated string");
			}
			char c = this.text.charAt(this.at++);
			if (c == '"') {
				return out.toString();
			}
			if (c != '\\') {
				out.append(c);
				continue;
			}
			char escaped = this.text.charAt(this.at++);
			switch (escaped) {
				case 'n' -> out.append('\n');
				case 'r' -> out.append('\r');
				case 't' -> out.append('\t');
				case 'b' -> out.append('\b');
				case 'f' -> out.append('\f');
				case 'u' -> {
					out.append((char) Integer.parseInt(this.text.substring(this.at, this.at + 4), 16));
					this.at += 4;
				}
				default -> out.append(escaped); // " \ /
			}
		}
	}

	private BigDecimal number() {
		int start = this.at;
		while (this.at < this.text.length() && "+-0123456789.eE".indexOf(this.text.charAt(this.at)) >= 0) {
			this.at++;
		}
		try {
			return new BigDecimal(this.text.substring(start, this.at));
		}
		catch (NumberFormatException ex) {
			this.at = start;
			throw error("value expected");
		}
	}

	private Object literal(String word, Object value) {
		if (!this.text.startsWith(word, this.at)) {
			throw error(word + " expected");
		}
		this.at += word.length();
		return value;
	}

	private void expect(char c) {
		if (peek() != c) {
			throw error("'" + c + "' expected");
		}
		this.at++;
	}

	private char peek() {
		return (this.at < this.text.length()) ? this.text.charAt(this.at) : '\0';
	}

	private void skipSpace() {
		while (this.at < this.text.length() && Character.isWhitespace(this.text.charAt(this.at))) {
			this.at++;
		}
	}

	private IllegalArgumentException error(String message) {
		return new IllegalArgumentException("Not JSON at " + this.at + ": " + message);
	}

}
