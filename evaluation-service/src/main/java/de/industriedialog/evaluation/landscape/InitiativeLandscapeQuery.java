package de.industriedialog.evaluation.landscape;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Counts the published initiatives of the view. */
@Component
public class InitiativeLandscapeQuery {

	private final MongoTemplate mongo;

	InitiativeLandscapeQuery(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	public InitiativeLandscape current() {
		Query published = Query.query(Criteria.where("published").is(true));
		published.fields().exclude("appliedEventIds");
		return InitiativeLandscape.of(this.mongo.find(published, InitiativeFact.class));
	}

}
