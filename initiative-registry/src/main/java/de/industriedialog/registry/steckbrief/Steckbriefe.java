package de.industriedialog.registry.steckbrief;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import de.industriedialog.platform.privacy.SubjectKeys;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * The use cases of the registry that change Steckbriefe. Who may call which one is
 * checked by the caller (the web layer knows the token); here live the workflow and the
 * events. Every change is one document write with its events (ADR 0002), guarded by the
 * document's version so that two concurrent edits cannot overwrite each other.
 */
@Service
public class Steckbriefe {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	private final SteckbriefRepository repository;

	private final SteckbriefEvents events;

	private final Clock clock;

	private final SubjectKeys subjectKeys;

	private final MongoTemplate mongo;

	Steckbriefe(SteckbriefRepository repository, SteckbriefEvents events, Clock clock, SubjectKeys subjectKeys,
			MongoTemplate mongo) {
		this.repository = repository;
		this.events = events;
		this.clock = clock;
		this.subjectKeys = subjectKeys;
		this.mongo = mongo;
	}

	/**
	 * Adds a published Steckbrief with a fixed id unless one with that id exists. Safe to
	 * call on every start and from several instances at once.
	 * @return {@code true} if it was added now
	 */
	public boolean importPublished(String id, String name, Level level, InitiativeType type, String state,
			String origin) {
		return importPublished(id, name, level, type, state, null, null, null, origin);
	}

	/**
	 * Like
	 * {@link #importPublished(String, String, Level, InitiativeType, String, String)}
	 * with the seat of the initiative, so it shows on the map, and its founding year
	 * where the study names it (for the KPI "new initiatives since the campaign
	 * started").
	 */
	public boolean importPublished(String id, String name, Level level, InitiativeType type, String state, String city,
			Coordinates coordinates, Integer foundingYear, String origin) {
		if (this.repository.existsById(id)) {
			return false;
		}
		Instant now = this.clock.instant();
		Steckbrief steckbrief = new Steckbrief(id, name, level, type, state, origin, now);
		steckbrief.locate(city, coordinates);
		steckbrief.foundedIn(foundingYear);
		steckbrief.markImportedFrom(origin);
		steckbrief.markPublished(now);
		steckbrief.raise(this.events.published(steckbrief, now));
		try {
			this.repository.insert(steckbrief);
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	/** A new Steckbrief in draft, written by staff (e.g. after the interview). */
	public Steckbrief create(SteckbriefData data, String by) {
		String id = UUID.randomUUID().toString();
		checkRules(id, data);
		Steckbrief steckbrief = Steckbrief.draft(id, data, "staff:" + by, this.clock.instant());
		steckbrief.keyContact(contactKey(data));
		return this.repository.insert(steckbrief);
	}

	/**
	 * An initiative that signed up at the gateway writes its first Steckbrief under the
	 * id its account is bound to; staff then review and publish it.
	 * @throws IllegalTransitionException if the initiative has a Steckbrief already
	 */
	public Steckbrief createOwn(String initiativeId, SteckbriefData data, String by) {
		if (this.repository.existsById(initiativeId)) {
			throw new IllegalTransitionException("Für Ihre Initiative gibt es schon einen Steckbrief. "
					+ "Bitte bearbeiten Sie diesen, statt einen neuen anzulegen.");
		}
		checkRules(initiativeId, data);
		Steckbrief steckbrief = Steckbrief.draft(initiativeId, data, "initiative:" + by, this.clock.instant());
		steckbrief.keyContact(contactKey(data));
		try {
			return this.repository.insert(steckbrief);
		}
		catch (DuplicateKeyException ex) {
			throw new IllegalTransitionException("Für Ihre Initiative gibt es schon einen Steckbrief.");
		}
	}

	/**
	 * Replaces the content. A change to a published profile is announced with
	 * {@code SteckbriefUpdated}, unless only non-public data (the contact) changed.
	 * @param expectedVersion the version the editor started from; {@code null} to skip
	 * the check
	 */
	public Steckbrief update(String id, SteckbriefData data, Long expectedVersion) {
		Steckbrief steckbrief = load(id);
		if (expectedVersion != null && !expectedVersion.equals(steckbrief.version())) {
			throw new OptimisticLockingFailureException(
					"Steckbrief " + id + " is at version " + steckbrief.version() + ", not " + expectedVersion);
		}
		if (!steckbrief.status().isEditable()) {
			throw new IllegalTransitionException("Ein zurückgezogener Steckbrief kann nicht bearbeitet werden. "
					+ "Bitte holen Sie ihn zuerst in den Entwurf zurück.");
		}
		checkRules(id, data);
		Instant now = this.clock.instant();
		SteckbriefEvents.SteckbriefSnapshot before = SteckbriefEvents.publicContent(steckbrief);
		steckbrief.apply(data, now);
		steckbrief.keyContact(contactKey(data));
		if (steckbrief.status() == SteckbriefStatus.PUBLISHED
				&& !before.equals(SteckbriefEvents.publicContent(steckbrief))) {
			steckbrief.raise(this.events.updated(steckbrief, now));
		}
		return this.repository.save(steckbrief);
	}

	/** The initiative (or staff) sends the profile for review and approval. */
	public Steckbrief submit(String id, String by) {
		return move(id, SteckbriefStatus.IN_REVIEW, by);
	}

	/** Staff publish a reviewed profile; it becomes public and is announced. */
	public Steckbrief publish(String id, String by) {
		Instant now = this.clock.instant();
		Steckbrief steckbrief = load(id);
		steckbrief.moveTo(SteckbriefStatus.PUBLISHED, by, now);
		steckbrief.raise(this.events.published(steckbrief, now));
		return this.repository.save(steckbrief);
	}

	/** Staff withdraw a published profile (the initiative ended or no longer fits). */
	public Steckbrief withdraw(String id, String reason, String by) {
		Instant now = this.clock.instant();
		Steckbrief steckbrief = load(id);
		steckbrief.moveTo(SteckbriefStatus.WITHDRAWN, by, now);
		steckbrief.withdrawBecause(reason, now);
		steckbrief.raise(this.events.withdrawn(steckbrief, reason, now));
		return this.repository.save(steckbrief);
	}

	/** Staff send a profile in review or a withdrawn one back to draft. */
	public Steckbrief rework(String id, String by) {
		return move(id, SteckbriefStatus.DRAFT, by);
	}

	private Steckbrief move(String id, SteckbriefStatus target, String by) {
		Steckbrief steckbrief = load(id);
		steckbrief.moveTo(target, by, this.clock.instant());
		return this.repository.save(steckbrief);
	}

	/** The profiles waiting for staff, oldest change first. */
	public List<Steckbrief> inReview() {
		return this.repository.findByStatus(SteckbriefStatus.IN_REVIEW, Sort.by("updatedAt", "_id"));
	}

	public Optional<Steckbrief> find(String id) {
		return this.repository.findById(id);
	}

	/**
	 * @throws UnknownSteckbriefException if there is none with this id
	 */
	public Steckbrief load(String id) {
		return this.repository.findById(id).orElseThrow(() -> new UnknownSteckbriefException(id));
	}

	public long count() {
		return this.repository.count();
	}

	private String contactKey(SteckbriefData data) {
		return (data.contact() != null) ? this.subjectKeys.of(data.contact().email()) : null;
	}

	/** The Steckbriefe whose contact person has this subject key. */
	public List<Steckbrief> withContact(String subjectKey) {
		return this.repository.findByContactSubjectKey(subjectKey);
	}

	/**
	 * Erases the contact person of every Steckbrief whose contact has this subject key,
	 * and the person's address where the history recorded them as the actor. Announces
	 * nothing: the contact is not public (as for an edit of the contact). Idempotent.
	 * @return the number of Steckbriefe changed
	 */
	public int eraseContact(String subjectKey, String replacement) {
		int erased = 0;
		for (Steckbrief found : withContact(subjectKey)) {
			for (int attempt = 1;; attempt++) {
				Steckbrief steckbrief = this.repository.findById(found.id()).orElse(null);
				if (steckbrief == null || !subjectKey.equals(steckbrief.contactSubjectKey())) {
					break;
				}
				steckbrief.eraseContact((actor) -> isSubject(actor, subjectKey), replacement);
				try {
					this.repository.save(steckbrief);
					erased++;
					break;
				}
				catch (OptimisticLockingFailureException ex) {
					// An edit came in between: erase from the edited state.
					if (attempt >= 5) {
						throw ex;
					}
				}
			}
		}
		return erased;
	}

	/** Whether a recorded actor (an account subject, often the address) is the person. */
	public boolean isSubject(String actor, String subjectKey) {
		return actor != null && actor.contains("@") && subjectKey.equals(this.subjectKeys.of(actor));
	}

	/**
	 * Declares the index of the contact's subject key and keys the contacts stored before
	 * subject keys existed. Idempotent and safe on several replicas at once: each update
	 * matches only while the document still has no key and the same address, and raises
	 * the version so that an edit loaded before it fails on its version check instead of
	 * writing the document back without the key.
	 * @return the number of Steckbriefe keyed by this call
	 */
	public int keyContacts() {
		this.mongo.indexOps(Steckbrief.class)
			.createIndex(new Index().on("contactSubjectKey", Sort.Direction.ASC).named("steckbriefe_by_contact"));
		Query unkeyed = new Query(Criteria.where("contactSubjectKey").exists(false).and("contact.email").ne(null));
		unkeyed.fields().include("contact.email");
		int keyed = 0;
		for (org.bson.Document document : this.mongo.find(unkeyed, org.bson.Document.class, "steckbriefe")) {
			String email = document.get("contact", org.bson.Document.class).getString("email");
			Query same = new Query(Criteria.where("_id")
				.is(document.get("_id"))
				.and("contactSubjectKey")
				.exists(false)
				.and("contact.email")
				.is(email));
			Update key = new Update().set("contactSubjectKey", this.subjectKeys.of(email)).inc("version", 1);
			keyed += (int) this.mongo.updateFirst(same, key, "steckbriefe").getModifiedCount();
		}
		return keyed;
	}

	private void checkRules(String id, SteckbriefData data) {
		int thisYear = this.clock.instant().atZone(BERLIN).getYear();
		if (data.foundingYear() != null && data.foundingYear() > thisYear) {
			throw new SteckbriefRuleViolation("foundingYear",
					"Das Gründungsjahr darf nicht in der Zukunft liegen (spätestens " + thisYear + ").");
		}
		if (new HashSet<>(data.linkedInitiativeIds()).size() != data.linkedInitiativeIds().size()) {
			throw new SteckbriefRuleViolation("linkedInitiativeIds", "Jede Initiative nur einmal verknüpfen.");
		}
		for (String linked : data.linkedInitiativeIds()) {
			if (linked.equals(id)) {
				throw new SteckbriefRuleViolation("linkedInitiativeIds",
						"Eine Initiative kann nicht mit sich selbst verknüpft werden.");
			}
			if (!this.repository.existsById(linked)) {
				throw new SteckbriefRuleViolation("linkedInitiativeIds",
						"Eine Initiative mit der Kennung „" + linked + "“ gibt es nicht.");
			}
		}
	}

}
