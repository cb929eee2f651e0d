package de.industriedialog.newsletter.subscriber;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import de.industriedialog.platform.messaging.OutboxEvent;

import de.industriedialog.platform.messaging.OutboxRelay;
import de.industriedialog.platform.privacy.SubjectKeys;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Reads and changes {@link Subscriber}s and the suppression list. Every change of a
 * subscriber is one conditional update of one document that also appends the event
 * announcing it, so a change happens together with its event or not at all.
 */
@Component
public class SubscriberStore {

	static final String SUPPRESSIONS = "suppressions";

	/**
	 * The outbox entries of erased subscribers until the relay has published them (see
	 * {@link #removeErased}); one of the outbox collections.
	 */
	public static final String ERASED_OUTBOX = "subscriber_erasures";

	private final MongoTemplate mongo;

	private final ObjectProvider<OutboxRelay> relay;

	private final SubjectKeys subjectKeys;

	SubscriberStore(MongoTemplate mongo, ObjectProvider<OutboxRelay> relay, SubjectKeys subjectKeys) {
		this.mongo = mongo;
		this.relay = relay;
		this.subjectKeys = subjectKeys;
		// Created here rather than by annotation: Spring Data creates no indexes unless
		// told to, and this one carries a rule (one subscriber per address).
		mongo.indexOps(Subscriber.class)
			.createIndex(new Index().on("emailKey", Sort.Direction.ASC).unique().named("one_subscriber_per_address"));
		// Access and erasure requests find a person's subscription by it, not by a scan
		// (docs/adr/0015).
		mongo.indexOps(Subscriber.class)
			.createIndex(new Index().on("subjectKey", Sort.Direction.ASC).named("subscribers_by_subject"));
	}

	/** The subject key of an address, to be stored wherever the address is set. */
	String subjectKeyOf(String email) {
		return this.subjectKeys.of(email);
	}

	/**
	 * @throws DuplicateKeyException if the address is already there
	 */
	Subscriber insert(Subscriber subscriber) {
		subscriber.subjectKey(this.subjectKeys.of(subscriber.email()));
		return this.mongo.insert(subscriber);
	}

	/** The subscriber documents of a person (at most one: one per address). */
	public List<Subscriber> ofSubject(String subjectKey) {
		return this.mongo.find(Query.query(Criteria.where("subjectKey").is(subjectKey)).with(Sort.by("_id")),
				Subscriber.class);
	}

	public int countOfSubject(String subjectKey) {
		return Math
			.toIntExact(this.mongo.count(Query.query(Criteria.where("subjectKey").is(subjectKey)), Subscriber.class));
	}

	/**
	 * Gives every subscriber stored before subject keys existed its key (once, at
	 * startup). Conditional on the address the key was made from and on the key still
	 * missing, so replicas running it at once write the same value at most once each, and
	 * an address changed meanwhile (a new request) keeps the key that request set.
	 * @return how many subscribers got their key now
	 */
	public int backfillSubjectKeys() {
		Query missing = Query.query(Criteria.where("subjectKey").exists(false).and("email").exists(true).ne(null));
		missing.fields().include("_id", "email");
		int keyed = 0;
		for (org.bson.Document document : this.mongo.find(missing, org.bson.Document.class, Subscriber.COLLECTION)) {
			String email = document.getString("email");
			Query query = Query.query(Criteria.where("_id")
				.is(document.get("_id"))
				.and("email")
				.is(email)
				.and("subjectKey")
				.exists(false));
			keyed += (int) this.mongo
				.updateFirst(query, new Update().set("subjectKey", this.subjectKeys.of(email)), Subscriber.COLLECTION)
				.getModifiedCount();
		}
		return keyed;
	}

	/**
	 * Deletes an erased subscriber's document, consent history and all (docs/adr/0015).
	 *
	 * <p>
	 * The document may still hold outbox entries the relay has not published, among them
	 * the {@code SubscriberUnsubscribed} of the erasure itself, which the KPIs must see.
	 * Deleting the document with them would lose those events; keeping the document as a
	 * tombstone would leave it among the subscribers (staff list, counts, the unique
	 * address key). So the entries move to a document of their own in
	 * {@value #ERASED_OUTBOX}, an outbox collection holding nothing but the subscriber id
	 * and the entries (whose payloads carry no address or name), and only then the
	 * subscriber is deleted, conditional on the version the entries were read at: every
	 * change that appends an entry raises the version, so no entry appended meanwhile can
	 * be deleted unseen. The relay publishes the moved entries by scanning that small
	 * collection; the daily retention deletes the emptied documents. Without transactions
	 * a crash between the two writes leaves the entries in both documents: they go out
	 * twice with the same {@code ce_id}, which consumers deduplicate (docs/adr/0002).
	 * Events of one subscriber keep their order: the relay sends by {@code occurredAt},
	 * and the moved entries are all entries not yet sent.
	 * @return whether this call deleted the document
	 */
	boolean removeErased(String subscriberId, Instant at) {
		for (int attempt = 0; attempt < 5; attempt++) {
			org.bson.Document current = this.mongo.findById(subscriberId, org.bson.Document.class,
					Subscriber.COLLECTION);
			if (current == null) {
				return false;
			}
			long version = current.get("version", Number.class).longValue();
			List<org.bson.Document> outbox = current.getList("outbox", org.bson.Document.class, List.of());
			if (!outbox.isEmpty()) {
				try {
					// By id and version: a second attempt at the same version finds the
					// entries moved already.
					this.mongo.insert(
							new org.bson.Document("_id", subscriberId + ":" + version).append("erasedAt", Date.from(at))
								.append("outbox", outbox),
							ERASED_OUTBOX);
				}
				catch (DuplicateKeyException movedBefore) {
					// An earlier attempt (or a redelivered request) moved them.
				}
			}
			Query unchanged = Query.query(Criteria.where("_id").is(subscriberId).and("version").is(version));
			if (this.mongo.remove(unchanged, Subscriber.COLLECTION).getDeletedCount() == 1) {
				return true;
			}
		}
		throw new IllegalStateException("Erased subscriber changed five times in a row");
	}

	/**
	 * Deletes the documents of {@value #ERASED_OUTBOX} whose entries the relay has
	 * published. One conditional delete: a document still holding entries stays.
	 * @return how many were deleted
	 */
	long deletePublishedErasures() {
		return this.mongo
			.remove(Query.query(new Criteria().orOperator(Criteria.where("outbox").exists(false),
					Criteria.where("outbox").size(0))), ERASED_OUTBOX)
			.getDeletedCount();
	}

	public Optional<Subscriber> find(String id) {
		return Optional.ofNullable(this.mongo.findById(id, Subscriber.class));
	}

	Optional<Subscriber> findByEmailKey(String emailKey) {
		return Optional
			.ofNullable(this.mongo.findOne(Query.query(Criteria.where("emailKey").is(emailKey)), Subscriber.class));
	}

	Optional<Subscriber> findByConfirmationTokenHash(String hash) {
		return Optional.ofNullable(
				this.mongo.findOne(Query.query(Criteria.where("confirmationTokenHash").is(hash)), Subscriber.class));
	}

	/** Every subscriber without its outbox: the staff list and its counts. */
	List<Subscriber> all() {
		Query query = new Query().with(Sort.by("emailKey"));
		query.fields().exclude("outbox");
		return this.mongo.find(query, Subscriber.class);
	}

	/**
	 * Applies {@code update} if the subscriber still has its version, raising the version
	 * and appending {@code event} if there is one.
	 * @return the changed subscriber, or empty if it changed in the meantime
	 */
	Optional<Subscriber> change(Subscriber current, Update update, OutboxEvent event) {
		update.inc("version", 1);
		if (event != null) {
			update.push("outbox", event.toDocument());
		}
		Query query = Query.query(Criteria.where("_id").is(current.id()).and("version").is(current.version()));
		Optional<Subscriber> changed = Optional.ofNullable(this.mongo.findAndModify(query, update,
				FindAndModifyOptions.options().returnNew(true), Subscriber.class));
		if (event != null) {
			changed.ifPresent((subscriber) -> hint(subscriber.id()));
		}
		return changed;
	}

	/**
	 * Lets the relay publish a new outbox entry at once instead of finding it by scanning
	 * every subscriber several times a second (docs/adr/0002); a hint lost in a crash is
	 * caught by the relay's periodic safety scan.
	 */
	void hint(String subscriberId) {
		this.relay.ifAvailable((outboxRelay) -> outboxRelay.hint(MongoSubscriberDirectory.SUBSCRIBERS, subscriberId));
	}

	/**
	 * Records a new confirmation mail for a pending subscriber, unless one went out less
	 * than {@code interval} ago or {@code maxMails} have been sent while a link is still
	 * valid: one atomic update, so of many requests at the same moment exactly one may
	 * send.
	 * @param changes what else the new request changes (preferences, consent entry)
	 * @return the subscriber with the new token hash, or empty if no mail may go out now
	 */
	Optional<Subscriber> claimConfirmationMail(String id, String tokenHash, Instant expiresAt, Instant now,
			Instant sentBefore, int maxMails, Update changes) {
		// Within the limit and the interval; or, once every link sent has expired, one
		// more
		// (so a person who comes back days later is not locked out for good, while a
		// script still gets no more than one mail per validity period).
		Criteria withinLimit = new Criteria().andOperator(Criteria.where("confirmationMailsSent").lt(maxMails),
				new Criteria().orOperator(Criteria.where("lastConfirmationMailAt").is(null),
						Criteria.where("lastConfirmationMailAt").lte(Date.from(sentBefore))));
		Criteria linksExpired = Criteria.where("confirmationExpiresAt").lte(Date.from(now));
		Query query = Query.query(Criteria.where("_id")
			.is(id)
			.and("status")
			.is(SubscriberStatus.PENDING)
			.orOperator(withinLimit, linksExpired));
		changes.set("confirmationTokenHash", tokenHash)
			.set("confirmationExpiresAt", Date.from(expiresAt))
			.set("lastConfirmationMailAt", Date.from(now))
			.inc("confirmationMailsSent", 1)
			.inc("version", 1);
		return Optional.ofNullable(this.mongo.findAndModify(query, changes,
				FindAndModifyOptions.options().returnNew(true), Subscriber.class));
	}

	/**
	 * Gives back a claimed confirmation mail that the mail server did not take, so the
	 * person can ask again at once. Only while the token is still the one of that mail.
	 */
	void releaseConfirmationMail(String id, String tokenHash) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("confirmationTokenHash").is(tokenHash)),
				new Update().unset("lastConfirmationMailAt").inc("confirmationMailsSent", -1), Subscriber.class);
	}

	public boolean isSuppressed(String emailKey) {
		return this.mongo.exists(Query.query(Criteria.where("_id").is(this.subjectKeys.of(emailKey))), SUPPRESSIONS);
	}

	/**
	 * Puts the address on the suppression list; an existing entry (an earlier bounce)
	 * keeps its reason.
	 */
	void suppress(String emailKey, String reason, String detail, Instant at) {
		try {
			this.mongo.insert(new org.bson.Document("_id", this.subjectKeys.of(emailKey)).append("reason", reason)
				.append("at", Date.from(at))
				.append("detail", detail), SUPPRESSIONS);
		}
		catch (DuplicateKeyException alreadySuppressed) {
			// The suppression stands.
		}
	}

	/**
	 * Puts a subject key on the suppression list (an erased subscriber, whose address is
	 * gone); an existing entry keeps its reason.
	 */
	void suppressSubject(String subjectKey, String reason, Instant at) {
		try {
			this.mongo.insert(new org.bson.Document("_id", subjectKey).append("reason", reason)
				.append("at", Date.from(at))
				.append("detail", null), SUPPRESSIONS);
		}
		catch (DuplicateKeyException alreadySuppressed) {
			// The suppression stands.
		}
	}

	/** The suppression entry of a subject key, if any (for the export). */
	public Optional<org.bson.Document> suppressionOf(String subjectKey) {
		return Optional.ofNullable(this.mongo.findById(subjectKey, org.bson.Document.class, SUPPRESSIONS));
	}

	/**
	 * A new confirmed double opt-in lifts the suppression of the address, whatever its
	 * reason: an unsubscription, a bounce or an erasure (the confirmation mail proves the
	 * person wants the Infobrief again).
	 */
	void liftSuppression(String emailKey) {
		this.mongo.remove(Query.query(Criteria.where("_id").is(this.subjectKeys.of(emailKey))), SUPPRESSIONS);
	}

	/**
	 * Moves the suppression entries keyed by a plain address (before docs/adr/0015) to
	 * their subject key, so that no address stays on the list. Idempotent and safe on
	 * several replicas at once: the new entry is inserted (a duplicate means another
	 * replica or an earlier run was first, and that entry stands), then the old one is
	 * deleted.
	 * @return the number of entries moved by this call
	 */
	public int migrateSuppressions() {
		int moved = 0;
		for (org.bson.Document old : this.mongo.find(Query.query(Criteria.where("_id").regex("@")),
				org.bson.Document.class, SUPPRESSIONS)) {
			String address = old.getString("_id");
			org.bson.Document keyed = new org.bson.Document(old);
			keyed.put("_id", this.subjectKeys.of(address));
			try {
				this.mongo.insert(keyed, SUPPRESSIONS);
			}
			catch (DuplicateKeyException alreadyMoved) {
				// The keyed entry exists: it stands.
			}
			moved += (int) this.mongo.remove(Query.query(Criteria.where("_id").is(address)), SUPPRESSIONS)
				.getDeletedCount();
		}
		return moved;
	}

}
