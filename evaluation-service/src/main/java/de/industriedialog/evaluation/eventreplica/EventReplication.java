package de.industriedialog.evaluation.eventreplica;

import java.util.Optional;
import java.util.function.Consumer;

import de.industriedialog.platform.messaging.EventConsumers;
import de.industriedialog.platform.messaging.IdempotentProjection;
import de.industriedialog.platform.messaging.IncomingEvent;
import de.industriedialog.platform.messaging.UnprocessableEventException;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.messaging.Message;

/**
 * Keeps {@link DialogueEventReplica}s current from {@code dialog.events.v1}. Every event
 * is a full snapshot with the aggregate version, so one conditional upsert per event
 * (ce_id seen, version newer) makes redelivery, replay and late stale events harmless.
 */
@Configuration(proxyBeanMethods = false)
public class EventReplication {

	private final MongoTemplate mongo;

	private final JsonMapper jsonMapper;

	EventReplication(MongoTemplate mongo, JsonMapper jsonMapper) {
		this.mongo = mongo;
		this.jsonMapper = jsonMapper;
	}

	@Bean
	Consumer<Message<byte[]>> dialogueEvents(MeterRegistry meterRegistry) {
		return EventConsumers.of("dialogueEvents", this::apply, meterRegistry);
	}

	public Optional<DialogueEventReplica> find(String eventId) {
		return Optional.ofNullable(this.mongo.findById(eventId, DialogueEventReplica.class));
	}

	void apply(IncomingEvent event) {
		switch (event.eventType()) {
			case "DialogueEventScheduled", "DialogueEventUpdated", "DialogueEventHeld", "DialogueEventCancelled" -> {
				EventFacts facts = event.data(this.jsonMapper, EventFacts.class);
				if (facts.eventId() == null || facts.initiativeId() == null || facts.version() == null) {
					throw new UnprocessableEventException(
							event.eventType() + " " + event.id() + " lacks eventId, initiativeId or version");
				}
				Update update = new Update().set("initiativeId", facts.initiativeId())
					.set("title", facts.title())
					.set("start", (facts.start() != null) ? facts.start().toInstant() : null)
					.set("end", (facts.end() != null) ? facts.end().toInstant() : null)
					.set("format", facts.format())
					.set("city", facts.city())
					.set("state", facts.state())
					.set("status", facts.status());
				IdempotentProjection.applyIfNewer(this.mongo, DialogueEventReplica.COLLECTION, facts.eventId(),
						facts.version(), event.id(), update);
			}
			default -> {
				// a type this service does not need
			}
		}
	}

}
