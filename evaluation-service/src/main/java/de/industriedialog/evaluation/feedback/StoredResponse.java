package de.industriedialog.evaluation.feedback;

import java.util.Map;

import org.springframework.data.annotation.Id;

/**
 * A stored response as the results read it.
 *
 * @param answers standard item id → option code, answered items only
 * @param customAnswers custom question id → option code or free text
 * @param channel how the participant reached the form
 */
public record StoredResponse(@Id String id, String participantGroup, Map<String, String> answers,
		Map<String, String> customAnswers, String good, String improve, Channel channel) {

	public StoredResponse {
		answers = (answers != null) ? Map.copyOf(answers) : Map.of();
		customAnswers = (customAnswers != null) ? Map.copyOf(customAnswers) : Map.of();
	}

}
