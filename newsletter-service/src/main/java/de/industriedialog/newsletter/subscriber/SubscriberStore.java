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
	}

	/**
	 * @throws DuplicateKeyException if the address is already there
	 */
	Subscriber insert(Subscriber subscriber) {
		return this.mongo.insert(subscriber);
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

	/** A new confirmed double opt-in lifts the suppression of the address. */
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
