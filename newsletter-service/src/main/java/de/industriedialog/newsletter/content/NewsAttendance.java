package de.industriedialog.newsletter.content;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One registration as its latest event on {@code dialog.registrations.v1} leaves it: the
 * participant counts as attended while that event is a check-in (an undo or a
 * cancellation is a later version). The same rule as the KPI dashboard, so both show the
 * same number; the count per event is a query over these documents, which makes
 * redelivery harmless.
 */
@Document(NewsAttendance.COLLECTION)
record NewsAttendance(@Id String registrationId, String eventId, boolean checkedIn, long version) {

	static final String COLLECTION = "news_attendance";

}
