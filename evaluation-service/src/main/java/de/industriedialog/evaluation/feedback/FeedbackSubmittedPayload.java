package de.industriedialog.evaluation.feedback;

import java.util.Map;

/**
 * The payload of {@code FeedbackSubmitted} (contracts/schemas). Standard items only: free
 * texts and custom questions stay in this service.
 *
 * @param answers Q1 … Q5, {@code null} where not answered
 */
record FeedbackSubmittedPayload(String responseId, String eventId, String initiativeId, String questionnaireId,
		int questionnaireVersion, String participantGroup, Map<String, String> answers, String channel,
		String submittedAt, long version, String occurredAt) {

}
