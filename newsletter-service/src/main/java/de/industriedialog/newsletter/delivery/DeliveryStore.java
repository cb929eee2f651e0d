package de.industriedialog.newsletter.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.model.InsertManyOptions;
import de.industriedialog.newsletter.subscriber.Recipient;
import de.industriedialog.newsletter.subscriber.Segment;
import de.industriedialog.platform.privacy.SubjectKeys;
import org.bson.Document;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The {@code deliveries} (one per issue and recipient,
 * {@code _id = issueId:subscriberId}) and {@code delivery_jobs} (one per issue)
 * collections. Every change is a single-document conditional update, so two instances, or
 * an instance and its restarted self, can never both believe they own the same job or the
 * same delivery.
 */
@Component
class DeliveryStore {

	static final String DELIVERIES = "deliveries";

	static final String JOBS = "delivery_jobs";

	static final String PENDING = "PENDING";

	static final String SENDING = "SENDING";

	static final String SENT = "SENT";

	static final String FAILED = "FAILED";

	/** Unsubscribed or suppressed between the start of the send and its turn. */
	static final String SKIPPED = "SKIPPED";

	static final String JOB_PREPARING = "PREPARING";

	static final String JOB_SENDING = "SENDING";

	static final String JOB_DONE = "DONE";

	private static final int INSERT_BATCH = 500;

	private final MongoOperations mongo;

	private final SubjectKeys subjectKeys;

	DeliveryStore(MongoOperations mongo, SubjectKeys subjectKeys) {
		this.mongo = mongo;
		this.subjectKeys = subjectKeys;
		// Access and erasure requests find the deliveries holding a person's address by
		// it, not by a scan (docs/adr/0015). Declared here like the subscribers' index.
		mongo.indexOps(DELIVERIES)
			.createIndex(new Index().on("subjectKey", Sort.Direction.ASC).named("deliveries_by_subject"));
	}

	// ---------------------------------------------------------------- jobs

	/**
	 * Creates the job, owned by {@code owner} for one lease, unless it exists.
	 * @return whether the job was created by this call
	 */
	boolean createJob(String issueId, Segment segment, String owner, Instant now, Instant leaseUntil) {
		Document job = new Document("_id", issueId)
			.append("segment",
					new Document("audiences", segment.audiences().stream().map(Enum::name).sorted().toList())
						.append("states", segment.states().stream().sorted().toList()))
			.append("status", JOB_PREPARING)
			.append("recipients", 0L)
			.append("startedAt", Date.from(now))
			.append("finishedAt", null)
			.append("owner", owner)
			.append("leaseUntil", Date.from(leaseUntil))
			.append("counters", new Document("sent", 0L).append("failed", 0L).append("pending", 0L));
		try {
			this.mongo.insert(job, JOBS);
			return true;
		}
		catch (DuplicateKeyException exists) {
			return false;
		}
	}

	Optional<Document> job(String issueId) {
		return Optional.ofNullable(this.mongo.findById(issueId, Document.class, JOBS));
	}

	List<Document> unfinishedJobs() {
		return this.mongo.find(
				Query.query(Criteria.where("status").in(JOB_PREPARING, JOB_SENDING)).with(Sort.by("_id")),
				Document.class, JOBS);
	}

	/**
	 * Takes or renews the lease on a job: succeeds when nobody holds it (expired) or the
	 * caller already does.
	 */
	boolean lease(String issueId, String owner, Instant now, Instant leaseUntil) {
		Query free = Query.query(Criteria.where("_id")
			.is(issueId)
			.and("status")
			.in(JOB_PREPARING, JOB_SENDING)
			.orOperator(Criteria.where("owner").is(owner), Criteria.where("leaseUntil").lt(Date.from(now))));
		return this.mongo
			.updateFirst(free, new Update().set("owner", owner).set("leaseUntil", Date.from(leaseUntil)), JOBS)
			.getModifiedCount() == 1;
	}

	void releaseLease(String issueId, String owner) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(issueId).and("owner").is(owner)),
				new Update().set("owner", null).set("leaseUntil", new Date(0)), JOBS);
	}

	void markJobSending(String issueId, long recipients) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(issueId).and("status").is(JOB_PREPARING)),
				new Update().set("status", JOB_SENDING)
					.set("recipients", recipients)
					.set("counters.pending", recipients),
				JOBS);
	}

	void markJobDone(String issueId, SendProgress progress) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(issueId)), new Update().set("status", JOB_DONE)
			.set("finishedAt", Date.from(progress.finishedAt()))
			.set("owner", null)
			.set("leaseUntil", new Date(0))
			.set("counters",
					new Document("sent", progress.sent()).append("failed", progress.failed()).append("pending", 0L)),
				JOBS);
	}

	void updateCounters(String issueId, Counts counts) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(issueId).and("status").is(JOB_SENDING)),
				new Update().set("counters", new Document("sent", counts.sent()).append("failed", counts.failed())
					.append("pending", counts.pending())),
				JOBS);
	}

	// ---------------------------------------------------------------- deliveries

	/**
	 * Records one PENDING delivery per recipient. Recording the same recipient twice is
	 * harmless: the id is the pair, the second insert is a duplicate key and ignored. So
	 * a start that crashed halfway is simply run again.
	 */
	void recordRecipients(String issueId, List<Recipient> recipients, Instant now) {
		for (int from = 0; from < recipients.size(); from += INSERT_BATCH) {
			List<Document> batch = new ArrayList<>();
			for (Recipient recipient : recipients.subList(from, Math.min(recipients.size(), from + INSERT_BATCH))) {
				batch.add(new Document("_id", issueId + ":" + recipient.subscriberId()).append("issueId", issueId)
					.append("subscriberId", recipient.subscriberId())
					.append("email", recipient.email())
					// Keyed from the address itself, so the copy is found by its key
					// even if the subscriber document is gone.
					.append("subjectKey", this.subjectKeys.of(recipient.email()))
					.append("state", PENDING)
					.append("attempts", 0)
					.append("nextAttemptAt", Date.from(now))
					.append("claimedBy", null)
					.append("claimedAt", null)
					.append("sentAt", null)
					.append("lastError", null)
					.append("permanent", false));
			}
			insertIgnoringDuplicates(batch);
		}
	}

	private void insertIgnoringDuplicates(List<Document> batch) {
		try {
			this.mongo.getCollection(DELIVERIES).insertMany(batch, new InsertManyOptions().ordered(false));
		}
		catch (MongoBulkWriteException ex) {
			if (ex.getWriteErrors().stream().anyMatch((error) -> error.getCode() != 11000)) {
				// Not only duplicates: insert one by one, so the rest of the batch is
				// kept
				// and a real error surfaces.
				for (Document delivery : batch) {
					try {
						this.mongo.insert(delivery, DELIVERIES);
					}
					catch (DuplicateKeyException recordedBefore) {
						// recorded by an earlier, interrupted start
					}
				}
			}
		}
	}

	long count(String issueId, String... states) {
		return this.mongo.count(Query.query(Criteria.where("issueId").is(issueId).and("state").in((Object[]) states)),
				DELIVERIES);
	}

	long countAll(String issueId) {
		return this.mongo.count(Query.query(Criteria.where("issueId").is(issueId)), DELIVERIES);
	}

	Counts counts(String issueId) {
		return new Counts(count(issueId, SENT), count(issueId, FAILED), count(issueId, PENDING, SENDING));
	}

	/**
	 * Hands deliveries a dead owner claimed but never finished back to PENDING. Only the
	 * lease holder calls it, and the lease guarantees the previous owner stopped.
	 */
	long releaseOrphans(String issueId, String owner) {
		return this.mongo
			.updateMulti(
					Query.query(
							Criteria.where("issueId").is(issueId).and("state").is(SENDING).and("claimedBy").ne(owner)),
					new Update().set("state", PENDING).set("claimedBy", null).set("claimedAt", null), DELIVERIES)
			.getModifiedCount();
	}

	/** Graceful stop: claimed but not written yet, so someone else may send them. */
	long releaseClaims(String owner) {
		return this.mongo
			.updateMulti(Query.query(Criteria.where("state").is(SENDING).and("claimedBy").is(owner)),
					new Update().set("state", PENDING).set("claimedBy", null).set("claimedAt", null), DELIVERIES)
			.getModifiedCount();
	}

	void release(String deliveryId, String owner) {
		this.mongo.updateFirst(
				Query.query(Criteria.where("_id").is(deliveryId).and("state").is(SENDING).and("claimedBy").is(owner)),
				new Update().set("state", PENDING).set("claimedBy", null).set("claimedAt", null), DELIVERIES);
	}

	/**
	 * The issue's PENDING deliveries that are due, in id order: one scan per round, not
	 * one per batch (the local store has no secondary indexes).
	 */
	List<Document> due(String issueId, Instant now) {
		Query due = Query.query(
				Criteria.where("issueId").is(issueId).and("state").is(PENDING).and("nextAttemptAt").lte(Date.from(now)))
			.with(Sort.by("_id"));
		due.fields().include("_id", "subscriberId", "email", "attempts");
		return this.mongo.find(due, Document.class, DELIVERIES);
	}

	/**
	 * Claims the due PENDING deliveries of the issue whose ids lie between
	 * {@code firstId} and {@code lastId}: one conditional multi-update tagged with a
	 * fresh claim id, then the tagged ones are read back. A delivery another instance
	 * claimed in between simply is not tagged with ours. By id range, not by a list of
	 * ids: the local store answers {@code $in} by comparing every document with every id.
	 */
	List<Document> claim(String issueId, Object firstId, Object lastId, String owner, String claimId, Instant now) {
		this.mongo.updateMulti(
				Query.query(Criteria.where("issueId")
					.is(issueId)
					.and("state")
					.is(PENDING)
					.and("nextAttemptAt")
					.lte(Date.from(now))
					.and("_id")
					.gte(firstId)
					.lte(lastId)),
				new Update().set("state", SENDING)
					.set("claimedBy", owner)
					.set("claimedAt", Date.from(now))
					.set("claimId", claimId),
				DELIVERIES);
		Query claimed = Query.query(Criteria.where("claimId").is(claimId)).with(Sort.by("_id"));
		claimed.fields().include("_id", "subscriberId", "email", "attempts");
		return this.mongo.find(claimed, Document.class, DELIVERIES);
	}

	/**
	 * The server accepted the mail: recorded at once and by id alone, whoever holds the
	 * lease now, because the mail is out.
	 */
	void markSent(String deliveryId, Instant now) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(deliveryId)),
				new Update().set("state", SENT)
					.set("sentAt", Date.from(now))
					.set("claimedBy", null)
					.inc("attempts", 1)
					.set("lastError", null),
				DELIVERIES);
	}

	void markSkipped(String deliveryId) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(deliveryId)),
				new Update().set("state", SKIPPED).set("claimedBy", null), DELIVERIES);
	}

	void markFailed(String deliveryId, String error, boolean permanent) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(deliveryId)),
				new Update().set("state", FAILED)
					.set("claimedBy", null)
					.inc("attempts", 1)
					.set("lastError", error)
					.set("permanent", permanent),
				DELIVERIES);
	}

	void markRetry(String deliveryId, String error, Instant nextAttemptAt) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(deliveryId)),
				new Update().set("state", PENDING)
					.set("claimedBy", null)
					.set("claimedAt", null)
					.inc("attempts", 1)
					.set("lastError", error)
					.set("nextAttemptAt", Date.from(nextAttemptAt)),
				DELIVERIES);
	}

	// ---------------------------------------------------------------- retention

	/**
	 * The finished sends whose deliveries may still hold addresses: finished before
	 * {@code finishedBefore} and not yet marked as cleared.
	 */
	List<String> finishedWithAddresses(Instant finishedBefore) {
		Query query = Query
			.query(Criteria.where("status")
				.is(JOB_DONE)
				.and("finishedAt")
				.lt(Date.from(finishedBefore))
				.and("addressesDroppedAt")
				.exists(false))
			.with(Sort.by("_id"));
		query.fields().include("_id");
		return this.mongo.find(query, Document.class, JOBS).stream().map((job) -> job.getString("_id")).toList();
	}

	/**
	 * Removes the address copies from the deliveries of a finished send; the state,
	 * attempts and times stay, so the counts of the send report do not change. The last
	 * SMTP error goes too: the server's reply often repeats the address.
	 * @return how many deliveries held an address
	 */
	long dropAddresses(String issueId) {
		// The subject key goes with the address: it exists only to find the copy.
		return this.mongo
			.updateMulti(Query.query(Criteria.where("issueId").is(issueId).and("email").exists(true)),
					new Update().unset("email").unset("lastError").unset("subjectKey"), DELIVERIES)
			.getModifiedCount();
	}

	// ---------------------------------------------------------------- privacy

	/** The deliveries holding a copy of the person's address, oldest issue first. */
	List<Document> ofSubject(String subjectKey) {
		return this.mongo.find(Query.query(Criteria.where("subjectKey").is(subjectKey)).with(Sort.by("_id")),
				Document.class, DELIVERIES);
	}

	long countOfSubject(String subjectKey) {
		return this.mongo.count(Query.query(Criteria.where("subjectKey").is(subjectKey)), DELIVERIES);
	}

	/**
	 * Drops the address copies of the person's deliveries (docs/adr/0015) as the
	 * retention does, earlier: state, attempts and times stay, so the counts of every
	 * send report stay. A delivery still waiting in a running send is skipped first (it
	 * has no address to go to any more), in the same conditional write, so the sender
	 * never claims a delivery without an address. Idempotent: what has no key any more is
	 * not found again.
	 * @return how many deliveries held the address
	 */
	long eraseSubject(String subjectKey) {
		long skipped = this.mongo
			.updateMulti(Query.query(Criteria.where("subjectKey").is(subjectKey).and("state").is(PENDING)),
					withoutAddress().set("state", SKIPPED).set("claimedBy", null), DELIVERIES)
			.getModifiedCount();
		return skipped + this.mongo
			.updateMulti(Query.query(Criteria.where("subjectKey").is(subjectKey)), withoutAddress(), DELIVERIES)
			.getModifiedCount();
	}

	private static Update withoutAddress() {
		return new Update().unset("email").unset("lastError").unset("subjectKey");
	}

	/**
	 * Gives the deliveries recorded before subject keys existed the key of their address
	 * copy (once, at startup): one conditional multi-update per address, so replicas
	 * running it at once write the same value at most once each.
	 * @return how many deliveries got their key now
	 */
	long backfillSubjectKeys() {
		Query missing = Query.query(Criteria.where("subjectKey").exists(false).and("email").exists(true).ne(null));
		missing.fields().include("_id", "email");
		java.util.Set<String> addresses = new java.util.LinkedHashSet<>();
		this.mongo.find(missing, Document.class, DELIVERIES)
			.forEach((delivery) -> addresses.add(delivery.getString("email")));
		long keyed = 0;
		for (String email : addresses) {
			keyed += this.mongo
				.updateMulti(Query.query(Criteria.where("email").is(email).and("subjectKey").exists(false)),
						new Update().set("subjectKey", this.subjectKeys.of(email)), DELIVERIES)
				.getModifiedCount();
		}
		return keyed;
	}

	/** The next run skips the send (marked after its deliveries, so a crash repeats). */
	void markAddressesDropped(String issueId, Instant at) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(issueId)),
				new Update().set("addressesDroppedAt", Date.from(at)), JOBS);
	}

	record Counts(long sent, long failed, long pending) {
	}

}
