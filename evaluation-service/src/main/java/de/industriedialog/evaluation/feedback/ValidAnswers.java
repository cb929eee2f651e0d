package de.industriedialog.evaluation.feedback;

import java.util.Map;

/**
 * Answers that passed {@link AnswerRules}: only known items and codes, unanswered items
 * left out, free texts exactly as typed.
 */
record ValidAnswers(String participantGroup, Map<String, String> answers, Map<String, String> customAnswers,
		String good, String improve) {

}
