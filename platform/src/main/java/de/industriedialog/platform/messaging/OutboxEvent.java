package de.industriedialog.platform.messaging;

import java.time.Instant;
import java.util.Date;

import org.bson.Document;

/**
 * An event waiting to be published, embedded in the document of the aggregate that raised
 * it. Because the store may lack multi-document transactions, the state change and its
 * pending events must be one single-document write; the {@link OutboxRelay} publishes and
 * removes the entry afterwards.
 *
 * @param id the CloudEvents {@code ce_id}; consumers deduplicate by it
 * @param topic the Kafka topic
 * @param eventType the logical event type, e.g. {@code SteckbriefPublished}
 * @param key the record key (the aggregate id, or the id the topic is ordered by)
 * @param subject the CloudEvents {@code ce_subject}: the id of the aggregate
 * @param payload the JSON payload, already validated against the contract
 * @param occurredAt when the change happened ({@code ce_time})
 * @param traceparent the W3C trace context of the request or consumer that made the
 * change, so that the relay, publishing later from its own thread, continues that trace;
 * {@code null} outside a trace (and in entries written before tracing)
 */
public record OutboxEvent(String id, String topic, String eventType, String key, String subject, String payload,
		Instant occurredAt, String traceparent) {

	/** An entry outside any trace. */
	public OutboxEvent(String id, String topic, String eventType, String key, String subject, String payload,
			Instant occurredAt) {
		this(id, topic, eventType, key, subject, payload, occurredAt, null);
	}

	/**
	 * The entry as the {@link OutboxRelay} reads it from an aggregate's {@code outbox}
	 * array, for writers that push it with a conditional update. One shape for every
	 * writer: a hand-built copy once left out {@code traceparent}, and the registrations'
	 * records lost the trace of the request that made them. The id stays {@code id}
	 * (Spring Data would map a record's id to {@code _id}).
	 */
	public Document toDocument() {
		Document entry = new Document("id", this.id).append("topic", this.topic)
			.append("eventType", this.eventType)
			.append("key", this.key)
			.append("subject", this.subject)
			.append("payload", this.payload)
			.append("occurredAt", Date.from(this.occurredAt));
		if (this.traceparent != null) {
			entry.append(OutboxTracing.TRACEPARENT, this.traceparent);
		}
		return entry;
	}

}
