package de.industriedialog.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import de.industriedialog.contracts.CloudEventHeaders;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

/**
 * A CloudEvent received from Kafka in binary mode: the attributes come from the
 * {@code ce_*} headers, the data is the record value.
 *
 * @param id {@code ce_id}, the key consumers deduplicate by
 * @param eventType the logical type, e.g. {@code SteckbriefPublished}
 * @param source {@code ce_source}
 * @param subject {@code ce_subject}, the aggregate id
 * @param time {@code ce_time}
 * @param payload the JSON data
 */
public record IncomingEvent(String id, String eventType, String source, String subject, Instant time, String payload) {

	/**
	 * Reads the envelope.
	 * @throws UnprocessableEventException if a required attribute is missing or
	 * malformed; such a record can never succeed and belongs in the dead-letter topic
	 */
	public static IncomingEvent from(Message<byte[]> message) {
		MessageHeaders headers = message.getHeaders();
		String id = required(headers, CloudEventHeaders.ID);
		String ceType = required(headers, CloudEventHeaders.TYPE);
		String eventType;
		try {
			eventType = CloudEventHeaders.eventType(ceType);
		}
		catch (IllegalArgumentException ex) {
			throw new UnprocessableEventException("unknown ce_type '" + ceType + "'");
		}
		String time = text(attribute(headers, CloudEventHeaders.TIME));
		Instant occurredAt;
		try {
			occurredAt = (time != null) ? Instant.parse(time) : null;
		}
		catch (DateTimeParseException ex) {
			throw new UnprocessableEventException("ce_time is not an RFC 3339 timestamp: '" + time + "'");
		}
		byte[] data = message.getPayload();
		if (data == null || data.length == 0) {
			throw new UnprocessableEventException("event " + id + " has no data");
		}
		return new IncomingEvent(id, eventType, text(attribute(headers, CloudEventHeaders.SOURCE)),
				text(attribute(headers, CloudEventHeaders.SUBJECT)), occurredAt,
				new String(data, StandardCharsets.UTF_8));
	}

	/**
	 * Reads the data into the consumer's own record (tolerant reader: unknown fields are
	 * ignored).
	 * @throws UnprocessableEventException if the data is not JSON of the expected shape
	 */
	public <T> T data(JsonMapper jsonMapper, Class<T> type) {
		try {
			return jsonMapper.readValue(this.payload, type);
		}
		catch (JacksonException ex) {
			throw new UnprocessableEventException(
					"data of " + this.eventType + " " + this.id + " is unreadable: " + ex.getOriginalMessage(), ex);
		}
	}

	private static String required(MessageHeaders headers, String name) {
		String value = text(attribute(headers, name));
		if (value == null || value.isBlank()) {
			throw new UnprocessableEventException("header " + name + " is missing");
		}
		return value;
	}

	/**
	 * Spring Cloud Function recognises CloudEvents and may hand the function the
	 * attributes under the canonical {@code ce-} prefix instead of Kafka's {@code ce_}.
	 */
	private static Object attribute(MessageHeaders headers, String kafkaName) {
		Object value = headers.get(kafkaName);
		return (value != null) ? value : headers.get("ce-" + kafkaName.substring(3));
	}

	private static String text(Object value) {
		if (value instanceof byte[] bytes) {
			return new String(bytes, StandardCharsets.UTF_8);
		}
		return (value != null) ? value.toString() : null;
	}

}
