package de.industriedialog.evaluation.feedback;

import java.util.List;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Reads the stored responses of an event. */
@Component
public class FeedbackResponses {

	private final MongoTemplate mongo;

	FeedbackResponses(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	public List<StoredResponse> of(String eventId) {
		Query query = Query.query(Criteria.where("eventId").is(eventId));
		query.fields().include("participantGroup", "answers", "customAnswers", "good", "improve", "channel");
		return this.mongo.find(query, StoredResponse.class, FeedbackResponse.COLLECTION);
	}

}
