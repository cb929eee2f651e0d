package de.industriedialog.events.retention;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import de.industriedialog.events.dialogueevent.DialogueEvent;
import de.industriedialog.events.dialogueevent.EventStatus;
import de.industriedialog.events.registration.RegistrationAnonymisation;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Anonymises the registrations of every event that was held or cancelled longer than
 * {@code industriedialog.retention.participants-after-event} ago: the check-in list, the
 * names and addresses go, the anonymous seats stay (so do the figures). Runs daily
 * ({@link RetentionConfiguration}); idempotent, so a second run, or a run on another
 * replica, changes nothing. Logs counts only.
 */
@Component
public class ParticipantRetention {

	private static final Logger log = LoggerFactory.getLogger(ParticipantRetention.class);

	/** Event ids per query of registrations: bounds the size of one {@code $in}. */
	private static final int EVENTS_PER_QUERY = 200;

	private final MongoTemplate mongo;

	private final RegistrationAnonymisation anonymisation;

	private final RetentionProperties properties;

	private final Clock clock;

	ParticipantRetention(MongoTemplate mongo, RegistrationAnonymisation anonymisation, RetentionProperties properties,
			Clock clock) {
		this.mongo = mongo;
		this.anonymisation = anonymisation;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * @return how many registrations were anonymised in this run
	 */
	public int run() {
		Instant cutoff = this.clock.instant().minus(this.properties.participantsAfterEvent());
		List<String> events = finishedBefore(cutoff);
		int anonymised = 0;
		for (int from = 0; from < events.size(); from += EVENTS_PER_QUERY) {
			List<String> chunk = events.subList(from, Math.min(events.size(), from + EVENTS_PER_QUERY));
			int batch;
			do {
				batch = this.anonymisation.anonymiseNextOf(chunk, this.properties.batchSize());
				anonymised += batch;
			}
			while (batch > 0);
		}
		log.info("Retention: {} registration(s) of {} event(s) past the retention period anonymised", anonymised,
				events.size());
		return anonymised;
	}

	/**
	 * The events held or cancelled before {@code cutoff}. When it was held or cancelled
	 * is the last change ({@code changedAt}: a held or cancelled event cannot change any
	 * more); a held event counts from its end if that is later, so an event recorded as
	 * held before it ended keeps its list for the whole period after it.
	 */
	private List<String> finishedBefore(Instant cutoff) {
		Date before = Date.from(cutoff);
		Query query = Query.query(Criteria.where("status")
			.in(EventStatus.HELD.name(), EventStatus.CANCELLED.name())
			.and("changedAt")
			.lt(before));
		query.fields().include("_id", "status", "end");
		List<String> ids = new ArrayList<>();
		for (Document event : this.mongo.find(query, Document.class, DialogueEvent.COLLECTION)) {
			Date end = event.getDate("end");
			boolean held = EventStatus.HELD.name().equals(event.getString("status"));
			if (!held || end == null || end.before(before)) {
				ids.add(String.valueOf(event.get("_id")));
			}
		}
		return ids;
	}

}
