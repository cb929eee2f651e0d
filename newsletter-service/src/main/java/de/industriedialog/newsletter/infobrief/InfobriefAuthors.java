package de.industriedialog.newsletter.infobrief;

import java.time.Instant;
import java.util.List;

import de.industriedialog.platform.privacy.SubjectKeys;
import org.bson.Document;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The Infobriefe a staff member created: each keeps the author's account, which is the
 * person's address, so access and erasure requests (docs/adr/0015) find them by its
 * subject key. Erasure removes the author and keeps the issue: it was sent to others and
 * its report stays.
 */
@Component
public class InfobriefAuthors {

	private final MongoOperations mongo;

	private final SubjectKeys subjectKeys;

	InfobriefAuthors(MongoOperations mongo, SubjectKeys subjectKeys) {
		this.mongo = mongo;
		this.subjectKeys = subjectKeys;
		// Declared here like the service's other indexes (SubscriberStore).
		mongo.indexOps(Infobrief.class)
			.createIndex(new Index().on("createdBySubjectKey", Sort.Direction.ASC).named("infobriefe_by_author"));
	}

	public List<Authored> ofSubject(String subjectKey) {
		Query query = Query.query(Criteria.where("createdBySubjectKey").is(subjectKey)).with(Sort.by("createdAt"));
		return this.mongo.find(query, Infobrief.class)
			.stream()
			.map((issue) -> new Authored(issue.id(), issue.subject(), issue.status(), issue.createdBy(),
					issue.createdAt(), issue.sentAt()))
			.toList();
	}

	public int countOfSubject(String subjectKey) {
		return Math.toIntExact(
				this.mongo.count(Query.query(Criteria.where("createdBySubjectKey").is(subjectKey)), Infobrief.class));
	}

	/**
	 * @return how many issues named the person as author
	 */
	public int erase(String subjectKey) {
		return Math
			.toIntExact(this.mongo
				.updateMulti(Query.query(Criteria.where("createdBySubjectKey").is(subjectKey)),
						new Update().unset("createdBy").unset("createdBySubjectKey"), Infobrief.class)
				.getModifiedCount());
	}

	/**
	 * Gives the issues created before subject keys existed the key of their author (once,
	 * at startup); conditional per issue on the author and on the key still missing, so
	 * replicas running it at once write the same value once.
	 * @return how many issues got their key now
	 */
	public int backfillSubjectKeys() {
		Query missing = Query
			.query(Criteria.where("createdBySubjectKey").exists(false).and("createdBy").exists(true).ne(null));
		missing.fields().include("_id", "createdBy");
		int keyed = 0;
		for (Document issue : this.mongo.find(missing, Document.class, Infobrief.COLLECTION)) {
			String author = issue.getString("createdBy");
			keyed += (int) this.mongo
				.updateFirst(
						Query.query(Criteria.where("_id")
							.is(issue.get("_id"))
							.and("createdBy")
							.is(author)
							.and("createdBySubjectKey")
							.exists(false)),
						new Update().set("createdBySubjectKey", this.subjectKeys.of(author)), Infobrief.COLLECTION)
				.getModifiedCount();
		}
		return keyed;
	}

	/**
	 * An Infobrief the person created.
	 *
	 * @param issueId the issue
	 * @param subject its subject line
	 * @param status {@code DRAFT}, {@code SENDING} or {@code SENT}
	 * @param author the account recorded as author
	 * @param createdAt when the draft was created
	 * @param sentAt when the send finished
	 */
	public record Authored(String issueId, String subject, String status, String author, Instant createdAt,
			Instant sentAt) {
	}

}
