package de.industriedialog.events.registration;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One person's registration for one dialogue event. Read through Spring Data, but every
 * change is a conditional update of single fields ({@link RegistrationStore}): the mailer
 * marks sent mails on the same document while participants and organisers change it, and
 * a whole-document save would overwrite one with the other.
 *
 * <p>
 * {@code addressKey} (event id and lower-case address) is unique
 * ({@link RegistrationStore}), so the same address cannot take a second seat, not even
 * with two requests at the same moment. Cancelling replaces it, in the same write, with
 * {@link #releasedAddressKey()}: the address may then register again, as a new
 * registration with a new id, while the cancelled one stays as it was.
 */
@Document(Registration.COLLECTION)
public class Registration {

	public static final String COLLECTION = "registrations";

	@Id
	private String id;

	private String eventId;

	private String initiativeId;

	private String name;

	private String email;

	/**
	 * The keyed hash of the address ({@code SubjectKeys}) that access and erasure
	 * requests find the person's registrations by (docs/adr/0015); set by
	 * {@link RegistrationStore#insert} with the address, removed with it.
	 */
	private String subjectKey;

	/**
	 * Event id and lower-case address in one field: a single-field unique index is one
	 * that every MongoDB-compatible store also uses for lookups (the local one ignores
	 * compound indexes when querying and would scan).
	 */
	private String addressKey;

	private String organisation;

	private ParticipantGroup participantGroup;

	/** The initiative the person came for ("Ich vertrete die Initiative …"); optional. */
	private String representedInitiativeId;

	/**
	 * Registered at the door by the organiser and checked in at once; has no consent of
	 * its own (the organiser took the details) and gets no confirmation mail.
	 */
	private boolean walkIn;

	private String consentVersion;

	private Instant consentedAt;

	private RegistrationStatus status;

	private long waitlistPosition;

	private Instant registeredAt;

	private Instant confirmedAt;

	private Instant cancelledAt;

	private Instant checkedInAt;

	private String checkInMethod;

	/**
	 * When the personal data was removed ({@link RegistrationAnonymisation}); the
	 * registration stays as an anonymous seat of its group.
	 */
	private Instant anonymisedAt;

	private long version;

	private List<String> sentMails = new ArrayList<>();

	private List<org.bson.Document> outbox = new ArrayList<>();

	protected Registration() {
	}

	static Registration confirmed(String id, String eventId, String initiativeId, ParticipantForm form, Instant now) {
		Registration registration = new Registration(id, eventId, initiativeId, form, now);
		registration.status = RegistrationStatus.CONFIRMED;
		registration.confirmedAt = now;
		return registration;
	}

	static Registration waitlisted(String id, String eventId, String initiativeId, ParticipantForm form, long position,
			Instant now) {
		Registration registration = new Registration(id, eventId, initiativeId, form, now);
		registration.status = RegistrationStatus.WAITLISTED;
		registration.waitlistPosition = position;
		return registration;
	}

	/**
	 * A person registered at the door: confirmed (the caller holds the seat) and checked
	 * in at once, so the new document has version 2 (confirmed, then checked in). Without
	 * an address the unique address key is derived from the id, so any number of people
	 * without e-mail can come in.
	 */
	static Registration walkIn(String id, String eventId, String initiativeId, WalkInForm form, Instant now) {
		Registration registration = new Registration();
		registration.id = id;
		registration.eventId = eventId;
		registration.initiativeId = initiativeId;
		registration.name = form.name();
		registration.email = form.email();
		registration.addressKey = addressKey(eventId, (form.emailKey() != null) ? form.emailKey() : "walk-in:" + id);
		registration.organisation = form.organisation();
		registration.participantGroup = form.participantGroup();
		registration.representedInitiativeId = form.representedInitiativeId();
		registration.walkIn = true;
		registration.status = RegistrationStatus.CONFIRMED;
		registration.registeredAt = now;
		registration.confirmedAt = now;
		registration.checkedInAt = now;
		registration.checkInMethod = CheckIns.MANUAL;
		registration.version = 1;
		return registration;
	}

	private Registration(String id, String eventId, String initiativeId, ParticipantForm form, Instant now) {
		this.id = id;
		this.eventId = eventId;
		this.initiativeId = initiativeId;
		this.name = form.name();
		this.email = form.email();
		this.addressKey = addressKey(eventId, form.emailKey());
		this.organisation = form.organisation();
		this.participantGroup = form.participantGroup();
		this.representedInitiativeId = form.representedInitiativeId();
		this.consentVersion = form.consentVersion();
		this.consentedAt = now;
		this.registeredAt = now;
		this.version = 1;
	}

	/** Counts the version up for a change stored together with the new document. */
	void advanceVersion() {
		this.version++;
	}

	void raise(de.industriedialog.platform.messaging.OutboxEvent event) {
		this.outbox.add(event.toDocument());
	}

	static String addressKey(String eventId, String emailKey) {
		return eventId + "|" + emailKey;
	}

	/**
	 * The key of this registration once cancelled: still unique (it names the id), but no
	 * longer the one a new registration of the address takes.
	 */
	String releasedAddressKey() {
		return this.addressKey + "|cancelled:" + this.id;
	}

	/**
	 * The key of this registration once anonymised: unique like every key, and without
	 * the address it replaces.
	 */
	String anonymousAddressKey() {
		return addressKey(this.eventId, "anonymised:" + this.id);
	}

	public String id() {
		return this.id;
	}

	public String eventId() {
		return this.eventId;
	}

	public String initiativeId() {
		return this.initiativeId;
	}

	public String name() {
		return this.name;
	}

	public String email() {
		return this.email;
	}

	public String subjectKey() {
		return this.subjectKey;
	}

	void subjectKey(String subjectKey) {
		this.subjectKey = subjectKey;
	}

	public String organisation() {
		return this.organisation;
	}

	public ParticipantGroup participantGroup() {
		return this.participantGroup;
	}

	public String representedInitiativeId() {
		return this.representedInitiativeId;
	}

	public boolean walkIn() {
		return this.walkIn;
	}

	public String consentVersion() {
		return this.consentVersion;
	}

	public Instant consentedAt() {
		return this.consentedAt;
	}

	public RegistrationStatus status() {
		return this.status;
	}

	/** First-come order among everyone who was waitlisted for the event; 0 if never. */
	public long waitlistPosition() {
		return this.waitlistPosition;
	}

	public Instant registeredAt() {
		return this.registeredAt;
	}

	public Instant confirmedAt() {
		return this.confirmedAt;
	}

	public Instant cancelledAt() {
		return this.cancelledAt;
	}

	public Instant checkedInAt() {
		return this.checkedInAt;
	}

	public boolean checkedIn() {
		return this.checkedInAt != null;
	}

	public String checkInMethod() {
		return this.checkInMethod;
	}

	public Instant anonymisedAt() {
		return this.anonymisedAt;
	}

	public boolean anonymised() {
		return this.anonymisedAt != null;
	}

	public long version() {
		return this.version;
	}

	public List<String> sentMails() {
		return List.copyOf(this.sentMails);
	}

	public int pendingEvents() {
		return this.outbox.size();
	}

}
