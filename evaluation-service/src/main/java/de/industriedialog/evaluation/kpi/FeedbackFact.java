package de.industriedialog.evaluation.kpi;

import java.util.Map;

/**
 * One anonymous response as {@code FeedbackSubmitted} carries it ({@code kpi_feedback});
 * written once, never changed.
 *
 * @param group the participant group, {@code null} when not answered
 * @param answers item id (Q1 … Q5) → answer code, unanswered items left out
 */
record FeedbackFact(String responseId, String eventId, String group, Map<String, String> answers) {

	FeedbackFact {
		answers = Map.copyOf(answers);
	}

}
