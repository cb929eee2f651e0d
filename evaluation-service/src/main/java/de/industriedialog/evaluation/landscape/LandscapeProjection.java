package de.industriedialog.evaluation.landscape;

import java.util.List;

import de.industriedialog.platform.messaging.IdempotentProjection;
import de.industriedialog.platform.messaging.IncomingEvent;
import de.industriedialog.platform.messaging.UnprocessableEventException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Applies Steckbrief events to {@link InitiativeFact}s, idempotently (see
 * {@link IdempotentProjection}).
 */
@Component
class LandscapeProjection {

	private static final Logger log = LoggerFactory.getLogger(LandscapeProjection.class);

	private final MongoTemplate mongo;

	private final JsonMapper jsonMapper;

	LandscapeProjection(MongoTemplate mongo, JsonMapper jsonMapper) {
		this.mongo = mongo;
		this.jsonMapper = jsonMapper;
	}

	/**
	 * @return the id of the initiative the event is about, {@code null} if it is none of
	 * the Steckbrief events (whether or not it changed a fact: it may have been applied
	 * already)
	 */
	String apply(IncomingEvent event) {
		return switch (event.eventType()) {
			case "SteckbriefPublished", "SteckbriefUpdated" -> {
				SteckbriefFacts facts = facts(event);
				applyIfNewer(event.id(), facts,
						new Update().set("name", facts.name())
							.set("foundingYear", facts.foundingYear())
							.set("level", facts.level())
							.set("type", facts.type())
							.set("state", facts.state())
							.set("composition", facts.composition())
							.set("goalCategories",
									(facts.goalCategories() != null) ? facts.goalCategories() : List.of())
							.set("published", true));
				yield facts.initiativeId();
			}
			case "SteckbriefWithdrawn" -> {
				SteckbriefFacts facts = facts(event);
				applyIfNewer(event.id(), facts, new Update().set("published", false));
				yield facts.initiativeId();
			}
			default -> {
				log.debug("Ignoring event type {} ({})", event.eventType(), event.id());
				yield null;
			}
		};
	}

	private SteckbriefFacts facts(IncomingEvent event) {
		SteckbriefFacts facts = event.data(this.jsonMapper, SteckbriefFacts.class);
		if (facts.initiativeId() == null || facts.version() == null) {
			throw new UnprocessableEventException(
					event.eventType() + " " + event.id() + " lacks initiativeId or version");
		}
		return facts;
	}

	private boolean applyIfNewer(String eventId, SteckbriefFacts facts, Update update) {
		return IdempotentProjection.applyIfNewer(this.mongo, InitiativeFact.COLLECTION, facts.initiativeId(),
				facts.version(), eventId, update);
	}

}
