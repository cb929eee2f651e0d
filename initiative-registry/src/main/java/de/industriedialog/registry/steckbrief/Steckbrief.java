package de.industriedialog.registry.steckbrief;

import de.industriedialog.contracts.Bundesland;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import de.industriedialog.platform.messaging.OutboxEvent;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The profile of an industry initiative. Its pending events live in the same document
 * ({@link #outbox()}), so a change and the news of it are stored in one atomic write.
 */
@Document("steckbriefe")
public class Steckbrief {

	@Id
	private String id;

	private String name;

	private Level level;

	private InitiativeType type;

	/** ISO 3166-2 code of the Bundesland, {@code null} where unknown. */
	private String state;

	private String city;

	private String website;

	/** Not public: never in the public view or an event. */
	private Contact contact;

	/**
	 * The subject key of the contact's address (platform SubjectKeys), so an access or
	 * erasure request finds the Steckbriefe of a person by an index, not by the address.
	 */
	private String contactSubjectKey;

	/** When the current contact person was entered; part of a person's export. */
	private Instant contactSetAt;

	private Integer foundingYear;

	private String legalForm;

	/** Who runs the Geschäftsstelle, e.g. the IHK. */
	private String office;

	private Set<ActorGroup> actorGroups = EnumSet.noneOf(ActorGroup.class);

	/** The actor groups among the founders; always a subset of {@link #actorGroups}. */
	private Set<ActorGroup> founderGroups = EnumSet.noneOf(ActorGroup.class);

	private Set<GoalCategory> goalCategories = EnumSet.noneOf(GoalCategory.class);

	private List<String> activities = new ArrayList<>();

	private String financing;

	private List<String> linkedInitiativeIds = new ArrayList<>();

	private Coordinates coordinates;

	private SteckbriefStatus status;

	private List<Transition> transitions = new ArrayList<>();

	/** Where the profile came from, e.g. {@code registry-2017}. */
	private String origin;

	/**
	 * The earlier registry an imported profile comes from (the {@code origin} of an
	 * import), {@code null} for one written here: it was public before it was published
	 * here, so it is not news.
	 */
	private String importedFrom;

	private Instant createdAt;

	private Instant updatedAt;

	private Instant publishedAt;

	private Instant withdrawnAt;

	private String withdrawalReason;

	@Version
	private Long version;

	private List<OutboxEvent> outbox = new ArrayList<>();

	protected Steckbrief() {
	}

	Steckbrief(String id, String name, Level level, InitiativeType type, String state, String origin,
			Instant createdAt) {
		this.id = id;
		this.name = name;
		this.level = level;
		this.type = type;
		this.state = state;
		this.origin = origin;
		this.createdAt = createdAt;
		this.updatedAt = createdAt;
		this.status = SteckbriefStatus.DRAFT;
	}

	static Steckbrief draft(String id, SteckbriefData data, String origin, Instant now) {
		Steckbrief steckbrief = new Steckbrief(id, data.name(), data.level(), data.type(), data.state(), origin, now);
		steckbrief.apply(data, now);
		return steckbrief;
	}

	/** Places the 2017 registry entry on the map; the study gives no more than this. */
	void locate(String city, Coordinates coordinates) {
		this.city = city;
		this.coordinates = coordinates;
	}

	void foundedIn(Integer year) {
		this.foundingYear = year;
	}

	void markImportedFrom(String registry) {
		this.importedFrom = registry;
	}

	/** Replaces the editable content. */
	void apply(SteckbriefData data, Instant when) {
		this.name = data.name();
		this.website = data.website();
		if (!java.util.Objects.equals(this.contact, data.contact())) {
			this.contactSetAt = (data.contact() != null) ? when : null;
		}
		this.contact = data.contact();
		this.state = data.state();
		this.city = data.city();
		this.coordinates = data.coordinates();
		this.level = data.level();
		this.type = data.type();
		this.foundingYear = data.foundingYear();
		this.legalForm = data.legalForm();
		this.office = data.office();
		this.actorGroups = enumSet(data.actorGroups());
		// A founder that does not take part is a contradiction; founders always take
		// part.
		this.actorGroups.addAll(data.founderGroups());
		this.founderGroups = enumSet(data.founderGroups());
		this.goalCategories = data.goalCategories().isEmpty() ? EnumSet.noneOf(GoalCategory.class)
				: EnumSet.copyOf(data.goalCategories());
		this.activities = new ArrayList<>(data.activities());
		this.financing = data.financing();
		this.linkedInitiativeIds = new ArrayList<>(data.linkedInitiativeIds());
		this.updatedAt = when;
	}

	private static EnumSet<ActorGroup> enumSet(Set<ActorGroup> groups) {
		return groups.isEmpty() ? EnumSet.noneOf(ActorGroup.class) : EnumSet.copyOf(groups);
	}

	/**
	 * Moves the Steckbrief along its workflow and records who did it.
	 * @throws IllegalTransitionException if the workflow does not allow the move
	 */
	void moveTo(SteckbriefStatus target, String by, Instant when) {
		if (!this.status.mayMoveTo(target)) {
			throw new IllegalTransitionException("Ein Steckbrief im Status „" + this.status.germanName()
					+ "“ kann nicht in den Status „" + target.germanName() + "“ wechseln. Möglich ist von hier: "
					+ this.status.next()
						.stream()
						.sorted()
						.map((next) -> "„" + next.germanName() + "“")
						.collect(Collectors.joining(", "))
					+ ".");
		}
		this.transitions.add(new Transition(this.status, target, by, when));
		this.status = target;
		this.updatedAt = when;
		if (target == SteckbriefStatus.PUBLISHED) {
			this.publishedAt = when;
			this.withdrawnAt = null;
			this.withdrawalReason = null;
		}
	}

	void withdrawBecause(String reason, Instant when) {
		this.withdrawnAt = when;
		this.withdrawalReason = reason;
	}

	/** The 2017 import publishes directly: those profiles were published by the study. */
	void markPublished(Instant when) {
		this.transitions.add(new Transition(this.status, SteckbriefStatus.PUBLISHED, this.origin, when));
		this.status = SteckbriefStatus.PUBLISHED;
		this.publishedAt = when;
	}

	/** Keys the contact; called on every write that sets or changes it. */
	void keyContact(String subjectKey) {
		this.contactSubjectKey = subjectKey;
	}

	/**
	 * Erasure on request (docs/adr/0015): the contact person goes, and so does the
	 * person's name or address wherever the workflow history recorded who acted (the
	 * account subject is the address). The Steckbrief itself stays as it is.
	 * @param isSubject whether a recorded actor is the person
	 */
	void eraseContact(java.util.function.Predicate<String> isSubject, String replacement) {
		this.contact = null;
		this.contactSubjectKey = null;
		this.contactSetAt = null;
		this.transitions = new ArrayList<>(this.transitions.stream()
			.map((step) -> isSubject.test(step.by()) ? new Transition(step.from(), step.to(), replacement, step.at())
					: step)
			.toList());
		if (this.origin != null && this.origin.contains(":")
				&& isSubject.test(this.origin.substring(this.origin.indexOf(':') + 1))) {
			this.origin = this.origin.substring(0, this.origin.indexOf(':') + 1) + replacement;
		}
	}

	public String contactSubjectKey() {
		return this.contactSubjectKey;
	}

	public Instant contactSetAt() {
		return this.contactSetAt;
	}

	void raise(OutboxEvent event) {
		this.outbox.add(event);
	}

	/**
	 * The aggregate version the next saved change will have, as carried in events (starts
	 * at 1 and increases with every change). Spring Data stores 0 on insert and adds one
	 * on every save, so this is the stored version after the save plus one.
	 */
	long nextEventVersion() {
		return (this.version == null) ? 1 : this.version + 2;
	}

	public Composition composition() {
		return Composition.of(this.actorGroups);
	}

	public boolean isBuendnis() {
		Composition composition = composition();
		return composition != null && composition.isBuendnis();
	}

	public String id() {
		return this.id;
	}

	public String name() {
		return this.name;
	}

	public Level level() {
		return this.level;
	}

	public InitiativeType type() {
		return this.type;
	}

	public String state() {
		return this.state;
	}

	public String city() {
		return this.city;
	}

	public String website() {
		return this.website;
	}

	public Contact contact() {
		return this.contact;
	}

	public Integer foundingYear() {
		return this.foundingYear;
	}

	public String legalForm() {
		return this.legalForm;
	}

	public String office() {
		return this.office;
	}

	public Set<ActorGroup> actorGroups() {
		return Set.copyOf(this.actorGroups);
	}

	public Set<ActorGroup> founderGroups() {
		return Set.copyOf(this.founderGroups);
	}

	public Set<GoalCategory> goalCategories() {
		return Set.copyOf(this.goalCategories);
	}

	public List<String> activities() {
		return List.copyOf(this.activities);
	}

	public String financing() {
		return this.financing;
	}

	public List<String> linkedInitiativeIds() {
		return List.copyOf(this.linkedInitiativeIds);
	}

	public Coordinates coordinates() {
		return this.coordinates;
	}

	public SteckbriefStatus status() {
		return this.status;
	}

	public List<Transition> transitions() {
		return List.copyOf(this.transitions);
	}

	public String origin() {
		return this.origin;
	}

	public String importedFrom() {
		return this.importedFrom;
	}

	public Instant createdAt() {
		return this.createdAt;
	}

	public Instant updatedAt() {
		return this.updatedAt;
	}

	public Instant publishedAt() {
		return this.publishedAt;
	}

	public Instant withdrawnAt() {
		return this.withdrawnAt;
	}

	public String withdrawalReason() {
		return this.withdrawalReason;
	}

	/**
	 * The stored version, for optimistic locking by clients; {@code null} before insert.
	 */
	public Long version() {
		return this.version;
	}

	public List<OutboxEvent> outbox() {
		return List.copyOf(this.outbox);
	}

}
