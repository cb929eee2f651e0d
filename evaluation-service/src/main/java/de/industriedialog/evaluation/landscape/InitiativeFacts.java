package de.industriedialog.evaluation.landscape;

import java.util.List;
import java.util.Optional;

import de.industriedialog.platform.messaging.IncomingEvent;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The initiative facts for other read models (the KPI views): reading them, and emptying
 * and replaying them when all KPI views are rebuilt from the topics.
 */
@Component
public class InitiativeFacts {

	private final MongoTemplate mongo;

	private final LandscapeProjection projection;

	InitiativeFacts(MongoTemplate mongo, LandscapeProjection projection) {
		this.mongo = mongo;
		this.projection = projection;
	}

	/** Every initiative ever seen, published or withdrawn. */
	public List<InitiativeFact> all() {
		Query all = new Query();
		all.fields().exclude("appliedEventIds");
		return this.mongo.find(all, InitiativeFact.class);
	}

	public Optional<InitiativeFact> find(String initiativeId) {
		return Optional.ofNullable(this.mongo.findById(initiativeId, InitiativeFact.class));
	}

	/**
	 * Applies a Steckbrief event exactly as the live consumer does (idempotent).
	 * @return the id of the initiative it is about, {@code null} for another event type
	 */
	public String apply(IncomingEvent event) {
		return this.projection.apply(event);
	}

	/** Empties the facts before a replay from offset 0. */
	public void clear() {
		this.mongo.remove(new Query(), InitiativeFact.COLLECTION);
	}

	/** Tabelle 1 over the given facts (only the published ones are counted). */
	public static InitiativeLandscape landscapeOf(List<InitiativeFact> facts) {
		return InitiativeLandscape.of(facts.stream().filter(InitiativeFact::published).toList());
	}

}
