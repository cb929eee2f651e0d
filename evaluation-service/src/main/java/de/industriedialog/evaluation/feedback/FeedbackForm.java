package de.industriedialog.evaluation.feedback;

import java.time.OffsetDateTime;
import java.util.List;

import de.industriedialog.evaluation.questionnaire.CustomQuestion;
import de.industriedialog.evaluation.questionnaire.Questionnaire;

/**
 * What the form page needs before a participant fills anything in.
 *
 * @param eventTitle {@code null} if the event is not yet known here
 * @param eventStart in Europe/Berlin, {@code null} if not known
 */
public record FeedbackForm(String eventId, String eventTitle, OffsetDateTime eventStart, Channel channel,
		Questionnaire questionnaire, List<CustomQuestion> customQuestions) {

}
