package de.industriedialog.events.dialogueevent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import de.industriedialog.platform.messaging.OutboxEvent;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A dialogue event of an initiative. Its pending events live in the same document
 * ({@link #outbox()}), so a change and the news of it are stored in one atomic write
 * (docs/adr/0002); {@code @Version} turns a concurrent edit into a conflict instead of a
 * lost update.
 */
@Document(DialogueEvent.COLLECTION)
public class DialogueEvent {

	public static final String COLLECTION = "dialogue_events";

	@Id
	private String id;

	private String initiativeId;

	private String title;

	private String description;

	private String format;

	private Instant start;

	private Instant end;

	private String venue;

	private String city;

	private String state;

	private int capacity;

	private List<TargetGroup> targetGroups = new ArrayList<>();

	private Instant registrationOpens;

	private Instant registrationCloses;

	private boolean campaignSupported;

	/**
	 * Entered by staff after it took place ("Nacherfassung"), e.g. the model-region
	 * events of 2017: its start may lie in the past, and nobody gets a mail about it.
	 */
	private boolean recordedAfterwards;

	private EventStatus status;

	private Instant createdAt;

	private String createdBy;

	private Instant changedAt;

	@Version
	private Long version;

	/**
	 * Pending {@link OutboxEvent}s as plain documents. Kept as raw documents on purpose:
	 * Spring Data would store the record's {@code id} as {@code _id}, but the relay reads
	 * and {@code $pull}s entries by {@code id}. With {@code _id} a pull matches every
	 * entry, so an event saved while the relay sends an older one would be dropped
	 * unsent.
	 */
	private List<org.bson.Document> outbox = new ArrayList<>();

	protected DialogueEvent() {
	}

	DialogueEvent(String id, String initiativeId, EventDetails details, Instant now, String createdBy) {
		this(id, initiativeId, details, now, createdBy, false);
	}

	DialogueEvent(String id, String initiativeId, EventDetails details, Instant now, String createdBy,
			boolean recordedAfterwards) {
		this.id = id;
		this.initiativeId = initiativeId;
		this.recordedAfterwards = recordedAfterwards;
		this.status = EventStatus.PLANNED;
		this.createdAt = now;
		this.createdBy = createdBy;
		apply(details, now);
	}

	/**
	 * @throws EventConflictException once the event was held or cancelled: what happened
	 * must not change afterwards
	 */
	void change(EventDetails details, Instant now) {
		requireChangeable();
		apply(details, now);
	}

	/**
	 * @throws EventConflictException once the event was held or cancelled
	 */
	void requireChangeable() {
		if (this.status.isFinal()) {
			throw new EventConflictException(
					"Eine Veranstaltung, die " + this.status.germanName() + " ist, kann nicht mehr geändert werden.");
		}
	}

	/**
	 * @throws EventConflictException if the lifecycle does not allow the step
	 */
	void moveTo(EventStatus target, Instant now) {
		if (!this.status.canMoveTo(target)) {
			throw new EventConflictException("Die Veranstaltung ist " + this.status.germanName()
					+ "; sie kann nicht in den Zustand „" + target.germanName() + "“ wechseln.");
		}
		this.status = target;
		this.changedAt = now;
	}

	private void apply(EventDetails details, Instant now) {
		this.title = details.title();
		this.description = details.description();
		this.format = details.format();
		this.start = details.start();
		this.end = details.end();
		this.venue = details.venue();
		this.city = details.city();
		this.state = details.state();
		this.capacity = details.capacity();
		this.targetGroups = new ArrayList<>(details.targetGroups());
		this.registrationOpens = details.registrationOpens();
		this.registrationCloses = details.registrationCloses();
		this.campaignSupported = details.campaignSupported();
		this.changedAt = now;
	}

	void raise(OutboxEvent event) {
		this.outbox.add(event.toDocument());
	}

	/**
	 * The aggregate version as carried in events and shown in the API: 1 after creation,
	 * increasing with every saved change. Spring Data counts from 0, hence the offset.
	 */
	public long eventVersion() {
		return (this.version == null) ? 0 : this.version + 1;
	}

	/** The version the next saved change will have. */
	long nextEventVersion() {
		return eventVersion() + 1;
	}

	public EventDetails details() {
		return new EventDetails(this.title, this.description, this.format, this.start, this.end, this.venue, this.city,
				this.state, this.capacity, this.targetGroups, this.registrationOpens, this.registrationCloses,
				this.campaignSupported);
	}

	public String id() {
		return this.id;
	}

	public String initiativeId() {
		return this.initiativeId;
	}

	public String title() {
		return this.title;
	}

	public String description() {
		return this.description;
	}

	public String format() {
		return this.format;
	}

	public Instant start() {
		return this.start;
	}

	public Instant end() {
		return this.end;
	}

	public String venue() {
		return this.venue;
	}

	public String city() {
		return this.city;
	}

	public String state() {
		return this.state;
	}

	public int capacity() {
		return this.capacity;
	}

	public List<TargetGroup> targetGroups() {
		return List.copyOf(this.targetGroups);
	}

	public Instant registrationOpens() {
		return this.registrationOpens;
	}

	public Instant registrationCloses() {
		return this.registrationCloses;
	}

	public boolean campaignSupported() {
		return this.campaignSupported;
	}

	/**
	 * Whether staff entered the event after it took place: no participant mails are sent
	 * for it (confirmations, reminders, feedback invitations about a past event make no
	 * sense).
	 */
	public boolean recordedAfterwards() {
		return this.recordedAfterwards;
	}

	public EventStatus status() {
		return this.status;
	}

	public Instant createdAt() {
		return this.createdAt;
	}

	public Instant changedAt() {
		return this.changedAt;
	}

	/** The types of the events still waiting for the relay, oldest first. */
	public List<String> pendingEventTypes() {
		return this.outbox.stream().map((entry) -> entry.getString("eventType")).toList();
	}

}
