package de.industriedialog.newsletter.subscriber;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A person who asked for the Infobrief. Read through Spring Data, but every change is a
 * conditional update of single fields ({@link SubscriberStore}) guarded by
 * {@code version}, so two changes at the same moment cannot overwrite each other and each
 * change is stored together with the event announcing it (outbox, docs/adr/0002).
 *
 * <p>
 * {@code emailKey} is unique: one subscriber per address, even when the form is sent
 * twice at the same moment.
 */
@Document(Subscriber.COLLECTION)
public class Subscriber {

	public static final String COLLECTION = "subscribers";

	@Id
	private String id;

	private String email;

	private String emailKey;

	/**
	 * The keyed hash of the address ({@code SubjectKeys}) that privacy requests find the
	 * subscriber by (docs/adr/0015); set wherever the address is set.
	 */
	private String subjectKey;

	private String name;

	private List<String> audiences = new ArrayList<>();

	/** ISO codes; empty = interested in all of Germany (bundesweit). */
	private List<String> states = new ArrayList<>();

	private SubscriberStatus status;

	/** SHA-256 of the confirmation token; the token itself is only in the mail. */
	private String confirmationTokenHash;

	private Instant confirmationExpiresAt;

	private int confirmationMailsSent;

	private Instant lastConfirmationMailAt;

	private List<Consent> consents = new ArrayList<>();

	private Instant confirmedAt;

	private Instant unsubscribedAt;

	private long version;

	private List<org.bson.Document> outbox = new ArrayList<>();

	protected Subscriber() {
	}

	/**
	 * A new subscription waiting for its confirmation, with the first confirmation mail
	 * already counted: whoever inserts the document sends that mail.
	 */
	static Subscriber requested(String id, SubscriptionForm form, String tokenHash, Instant expiresAt, Instant now) {
		Subscriber subscriber = new Subscriber();
		subscriber.id = id;
		subscriber.email = form.email();
		subscriber.emailKey = emailKey(form.email());
		subscriber.name = form.name();
		subscriber.audiences = form.audienceCodes();
		subscriber.states = form.states();
		subscriber.status = SubscriberStatus.PENDING;
		subscriber.confirmationTokenHash = tokenHash;
		subscriber.confirmationExpiresAt = expiresAt;
		subscriber.confirmationMailsSent = 1;
		subscriber.lastConfirmationMailAt = now;
		subscriber.consents.add(new Consent(Consent.REQUESTED, now, form.consentTextVersion(), form.source(), null));
		subscriber.version = 1;
		return subscriber;
	}

	public static String emailKey(String email) {
		return email.strip().toLowerCase(Locale.ROOT);
	}

	/** The last request: its consent text version and source are what was confirmed. */
	public Consent lastRequest() {
		for (int i = this.consents.size() - 1; i >= 0; i--) {
			if (Consent.REQUESTED.equals(this.consents.get(i).action())) {
				return this.consents.get(i);
			}
		}
		return new Consent(Consent.REQUESTED, null, null, "unknown", null);
	}

	public String id() {
		return this.id;
	}

	public String email() {
		return this.email;
	}

	public String emailKey() {
		return this.emailKey;
	}

	public String subjectKey() {
		return this.subjectKey;
	}

	void subjectKey(String subjectKey) {
		this.subjectKey = subjectKey;
	}

	public String name() {
		return this.name;
	}

	public List<String> audiences() {
		return List.copyOf(this.audiences);
	}

	public List<String> states() {
		return List.copyOf(this.states);
	}

	public SubscriberStatus status() {
		return this.status;
	}

	String confirmationTokenHash() {
		return this.confirmationTokenHash;
	}

	public Instant confirmationExpiresAt() {
		return this.confirmationExpiresAt;
	}

	public int confirmationMailsSent() {
		return this.confirmationMailsSent;
	}

	public Instant lastConfirmationMailAt() {
		return this.lastConfirmationMailAt;
	}

	public List<Consent> consents() {
		return List.copyOf(this.consents);
	}

	public Instant confirmedAt() {
		return this.confirmedAt;
	}

	public Instant unsubscribedAt() {
		return this.unsubscribedAt;
	}

	public long version() {
		return this.version;
	}

	public int pendingEvents() {
		return this.outbox.size();
	}

}
