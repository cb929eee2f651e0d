package de.industriedialog.evaluation.feedback;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The right of one checked-in participant to answer the questionnaire of an event once,
 * known only by the SHA-256 of the token event-service mailed. Deliberately without
 * registration id and without any time of use: together with a response's
 * {@code submittedAt} such a field would link the anonymous response back to a
 * registration.
 *
 * @param version the registration's version of the last applied check-in event
 */
@Document(FeedbackToken.COLLECTION)
record FeedbackToken(@Id String tokenHash, String eventId, String initiativeId, TokenState state, long version) {

	static final String COLLECTION = "feedback_tokens";

}
