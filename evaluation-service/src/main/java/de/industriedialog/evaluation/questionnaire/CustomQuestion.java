package de.industriedialog.evaluation.questionnaire;

import java.util.List;

/**
 * A question an organiser added to the questionnaire of one event.
 *
 * @param id {@code C1} … {@code C5}, the key of its answer in a response
 * @param options the answers it offers ({@code O1} … for single choice, the agreement
 * scale for Likert), empty for free text
 * @param maxLength the longest answer for free text, else {@code null}
 */
public record CustomQuestion(String id, CustomQuestionType type, String text, List<AnswerOption> options,
		Integer maxLength) {

	public CustomQuestion {
		options = (options != null) ? List.copyOf(options) : List.of();
	}

	public boolean offers(String code) {
		return this.options.stream().anyMatch((option) -> option.code().equals(code));
	}

	/** As a closed item, for answer checks and results; not for free text. */
	public QuestionnaireItem asItem() {
		return new QuestionnaireItem(this.id, this.text, this.options, this.type == CustomQuestionType.LIKERT);
	}

}
