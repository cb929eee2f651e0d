package de.industriedialog.events.registration;

import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import de.industriedialog.platform.messaging.OutboxEvent;
import de.industriedialog.platform.messaging.OutboxRelay;
import de.industriedialog.platform.privacy.SubjectKeys;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Reads and changes {@link Registration}s. Every change is one conditional update of one
 * document that also appends the event announcing it (outbox, docs/adr/0002), so a change
 * either happens together with its event or not at all, and two concurrent changes of the
 * same registration cannot both succeed.
 */
@Component
public class RegistrationStore {

	/**
	 * The fields of a registration that tell who the person is; {@code subjectKey} is the
	 * keyed hash of the address that erasure requests find a person by (docs/adr/0015).
	 */
	private static final List<String> PERSONAL_FIELDS = List.of("name", "email", "organisation",
			"representedInitiativeId", "subjectKey");

	private final MongoTemplate mongo;

	private final ObjectProvider<OutboxRelay> relay;

	private final SubjectKeys subjectKeys;

	RegistrationStore(MongoTemplate mongo, ObjectProvider<OutboxRelay> relay, SubjectKeys subjectKeys) {
		this.mongo = mongo;
		this.relay = relay;
		this.subjectKeys = subjectKeys;
		// Created here rather than by annotation: Spring Data creates no indexes unless
		// told to, and this one carries a rule (one active registration per address and
		// event; a cancellation moves its key aside, see
		// Registration#releasedAddressKey).
		mongo.indexOps(Registration.class)
			.createIndex(
					new Index().on("addressKey", Sort.Direction.ASC).unique().named("one_registration_per_address"));
		// Access and erasure requests find a person's registrations by it, not by a scan.
		mongo.indexOps(Registration.class)
			.createIndex(new Index().on("subjectKey", Sort.Direction.ASC).named("registrations_by_subject"));
	}

	/**
	 * @throws org.springframework.dao.DuplicateKeyException if the address is already
	 * registered for the event
	 */
	Registration insert(Registration registration) {
		// The address is only ever set here (a registration's address never changes), so
		// this is the one place its subject key is set.
		registration.subjectKey(this.subjectKeys.of(registration.email()));
		Registration stored = this.mongo.insert(registration);
		hint(stored.id());
		return stored;
	}

	public Optional<Registration> find(String id) {
		return Optional.ofNullable(this.mongo.findById(id, Registration.class));
	}

	/**
	 * The active (confirmed or waitlisted) registration of an address for an event. A
	 * cancellation releases the address key in the same write; a registration cancelled
	 * before that rule still holds it, and has it released here, so that the address can
	 * register again.
	 */
	Optional<Registration> findByEmail(String eventId, String emailKey) {
		String key = Registration.addressKey(eventId, emailKey);
		Registration found = this.mongo.findOne(Query.query(Criteria.where("addressKey").is(key)), Registration.class);
		if (found != null && found.status() == RegistrationStatus.CANCELLED) {
			this.mongo.updateFirst(
					Query.query(Criteria.where("_id")
						.is(found.id())
						.and("addressKey")
						.is(key)
						.and("status")
						.is(RegistrationStatus.CANCELLED)),
					new Update().set("addressKey", found.releasedAddressKey()), Registration.class);
			return Optional.empty();
		}
		return Optional.ofNullable(found);
	}

	/** All registrations of an event in the order they came in. */
	public List<Registration> ofEvent(String eventId) {
		return this.mongo.find(Query.query(Criteria.where("eventId").is(eventId)).with(Sort.by("registeredAt", "_id")),
				Registration.class);
	}

	/**
	 * The confirmed registrations of an event; the mailer's reminder and feedback lists.
	 */
	public List<Registration> confirmedOf(String eventId) {
		return this.mongo.find(
				Query.query(Criteria.where("eventId").is(eventId).and("status").is(RegistrationStatus.CONFIRMED)),
				Registration.class);
	}

	Optional<Registration> firstWaiting(String eventId) {
		Query query = Query.query(Criteria.where("eventId").is(eventId).and("status").is(RegistrationStatus.WAITLISTED))
			.with(Sort.by("waitlistPosition"))
			.limit(1);
		return Optional.ofNullable(this.mongo.findOne(query, Registration.class));
	}

	/** How many are waiting before this person (1 = next to get a seat). */
	long waitlistRank(Registration registration) {
		return this.mongo.count(Query.query(Criteria.where("eventId")
			.is(registration.eventId())
			.and("status")
			.is(RegistrationStatus.WAITLISTED)
			.and("waitlistPosition")
			.lt(registration.waitlistPosition())), Registration.class) + 1;
	}

	long countConfirmed(String eventId) {
		return this.mongo.count(
				Query.query(Criteria.where("eventId").is(eventId).and("status").is(RegistrationStatus.CONFIRMED)),
				Registration.class);
	}

	/**
	 * Applies {@code update} if the registration still has {@code version}, raising the
	 * version and appending {@code event}.
	 * @return the changed registration, or empty if it changed in the meantime
	 */
	Optional<Registration> change(Registration current, Update update, OutboxEvent event) {
		update.inc("version", 1).push("outbox", event.toDocument());
		Query query = Query.query(Criteria.where("_id").is(current.id()).and("version").is(current.version()));
		Optional<Registration> changed = Optional.ofNullable(this.mongo.findAndModify(query, update,
				FindAndModifyOptions.options().returnNew(true), Registration.class));
		changed.ifPresent((registration) -> hint(registration.id()));
		return changed;
	}

	/**
	 * Removes the personal data of a registration in one conditional write, if it still
	 * has the version read: name, address (also inside the unique address key), the
	 * organisation, the initiative the person came for, and the marks of mails sent
	 * (which name what was mailed to the address). Group, status, seat, check-in and
	 * times stay, so every count stays as it was. The version goes up, so a change that
	 * read the registration before (a cancellation writing a key derived from the
	 * address) fails and reads it again; no event is appended: nothing another service
	 * counts has changed.
	 * @return the anonymised registration, or empty if it changed in the meantime or was
	 * anonymised already
	 */
	Optional<Registration> anonymise(Registration current, Instant now) {
		Update update = new Update();
		PERSONAL_FIELDS.forEach(update::unset);
		update.set("addressKey", current.anonymousAddressKey())
			.set("sentMails", List.of())
			.set("anonymisedAt", Date.from(now))
			.inc("version", 1);
		Query query = Query.query(Criteria.where("_id")
			.is(current.id())
			.and("version")
			.is(current.version())
			.and("anonymisedAt")
			.exists(false));
		return Optional.ofNullable(this.mongo.findAndModify(query, update,
				FindAndModifyOptions.options().returnNew(true), Registration.class));
	}

	/**
	 * The registrations of a person that still hold their personal data, oldest first.
	 */
	public List<Registration> ofSubject(String subjectKey) {
		return this.mongo
			.find(Query.query(Criteria.where("subjectKey").is(subjectKey).and("anonymisedAt").exists(false))
				.with(Sort.by("registeredAt", "_id")), Registration.class);
	}

	public int countOfSubject(String subjectKey) {
		return Math.toIntExact(this.mongo.count(
				Query.query(Criteria.where("subjectKey").is(subjectKey).and("anonymisedAt").exists(false)),
				Registration.class));
	}

	/**
	 * Gives every registration stored before subject keys existed its key (once, at
	 * startup). Conditional on the address the key was made from and on the key still
	 * missing, so replicas running it at once write the same value at most once each, and
	 * a registration anonymised meanwhile is left alone.
	 * @return how many registrations got their key now
	 */
	public int backfillSubjectKeys() {
		Query missing = Query.query(Criteria.where("subjectKey").exists(false).and("email").exists(true).ne(null));
		missing.fields().include("_id", "email");
		int keyed = 0;
		for (org.bson.Document document : this.mongo.find(missing, org.bson.Document.class, Registration.COLLECTION)) {
			String email = document.getString("email");
			Query query = Query.query(Criteria.where("_id")
				.is(document.get("_id"))
				.and("email")
				.is(email)
				.and("subjectKey")
				.exists(false));
			keyed += (int) this.mongo
				.updateFirst(query, new Update().set("subjectKey", this.subjectKeys.of(email)), Registration.COLLECTION)
				.getModifiedCount();
		}
		return keyed;
	}

	/**
	 * Registrations of these events that still hold personal data, at most {@code limit}.
	 */
	List<Registration> notAnonymisedOf(Collection<String> eventIds, int limit) {
		Query query = Query.query(Criteria.where("eventId").in(eventIds).and("anonymisedAt").exists(false))
			.limit(limit);
		return this.mongo.find(query, Registration.class);
	}

	/**
	 * Lets the relay publish the new outbox entry at once instead of finding it by
	 * scanning a collection with one document per registration (docs/adr/0007). A hint
	 * lost in a crash is caught by the relay's periodic safety scan.
	 */
	private void hint(String id) {
		this.relay.ifAvailable((relay) -> relay.hint(Registration.COLLECTION, id));
	}

	/**
	 * Notes that a mail was queued (the mail queue itself keeps it from being queued
	 * twice); lets the reminder job skip registrations that have theirs.
	 * @param mailKey what was mailed, e.g. the {@code ce_id} of the event it answers
	 * @return {@code true} for the first call with this key
	 */
	public boolean markMailSent(String registrationId, String mailKey) {
		Query query = Query.query(Criteria.where("_id").is(registrationId).and("sentMails").ne(mailKey));
		return this.mongo.updateFirst(query, new Update().push("sentMails", mailKey), Registration.class)
			.getModifiedCount() == 1;
	}

	static Update set(String field, Object value) {
		return new Update().set(field, (value instanceof Instant instant) ? Date.from(instant) : value);
	}

}
