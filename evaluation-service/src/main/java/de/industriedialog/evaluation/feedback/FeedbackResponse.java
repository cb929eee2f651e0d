package de.industriedialog.evaluation.feedback;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One anonymous response, as written: the answers and, in the same document, the
 * {@code FeedbackSubmitted} event waiting for the outbox relay. Holds no token, token
 * hash, device id, name or e-mail address, so it cannot be traced back to a person.
 *
 * @param id random, not derived from anything about the person
 * @param outbox pending outbox entries as plain documents (see
 * {@link ResponseWriter#entry})
 */
@Document(FeedbackResponse.COLLECTION)
record FeedbackResponse(@Id String id, String eventId, String initiativeId, String questionnaireId,
		int questionnaireVersion, String participantGroup, Map<String, String> answers,
		Map<String, String> customAnswers, String good, String improve, Channel channel, Instant submittedAt,
		List<org.bson.Document> outbox) {

	static final String COLLECTION = "feedback_responses";

}
