package de.industriedialog.evaluation.questionnaire;

import java.util.List;
import java.util.Optional;

/**
 * A versioned questionnaire definition. Responses keep the id and version they answered,
 * so a later version can change items without reinterpreting old answers.
 *
 * @param items the closed questions, in the order of the form
 * @param participantGroup the question for the participant's group
 * @param freeTexts the open questions
 */
public record Questionnaire(String id, int version, List<QuestionnaireItem> items, QuestionnaireItem participantGroup,
		List<FreeTextField> freeTexts) {

	public Questionnaire {
		items = List.copyOf(items);
		freeTexts = List.copyOf(freeTexts);
	}

	public Optional<QuestionnaireItem> item(String itemId) {
		return this.items.stream().filter((item) -> item.id().equals(itemId)).findFirst();
	}

}
