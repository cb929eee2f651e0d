package de.industriedialog.evaluation.questionnaire;

import java.util.List;
import java.util.Optional;

/**
 * The custom questions of an event as read at one revision; pass it back to
 * {@link EventForms#lockForAnswers(String, FormRevision)} to make sure they did not
 * change in between.
 */
public record FormRevision(long revision, List<CustomQuestion> customQuestions) {

	public Optional<CustomQuestion> question(String id) {
		return this.customQuestions.stream().filter((question) -> question.id().equals(id)).findFirst();
	}

}
