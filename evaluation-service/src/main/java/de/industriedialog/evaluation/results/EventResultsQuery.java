package de.industriedialog.evaluation.results;

import de.industriedialog.evaluation.eventreplica.DialogueEventReplica;
import de.industriedialog.evaluation.eventreplica.EventOrganisers;
import de.industriedialog.evaluation.feedback.FeedbackProperties;
import de.industriedialog.evaluation.feedback.FeedbackResponses;
import de.industriedialog.evaluation.questionnaire.EventForms;
import de.industriedialog.evaluation.questionnaire.StandardQuestionnaire;
import de.industriedialog.platform.security.CurrentUser;

import org.springframework.stereotype.Service;

/**
 * The results of an event, for its organiser and staff only. Computed from the stored
 * responses at read time, so they are always in step with what was submitted.
 */
@Service
public class EventResultsQuery {

	private final EventOrganisers organisers;

	private final EventForms forms;

	private final FeedbackResponses responses;

	private final ResultsCalculator calculator;

	EventResultsQuery(EventOrganisers organisers, EventForms forms, FeedbackResponses responses,
			FeedbackProperties properties) {
		this.organisers = organisers;
		this.forms = forms;
		this.responses = responses;
		this.calculator = new ResultsCalculator(properties.minGroupSize());
	}

	public EventResults results(CurrentUser user, String eventId) {
		DialogueEventReplica event = this.organisers.requireOrganiser(user, eventId,
				"Die Auswertung einer Veranstaltung sehen nur die veranstaltende Initiative und die Geschäftsstelle.");
		return this.calculator.calculate(eventId, event.title(), StandardQuestionnaire.DEFINITION,
				this.forms.current(eventId).customQuestions(), this.responses.of(eventId));
	}

}
