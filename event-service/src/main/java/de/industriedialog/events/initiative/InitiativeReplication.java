package de.industriedialog.events.initiative;

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

/** Keeps {@link InitiativeReplica}s current from the registry's events. */
@Configuration(proxyBeanMethods = false)
public class InitiativeReplication {

	private final MongoTemplate mongo;

	private final JsonMapper jsonMapper;

	InitiativeReplication(MongoTemplate mongo, JsonMapper jsonMapper) {
		this.mongo = mongo;
		this.jsonMapper = jsonMapper;
	}

	@Bean
	Consumer<Message<byte[]>> initiativeEvents(MeterRegistry meterRegistry) {
		return EventConsumers.of("initiativeEvents", this::apply, meterRegistry);
	}

	public Optional<InitiativeReplica> find(String initiativeId) {
		return Optional.ofNullable(this.mongo.findById(initiativeId, InitiativeReplica.class));
	}

	void apply(IncomingEvent event) {
		Boolean published = switch (event.eventType()) {
			case "SteckbriefPublished", "SteckbriefUpdated" -> true;
			case "SteckbriefWithdrawn" -> false;
			default -> null; // a type this service does not need
		};
		if (published == null) {
			return;
		}
		Facts facts = event.data(this.jsonMapper, Facts.class);
		if (facts.initiativeId() == null || facts.version() == null) {
			throw new UnprocessableEventException(
					event.eventType() + " " + event.id() + " lacks initiativeId or version");
		}
		Update update = new Update().set("published", published);
		if (published) {
			update.set("name", facts.name()).set("state", facts.state());
		}
		IdempotentProjection.applyIfNewer(this.mongo, InitiativeReplica.COLLECTION, facts.initiativeId(),
				facts.version(), event.id(), update);
	}

	/** The fields of the Steckbrief events this service reads. */
	record Facts(String initiativeId, Long version, String name, String state) {
	}

}
