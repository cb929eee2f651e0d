package de.industriedialog.platform.mail;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import de.industriedialog.platform.mail.QueuedMail.Status;
import de.industriedialog.platform.privacy.SubjectKeys;
import org.bson.Document;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The service's outgoing mails, one document per mail in {@value #COLLECTION} of the
 * service's own database, keyed by what the mail answers. Queuing is the durable step: a
 * mail is queued by the same idempotent consumer or request that records its cause, and a
 * redelivered event queues nothing new (the key exists). {@link MailQueueSender} drains
 * the queue; a mail is marked sent only after the mail server took it.
 * <p>
 * Plain documents instead of a mapped class: the sender updates single fields with
 * conditional updates (claim by lease, mark sent by the claim's owner), and a sent mail
 * drops its address and bodies, which a mapped class would write back.
 */
public class MailQueue {

	public static final String COLLECTION = "mail_queue";

	static final String SUBJECT_KEY = "subjectKey";

	private static final Logger log = LoggerFactory.getLogger(MailQueue.class);

	private static final List<String> PERSONAL_FIELDS = List.of("to", "toName", "html", "text", "attachments",
			"headers");

	private final MongoTemplate mongo;

	private final Clock clock;

	private final String messageIdDomain;

	private volatile Consumer<String> queuedListener = (key) -> {
	};

	private final SubjectKeys subjectKeys;

	public MailQueue(MongoTemplate mongo, Clock clock, String messageIdDomain) {
		this(mongo, clock, messageIdDomain, null);
	}

	/**
	 * @param subjectKeys keys each mail by its recipient's subject key, so that an access
	 * or erasure request finds the mails to a person (and a sent mail, whose address is
	 * dropped, still); {@code null}: none
	 */
	public MailQueue(MongoTemplate mongo, Clock clock, String messageIdDomain, SubjectKeys subjectKeys) {
		this.mongo = mongo;
		this.clock = clock;
		this.messageIdDomain = messageIdDomain;
		this.subjectKeys = subjectKeys;
	}

	/**
	 * The indexes the sender's scan, the staff list and erasure use (on real MongoDB; the
	 * local store scans). A store that is away at start leaves it for the next start.
	 */
	public void createIndexes() {
		try {
			this.mongo.indexOps(COLLECTION)
				.createIndex(new Index().on("status", Sort.Direction.ASC)
					.on("nextAttemptAt", Sort.Direction.ASC)
					.named("status_nextAttemptAt"));
			// Erasure deletes the mails of a registration by its reference.
			this.mongo.indexOps(COLLECTION)
				.createIndex(new Index().on("reference", Sort.Direction.ASC).named("reference"));
			this.mongo.indexOps(COLLECTION)
				.createIndex(new Index().on(SUBJECT_KEY, Sort.Direction.ASC).named(SUBJECT_KEY));
		}
		catch (DataAccessException ex) {
			log.warn("Index on {} not created, the store is unavailable: {}", COLLECTION, ex.toString());
		}
	}

	/**
	 * Deletes the sent and the finally failed mails that were finished before
	 * {@code cutoff}. Pending mails stay whatever their age: they are still to be sent.
	 * Idempotent, so replicas sweeping at the same time do no harm.
	 * @return how many mails were deleted
	 */
	public long deleteFinishedBefore(Instant cutoff) {
		Date before = Date.from(cutoff);
		long sent = this.mongo
			.remove(Query.query(Criteria.where("status").is(Status.SENT.name()).and("sentAt").lt(before)), COLLECTION)
			.getDeletedCount();
		long failed = this.mongo
			.remove(Query.query(Criteria.where("status").is(Status.FAILED.name()).and("failedAt").lt(before)),
					COLLECTION)
			.getDeletedCount();
		return sent + failed;
	}

	/**
	 * Deletes every mail, in any status, that belongs to these references (e.g.
	 * registration ids whose personal data is erased): a pending or failed mail holds the
	 * address. A mail a sender has claimed meanwhile may still go out; its mark then
	 * finds nothing to update.
	 * @return how many mails were deleted
	 */
	public long deleteByReferences(Collection<String> references) {
		if (references.isEmpty()) {
			return 0;
		}
		return this.mongo.remove(Query.query(Criteria.where("reference").in(references)), COLLECTION).getDeletedCount();
	}

	/**
	 * Queues a mail unless one with its key is queued or sent already.
	 * @return {@code true} if it was queued now
	 * @throws RuntimeException if the store is unavailable: nothing is queued, the caller
	 * fails and is retried
	 */
	public boolean enqueue(OutgoingMail mail) {
		Instant now = this.clock.instant();
		Document document = new Document("_id", mail.key()).append("type", mail.type())
			.append("reference", mail.reference())
			.append("status", Status.PENDING.name())
			.append("from", mail.from())
			.append("to", mail.to())
			.append("toName", mail.toName())
			.append(SUBJECT_KEY, (this.subjectKeys != null) ? this.subjectKeys.of(mail.to()) : null)
			.append("subject", mail.subject())
			.append("html", mail.html())
			.append("text", mail.text())
			.append("headers", new Document(mail.headers()))
			.append("attachments",
					mail.attachments()
						.stream()
						.map((attachment) -> new Document("filename", attachment.filename())
							.append("contentType", attachment.contentType())
							.append("content", new Binary(attachment.content())))
						.toList())
			.append("messageId", messageId(mail.key()))
			.append("attempts", 0)
			.append("queuedAt", Date.from(now))
			.append("nextAttemptAt", Date.from(now))
			// A past lease instead of none: the claim's filter is then one range
			// condition, no $or over a missing field.
			.append("leaseUntil", new Date(0))
			.append("leaseOwner", null);
		try {
			this.mongo.insert(document, COLLECTION);
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
		this.queuedListener.accept(mail.key());
		return true;
	}

	/**
	 * Keys the mails queued before subject keys existed (pending ones still hold their
	 * address). Idempotent; replicas running it at once write the same value.
	 * @return how many mails were keyed
	 */
	public long backfillSubjectKeys() {
		if (this.subjectKeys == null) {
			return 0;
		}
		Query unkeyed = Query.query(Criteria.where(SUBJECT_KEY).is(null).and("to").ne(null));
		unkeyed.fields().include("to");
		long keyed = 0;
		for (Document document : this.mongo.find(unkeyed, Document.class, COLLECTION)) {
			keyed += this.mongo
				.updateFirst(Query.query(Criteria.where("_id").is(document.get("_id"))),
						new Update().set(SUBJECT_KEY, this.subjectKeys.of(document.getString("to"))), COLLECTION)
				.getModifiedCount();
		}
		return keyed;
	}

	/** The mails to a person, without bodies, for an export; newest first. */
	public List<QueuedMail> findBySubject(String subjectKey) {
		Query query = Query.query(Criteria.where(SUBJECT_KEY).is(subjectKey))
			.with(Sort.by(Sort.Direction.DESC, "queuedAt"));
		query.fields().exclude("html", "text", "attachments", "headers");
		return this.mongo.find(query, Document.class, COLLECTION).stream().map(MailQueue::view).toList();
	}

	public long countBySubject(String subjectKey) {
		return this.mongo.count(Query.query(Criteria.where(SUBJECT_KEY).is(subjectKey)), COLLECTION);
	}

	/**
	 * Deletes every mail to a person, in any status (erasure). A mail a sender has
	 * claimed meanwhile may still go out; its mark then finds nothing to update.
	 */
	public long deleteBySubject(String subjectKey) {
		return this.mongo.remove(Query.query(Criteria.where(SUBJECT_KEY).is(subjectKey)), COLLECTION).getDeletedCount();
	}

	public Optional<QueuedMail> find(String key) {
		return Optional.ofNullable(this.mongo.findById(key, Document.class, COLLECTION)).map(MailQueue::view);
	}

	/** The mails in one status, oldest first. */
	public List<QueuedMail> list(Status status, int limit) {
		Query query = Query.query(Criteria.where("status").is(status.name())).with(Sort.by("queuedAt")).limit(limit);
		query.fields().exclude("html", "text", "attachments", "headers");
		return this.mongo.find(query, Document.class, COLLECTION).stream().map(MailQueue::view).toList();
	}

	/**
	 * The {@code Message-ID} of the mail with this key: the same for every attempt, so
	 * the one duplicate a crash between the server's OK and the mark can cause (RFC 1047)
	 * is recognisable as such.
	 */
	String messageId(String key) {
		return "<" + UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)) + "@" + this.messageIdDomain + ">";
	}

	void onQueued(Consumer<String> listener) {
		this.queuedListener = listener;
	}

	/** Pending mails due now and not claimed by anyone, oldest first. */
	List<String> due(Instant now, int limit) {
		Query query = Query
			.query(Criteria.where("status")
				.is(Status.PENDING.name())
				.and("nextAttemptAt")
				.lte(Date.from(now))
				.and("leaseUntil")
				.lt(Date.from(now)))
			.with(Sort.by("nextAttemptAt"))
			.limit(limit);
		query.fields().include("_id");
		List<String> keys = new ArrayList<>();
		for (Document document : this.mongo.find(query, Document.class, COLLECTION)) {
			keys.add(document.getString("_id"));
		}
		return keys;
	}

	/**
	 * Claims one mail for {@code lease}: only if it is pending, due and nobody else's.
	 * @return the mail with its bodies, empty if it is not to be sent by this caller now
	 */
	Optional<Document> claim(String key, String owner, Instant now, Duration lease) {
		Query query = Query.query(Criteria.where("_id")
			.is(key)
			.and("status")
			.is(Status.PENDING.name())
			.and("nextAttemptAt")
			.lte(Date.from(now))
			.and("leaseUntil")
			.lt(Date.from(now)));
		Update update = new Update().set("leaseOwner", owner)
			.set("leaseUntil", Date.from(now.plus(lease)))
			.inc("attempts", 1);
		return Optional.ofNullable(this.mongo.findAndModify(query, update,
				FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION));
	}

	/** Marks a claimed mail sent and forgets its address and bodies. */
	boolean markSent(String key, String owner, Instant now) {
		Update update = new Update().set("status", Status.SENT.name())
			.set("sentAt", Date.from(now))
			.set("leaseUntil", new Date(0))
			.unset("lastError");
		PERSONAL_FIELDS.forEach(update::unset);
		return this.mongo.updateFirst(owned(key, owner), update, COLLECTION).getModifiedCount() == 1;
	}

	/**
	 * Gives a claimed mail back after a transient failure, to be tried at {@code next}.
	 */
	void retryLater(String key, String owner, String error, Instant next) {
		this.mongo.updateFirst(owned(key, owner),
				new Update().set("nextAttemptAt", Date.from(next))
					.set("leaseUntil", new Date(0))
					.set("lastError", error),
				COLLECTION);
	}

	/** Records a claimed mail as failed for good: it is never tried again. */
	void markFailed(String key, String owner, String error, Instant now) {
		this.mongo.updateFirst(owned(key, owner),
				new Update().set("status", Status.FAILED.name())
					.set("failedAt", Date.from(now))
					.set("leaseUntil", new Date(0))
					.set("lastError", error)
					// The address stays so staff can see whose mail failed; the bodies
					// go.
					.unset("html")
					.unset("text")
					.unset("attachments"),
				COLLECTION);
	}

	/** How many mails are pending, and since when the oldest of them waits. */
	Backlog backlog() {
		Query pending = Query.query(Criteria.where("status").is(Status.PENDING.name()));
		long count = this.mongo.count(pending, COLLECTION);
		Instant oldest = null;
		if (count > 0) {
			Query first = Query.query(Criteria.where("status").is(Status.PENDING.name()))
				.with(Sort.by("queuedAt"))
				.limit(1);
			first.fields().include("queuedAt");
			Document document = this.mongo.findOne(first, Document.class, COLLECTION);
			oldest = (document != null) ? document.getDate("queuedAt").toInstant() : null;
		}
		return new Backlog(count, oldest);
	}

	private static Query owned(String key, String owner) {
		return Query
			.query(Criteria.where("_id").is(key).and("leaseOwner").is(owner).and("status").is(Status.PENDING.name()));
	}

	private static QueuedMail view(Document document) {
		return new QueuedMail(document.getString("_id"), document.getString("type"), document.getString("reference"),
				Status.valueOf(document.getString("status")), document.getString("to"), document.getString("subject"),
				document.getInteger("attempts", 0), instant(document, "queuedAt"),
				Status.PENDING.name().equals(document.getString("status")) ? instant(document, "nextAttemptAt") : null,
				instant(document, "sentAt"), document.getString("lastError"), document.getString("messageId"));
	}

	private static Instant instant(Document document, String field) {
		Date date = document.getDate(field);
		return (date != null) ? date.toInstant() : null;
	}

	record Backlog(long pending, Instant oldestQueuedAt) {
	}

}
