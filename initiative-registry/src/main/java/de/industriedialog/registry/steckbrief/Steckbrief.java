package de.industriedialog.registry.steckbrief;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

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

	private Integer foundingYear;

	private Set<ActorGroup> actorGroups = EnumSet.noneOf(ActorGroup.class);

	private Set<GoalCategory> goalCategories = EnumSet.noneOf(GoalCategory.class);

	private Coordinates coordinates;

	private SteckbriefStatus status;

	/** Where the profile came from, e.g. {@code registry-2017}. */
	private String origin;

	private Instant createdAt;

	private Instant publishedAt;

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
		this.status = SteckbriefStatus.DRAFT;
	}

	void markPublished(Instant when) {
		this.status = SteckbriefStatus.PUBLISHED;
		this.publishedAt = when;
	}

	void raise(OutboxEvent event) {
		this.outbox.add(event);
	}

	/**
	 * The aggregate version the next saved change will have, as carried in events (starts
	 * at 1 and increases with every change).
	 */
	long nextEventVersion() {
		return (this.version == null) ? 1 : this.version + 2;
	}

	public Composition composition() {
		return Composition.of(this.actorGroups);
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

	public Integer foundingYear() {
		return this.foundingYear;
	}

	public Set<ActorGroup> actorGroups() {
		return Set.copyOf(this.actorGroups);
	}

	public Set<GoalCategory> goalCategories() {
		return Set.copyOf(this.goalCategories);
	}

	public Coordinates coordinates() {
		return this.coordinates;
	}

	public SteckbriefStatus status() {
		return this.status;
	}

	public String origin() {
		return this.origin;
	}

	public Instant createdAt() {
		return this.createdAt;
	}

	public Instant publishedAt() {
		return this.publishedAt;
	}

	public List<OutboxEvent> outbox() {
		return List.copyOf(this.outbox);
	}

}
