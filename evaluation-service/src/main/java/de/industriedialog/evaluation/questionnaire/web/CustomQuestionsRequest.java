package de.industriedialog.evaluation.questionnaire.web;

import java.util.List;

import de.industriedialog.evaluation.questionnaire.CustomQuestionDraft;
import io.swagger.v3.oas.annotations.media.Schema;

/** The body of PUT custom-questions: the complete list, replacing the previous one. */
record CustomQuestionsRequest(@Schema(description = "Up to 5 questions; an empty list removes them",
		example = "[{\"type\":\"SINGLE_CHOICE\",\"text\":\"Wie hast du von der Veranstaltung erfahren?\","
				+ "\"options\":[\"Schule\",\"Freunde\",\"Internet\"]}]") List<CustomQuestionDraft> questions) {

}
