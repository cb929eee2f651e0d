package de.industriedialog.evaluation.questionnaire;

import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The event-specific part of an event's questionnaire.
 *
 * @param revision increases with every change of the custom questions; a response is
 * checked against one revision and locks exactly that one
 * @param answered set (for good) before the first response is stored: from then on the
 * questions are frozen, so every stored answer refers to the question it was given to
 */
@Document(EventForm.COLLECTION)
record EventForm(@Id String eventId, long revision, List<CustomQuestion> customQuestions, boolean answered) {

	static final String COLLECTION = "event_forms";

	EventForm {
		customQuestions = (customQuestions != null) ? List.copyOf(customQuestions) : List.of();
	}

	static EventForm empty(String eventId) {
		return new EventForm(eventId, 0, List.of(), false);
	}

}
