package de.industriedialog.newsletter.content;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The latest public snapshot of an initiative, kept from {@code dialog.initiatives.v1}.
 *
 * @param state Bundesland code, {@code null} when unknown
 * @param city {@code null} when unknown
 * @param firstPublishedAt when the Steckbrief was published for the first time; a
 * republication after a withdrawal does not make it new again
 */
@Document(NewsInitiative.COLLECTION)
record NewsInitiative(@Id String initiativeId, String name, String level, String state, String city,
		Instant firstPublishedAt, boolean withdrawn, long version) {

	static final String COLLECTION = "news_initiatives";

}
