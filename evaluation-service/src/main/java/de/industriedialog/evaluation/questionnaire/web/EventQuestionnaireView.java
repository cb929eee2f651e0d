package de.industriedialog.evaluation.questionnaire.web;

import java.time.OffsetDateTime;
import java.util.List;

import de.industriedialog.evaluation.questionnaire.CustomQuestion;
import de.industriedialog.evaluation.questionnaire.Questionnaire;

/**
 * The questionnaire of one event as the form page and the organiser's portal show it.
 *
 * @param eventStart in Europe/Berlin
 * @param eventLinkEnabled whether a shared event link is active
 * @param answered whether the event has a response: from then on its custom questions are
 * locked and can no longer be changed
 */
record EventQuestionnaireView(String eventId, String eventTitle, OffsetDateTime eventStart, Questionnaire questionnaire,
		List<CustomQuestion> customQuestions, boolean eventLinkEnabled, boolean answered) {

}
