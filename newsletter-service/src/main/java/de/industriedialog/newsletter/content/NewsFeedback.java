package de.industriedialog.newsletter.content;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One anonymous response from {@code dialog.feedback.v1}, inserted once by its id and
 * never changed. Only the answer the Infobrief reports is kept.
 *
 * @param q1 the answer to „Die Veranstaltung hat meine Erwartungen getroffen" (FULLY,
 * MOSTLY, PARTLY, NOT_AT_ALL), {@code null} when not answered
 */
@Document(NewsFeedback.COLLECTION)
record NewsFeedback(@Id String responseId, String eventId, String q1) {

	static final String COLLECTION = "news_feedback";

}
