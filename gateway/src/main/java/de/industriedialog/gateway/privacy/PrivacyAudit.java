package de.industriedialog.gateway.privacy;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import de.industriedialog.platform.privacy.PrivacyRequestKind;
import org.bson.Document;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Who on the staff did what on a person's behalf, and when ({@value #COLLECTION}): the
 * record of a request received by letter. Only the subject key, never the address, and
 * never anything of the export.
 */
@Component
class PrivacyAudit {

	static final String COLLECTION = "privacy_audit";

	private final MongoTemplate mongo;

	private final Clock clock;

	PrivacyAudit(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	void record(String staff, Action action, PrivacyRequestRecord request) {
		this.mongo.insert(new Document("at", Date.from(this.clock.instant())).append("staff", staff)
			.append("action", action.name())
			.append("requestId", request.id())
			.append("kind", request.kind().name())
			.append("subjectKey", request.subjectKey()), COLLECTION);
	}

	/** The newest entries first. */
	List<Entry> newest(int limit) {
		return this.mongo
			.find(new Query().with(Sort.by(Sort.Direction.DESC, "at")).limit(limit), Document.class, COLLECTION)
			.stream()
			.map((document) -> new Entry(document.getDate("at").toInstant(), document.getString("staff"),
					Action.valueOf(document.getString("action")), document.getString("requestId"),
					PrivacyRequestKind.valueOf(document.getString("kind"))))
			.toList();
	}

	long deleteBefore(Instant before) {
		return this.mongo.remove(Query.query(Criteria.where("at").lt(Date.from(before))), COLLECTION).getDeletedCount();
	}

	enum Action {

		/** Staff entered a request received by letter. */
		REQUESTED,
		/** Staff checked the sender's identity by letter, which verifies the request. */
		VERIFIED_BY_LETTER,
		/** Staff downloaded the export to send it by letter. */
		DOWNLOADED

	}

	record Entry(Instant at, String staff, Action action, String requestId, PrivacyRequestKind kind) {
	}

}
