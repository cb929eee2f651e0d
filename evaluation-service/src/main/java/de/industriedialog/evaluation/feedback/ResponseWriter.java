package de.industriedialog.evaluation.feedback;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import de.industriedialog.contracts.Topics;
import de.industriedialog.evaluation.questionnaire.QuestionnaireItem;
import de.industriedialog.evaluation.questionnaire.StandardQuestionnaire;
import de.industriedialog.platform.messaging.OutboxEvent;
import de.industriedialog.platform.messaging.OutboxEvents;
import de.industriedialog.platform.messaging.OutboxRelay;
import org.bson.Document;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Builds a response with its {@code FeedbackSubmitted} event and stores both in one
 * single-document insert (docs/adr/0002), so a response is never stored unannounced nor
 * announced unstored.
 */
@Component
class ResponseWriter {

	static final String EVENT_TYPE = "FeedbackSubmitted";

	private final MongoTemplate mongo;

	private final OutboxEvents outboxEvents;

	private final Clock clock;

	private final ObjectProvider<OutboxRelay> relay;

	ResponseWriter(MongoTemplate mongo, OutboxEvents outboxEvents, Clock clock, ObjectProvider<OutboxRelay> relay) {
		this.mongo = mongo;
		this.outboxEvents = outboxEvents;
		this.clock = clock;
		this.relay = relay;
	}

	/**
	 * Builds the document; the event is checked against the contract here, before the
	 * caller spends the participant's single use.
	 */
	FeedbackResponse prepare(FeedbackAccess.Access access, ValidAnswers answers) {
		String id = UUID.randomUUID().toString();
		Instant now = this.clock.instant();
		Map<String, String> allItems = new LinkedHashMap<>();
		for (QuestionnaireItem item : StandardQuestionnaire.DEFINITION.items()) {
			allItems.put(item.id(), answers.answers().get(item.id()));
		}
		FeedbackSubmittedPayload payload = new FeedbackSubmittedPayload(id, access.eventId(), access.initiativeId(),
				StandardQuestionnaire.ID, StandardQuestionnaire.VERSION, answers.participantGroup(), allItems,
				access.channel().name(), now.toString(), 1, now.toString());
		OutboxEvent event = this.outboxEvents.create(Topics.FEEDBACK_V1, EVENT_TYPE, access.eventId(), payload, now);
		return new FeedbackResponse(id, access.eventId(), access.initiativeId(), StandardQuestionnaire.ID,
				StandardQuestionnaire.VERSION, answers.participantGroup(), answers.answers(), answers.customAnswers(),
				answers.good(), answers.improve(), access.channel(), now, List.of(event.toDocument()));
	}

	/**
	 * The response as it will be stored, so that it can be kept with the spent right
	 * until it is (see {@link Feedback#submit}).
	 */
	Document document(FeedbackResponse response) {
		Document document = new Document();
		this.mongo.getConverter().write(response, document);
		return document;
	}

	/**
	 * Stores the response, once however often it is called with the same document (the id
	 * decides), and lets the relay publish its event at once by id, instead of finding it
	 * by scanning a collection that grows by one document per response (docs/adr/0007). A
	 * hint lost in a crash is caught by the relay's safety scan.
	 * @param response a document from {@link #document}
	 */
	void store(Document response) {
		String id = response.getString("_id");
		try {
			// a copy: the driver may add to the document it inserts
			this.mongo.insert(new Document(response), FeedbackResponse.COLLECTION);
		}
		catch (DuplicateKeyException ex) {
			// stored by an earlier try or by the recovery: the same response
		}
		this.relay.ifAvailable((relay) -> relay.hint(FeedbackResponse.COLLECTION, id));
	}

}
