package de.industriedialog.evaluation.questionnaire;

import java.util.List;

import com.mongodb.client.result.UpdateResult;
import de.industriedialog.evaluation.eventreplica.EventOrganisers;
import de.industriedialog.platform.security.CurrentUser;
import de.industriedialog.platform.web.ConflictException;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * The custom questions of each event. Changing them and locking them for answers are both
 * conditional single-document writes on {@link EventForm#revision()}, so a change racing
 * the first response either lands before the response is checked or is refused: no stored
 * answer ever refers to a question that was reworded afterwards.
 */
@Service
public class EventForms {

	static final String ORGANISERS_ONLY = "Eigene Fragen können nur die veranstaltende Initiative und die Geschäftsstelle "
			+ "festlegen.";

	private final MongoTemplate mongo;

	private final EventOrganisers organisers;

	EventForms(MongoTemplate mongo, EventOrganisers organisers) {
		this.mongo = mongo;
		this.organisers = organisers;
	}

	public FormRevision current(String eventId) {
		EventForm form = find(eventId);
		return new FormRevision(form.revision(), form.customQuestions());
	}

	/**
	 * Whether the custom questions are frozen: set before the first response is stored,
	 * and from then on {@link #replaceCustomQuestions} refuses every change.
	 */
	public boolean answered(String eventId) {
		return find(eventId).answered();
	}

	/**
	 * Replaces all custom questions of an event (an empty list removes them).
	 * @throws ConflictException once the event has a response, or when someone else
	 * changed the questions at the same moment
	 */
	public List<CustomQuestion> replaceCustomQuestions(CurrentUser user, String eventId,
			List<CustomQuestionDraft> drafts) {
		this.organisers.requireOrganiser(user, eventId, ORGANISERS_ONLY);
		List<CustomQuestion> questions = CustomQuestionRules.questions(drafts);
		EventForm form = find(eventId);
		if (form.answered()) {
			throw locked();
		}
		Query unchanged = Query
			.query(Criteria.where("_id").is(eventId).and("revision").is(form.revision()).and("answered").ne(true));
		Update update = new Update().set("customQuestions", questions)
			.set("revision", form.revision() + 1)
			.set("answered", false);
		try {
			this.mongo.upsert(unchanged, update, EventForm.class);
			return questions;
		}
		catch (DuplicateKeyException ex) {
			// The document exists but no longer at the revision read above.
			if (find(eventId).answered()) {
				throw locked();
			}
			throw new ConflictException("Die Fragen wurden gerade von jemand anderem geändert. "
					+ "Bitte laden Sie die Seite neu und übernehmen Sie Ihre Änderungen noch einmal.");
		}
	}

	/**
	 * Freezes the custom questions at the revision a response was checked against.
	 * Idempotent, so parallel submits of one event all pass.
	 * @return {@code false} if the questions changed since {@code read}
	 */
	public boolean lockForAnswers(String eventId, FormRevision read) {
		Query unchanged = Query.query(Criteria.where("_id").is(eventId).and("revision").is(read.revision()));
		Update answered = new Update().set("answered", true);
		try {
			this.mongo.upsert(unchanged, answered, EventForm.class);
			return true;
		}
		catch (DuplicateKeyException ex) {
			// Either another revision, or a parallel submit inserted the document first.
			UpdateResult result = this.mongo.updateFirst(unchanged, answered, EventForm.class);
			return result.getMatchedCount() > 0;
		}
	}

	private EventForm find(String eventId) {
		EventForm form = this.mongo.findById(eventId, EventForm.class);
		return (form != null) ? form : EventForm.empty(eventId);
	}

	private static ConflictException locked() {
		return new ConflictException("Zu dieser Veranstaltung gibt es schon Antworten. Die eigenen Fragen "
				+ "können deshalb nicht mehr geändert werden, sonst passten die Antworten nicht mehr zu den Fragen.");
	}

}
