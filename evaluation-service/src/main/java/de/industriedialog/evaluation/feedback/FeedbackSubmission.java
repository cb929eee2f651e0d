package de.industriedialog.evaluation.feedback;

import java.util.Map;

/**
 * A filled-in form as the participant's browser sends it.
 *
 * @param token the personal token from the mail, or
 * @param link the token of the event's shared link
 * @param deviceId a random UUID the browser keeps; required with {@code link}, never
 * stored as such
 * @param answers standard item id → option code
 * @param customAnswers custom question id → option code or free text
 */
public record FeedbackSubmission(String token, String link, String deviceId, String participantGroup,
		Map<String, String> answers, Map<String, String> customAnswers, String good, String improve) {

}
