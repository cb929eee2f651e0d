package de.industriedialog.platform.messaging;

import java.time.Instant;
import java.util.UUID;

import de.industriedialog.contracts.EventContracts;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creates {@link OutboxEvent}s. Every payload is checked against its published JSON
 * Schema here, before it can reach the database, so an event that breaks the wire
 * contract is never stored and therefore never published.
 */
public class OutboxEvents {

	private final JsonMapper jsonMapper;

	private final EventContracts contracts;

	private final OutboxTracing tracing;

	public OutboxEvents(JsonMapper jsonMapper, EventContracts contracts) {
		this(jsonMapper, contracts, OutboxTracing.NONE);
	}

	/**
	 * @param tracing records the current trace in each entry, so that its publication
	 * continues the trace of the change
	 */
	public OutboxEvents(JsonMapper jsonMapper, EventContracts contracts, OutboxTracing tracing) {
		this.jsonMapper = jsonMapper;
		this.contracts = contracts;
		this.tracing = tracing;
	}

	/**
	 * Serializes and validates a payload.
	 * @throws de.industriedialog.contracts.ContractViolationException if the payload does
	 * not satisfy the schema of {@code eventType}
	 */
	public OutboxEvent create(String topic, String eventType, String aggregateId, Object payload, Instant occurredAt) {
		return create(topic, eventType, aggregateId, aggregateId, payload, occurredAt);
	}

	public OutboxEvent create(String topic, String eventType, String key, String aggregateId, Object payload,
			Instant occurredAt) {
		String json = this.jsonMapper.writeValueAsString(payload);
		this.contracts.requireValid(eventType, json);
		return new OutboxEvent(UUID.randomUUID().toString(), topic, eventType, key, aggregateId, json, occurredAt,
				this.tracing.currentTraceparent());
	}

}
