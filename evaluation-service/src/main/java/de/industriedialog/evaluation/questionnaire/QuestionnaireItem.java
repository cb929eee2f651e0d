package de.industriedialog.evaluation.questionnaire;

import java.util.List;

/**
 * A closed question of the questionnaire with its answer options, best first.
 *
 * @param topTwo whether the first two options together are reported as the "top two"
 * share (the four-step scales)
 */
public record QuestionnaireItem(String id, String text, List<AnswerOption> options, boolean topTwo) {

	public QuestionnaireItem {
		options = List.copyOf(options);
	}

	public boolean offers(String code) {
		return this.options.stream().anyMatch((option) -> option.code().equals(code));
	}

}
