package de.industriedialog.events.dialogueevent;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import de.industriedialog.events.format.FormatCatalogue;
import de.industriedialog.events.initiative.InitiativeReplica;
import de.industriedialog.events.initiative.InitiativeReplication;
import de.industriedialog.platform.security.CurrentUser;
import de.industriedialog.platform.security.ForbiddenException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The use cases that change dialogue events. Every one checks, in this order, who may act
 * (ownership, then the initiative's publication in the local replica), then the input,
 * and only then writes: a refused request changes nothing and publishes nothing.
 */
@Service
public class DialogueEvents {

	static final String ONLY_STAFF_RECORDS = "Veranstaltungen mit einem Beginn in der Vergangenheit nachträglich "
			+ "erfassen kann nur die Geschäftsstelle.";

	private final DialogueEventRepository repository;

	private final DialogueEventMessages messages;

	private final InitiativeReplication initiatives;

	private final FormatCatalogue formats;

	private final Clock clock;

	private final ObjectProvider<SeatOccupancy> seats;

	private final ApplicationEventPublisher publisher;

	DialogueEvents(DialogueEventRepository repository, DialogueEventMessages messages,
			InitiativeReplication initiatives, FormatCatalogue formats, Clock clock,
			ObjectProvider<SeatOccupancy> seats, ApplicationEventPublisher publisher) {
		this.repository = repository;
		this.messages = messages;
		this.initiatives = initiatives;
		this.formats = formats;
		this.clock = clock;
		this.seats = seats;
		this.publisher = publisher;
	}

	public Optional<DialogueEvent> find(String id) {
		return this.repository.findById(id);
	}

	/**
	 * Schedules a new event in state PLANNED.
	 * @param initiativeId the initiative it belongs to; {@code null} means the initiative
	 * of the account
	 */
	public DialogueEvent create(CurrentUser user, String initiativeId, EventDetails details) {
		return create(user, initiativeId, details, false);
	}

	/**
	 * Schedules a new event in state PLANNED.
	 * @param initiativeId the initiative it belongs to; {@code null} means the initiative
	 * of the account
	 * @param recordedAfterwards {@code true} for staff entering an event that already
	 * took place ("Nacherfassung"): its start must then lie in the past instead of the
	 * future, and no participant mails are sent for it
	 */
	public DialogueEvent create(CurrentUser user, String initiativeId, EventDetails details,
			boolean recordedAfterwards) {
		String owner = (initiativeId == null || initiativeId.isBlank()) ? user.initiativeId() : initiativeId.strip();
		if (owner == null) {
			throw new InvalidEventException(
					List.of(new EventProblem("initiativeId", "Bitte geben Sie die Initiative an.")));
		}
		user.requireActFor(owner);
		requirePublished(owner, user);
		Instant now = this.clock.instant();
		if (recordedAfterwards && !user.isStaff()) {
			// The ordinary rules still apply, so the answer names the start as well.
			List<EventProblem> problems = new ArrayList<>(details.problems(now, true, this.formats::contains));
			problems.add(0, new EventProblem("recordedAfterwards", ONLY_STAFF_RECORDS));
			throw new InvalidEventException(problems);
		}
		requireValid(details, now, !recordedAfterwards, recordedAfterwards);
		DialogueEvent event = new DialogueEvent(UUID.randomUUID().toString(), owner, details, now, user.subject(),
				recordedAfterwards);
		event.raise(this.messages.scheduled(event, now));
		return this.repository.insert(event);
	}

	/**
	 * Changes the details of an event that is neither held nor cancelled.
	 * @param initiativeId the initiative the client thinks the event belongs to, or
	 * {@code null}; an event never moves to another initiative
	 * @param expectedVersion the version the client edited, or {@code null} to skip the
	 * check
	 */
	public DialogueEvent update(CurrentUser user, String id, String initiativeId, Long expectedVersion,
			EventDetails details) {
		DialogueEvent event = authorized(user, id);
		if (initiativeId != null && !initiativeId.isBlank() && !initiativeId.strip().equals(event.initiativeId())) {
			throw new InvalidEventException(List.of(new EventProblem("initiativeId",
					"Eine Veranstaltung kann nicht zu einer anderen Initiative wechseln.")));
		}
		if (expectedVersion != null && expectedVersion != event.eventVersion()) {
			throw new EventConflictException("Die Veranstaltung wurde inzwischen geändert (Version "
					+ event.eventVersion() + " statt " + expectedVersion
					+ "). Bitte laden Sie sie neu und übernehmen Sie Ihre Änderungen noch einmal.");
		}
		event.requireChangeable();
		Instant now = this.clock.instant();
		// Only a moved start has to lie in the future: an event that already began may
		// still get a corrected description.
		boolean startMoved = details.start() != null && !details.start().equals(event.start());
		if (startMoved && event.recordedAfterwards() && !user.isStaff()) {
			throw new InvalidEventException(List.of(new EventProblem("start", ONLY_STAFF_RECORDS)));
		}
		requireValid(details, now, startMoved && !event.recordedAfterwards(), startMoved && event.recordedAfterwards());
		if (details.equals(event.details())) {
			return event;
		}
		int taken = this.seats.stream().mapToInt((occupancy) -> occupancy.confirmedSeats(id)).sum();
		if (details.capacity() < taken) {
			throw new InvalidEventException(List.of(new EventProblem("capacity", "Es sind bereits " + taken
					+ " Plätze bestätigt; die Kapazität kann nicht darunter sinken. Sagen Sie sonst Anmeldungen ab.")));
		}
		int before = event.capacity();
		event.change(details, now);
		event.raise(this.messages.updated(event, now));
		DialogueEvent saved = this.repository.save(event);
		if (saved.capacity() > before) {
			this.publisher.publishEvent(new EventCapacityRaised(id));
		}
		return saved;
	}

	public DialogueEvent open(CurrentUser user, String id) {
		return transition(user, id, EventStatus.OPEN);
	}

	public DialogueEvent close(CurrentUser user, String id) {
		return transition(user, id, EventStatus.CLOSED);
	}

	public DialogueEvent markHeld(CurrentUser user, String id) {
		return transition(user, id, EventStatus.HELD);
	}

	public DialogueEvent cancel(CurrentUser user, String id) {
		return transition(user, id, EventStatus.CANCELLED);
	}

	private DialogueEvent transition(CurrentUser user, String id, EventStatus target) {
		DialogueEvent event = authorized(user, id);
		Instant now = this.clock.instant();
		event.moveTo(target, now);
		event.raise(switch (target) {
			case CANCELLED -> this.messages.cancelled(event, now);
			case HELD -> this.messages.held(event, now);
			default -> this.messages.updated(event, now);
		});
		return this.repository.save(event);
	}

	private DialogueEvent authorized(CurrentUser user, String id) {
		DialogueEvent event = this.repository.findById(id).orElseThrow(EventNotFoundException::new);
		user.requireActFor(event.initiativeId());
		// Staff may still tidy up the events of a withdrawn initiative (e.g. cancel
		// them); the initiative's own account may not act once it is withdrawn.
		if (!user.isStaff()) {
			requirePublished(event.initiativeId(), user);
		}
		return event;
	}

	private void requirePublished(String initiativeId, CurrentUser user) {
		boolean published = this.initiatives.find(initiativeId).map(InitiativeReplica::published).orElse(false);
		if (!published) {
			throw new ForbiddenException(user.isStaff()
					? "Diese Initiative ist nicht veröffentlicht. Veranstaltungen gibt es nur für veröffentlichte Initiativen."
					: "Ihre Initiative ist nicht (mehr) veröffentlicht. Veranstaltungen können nur veröffentlichte "
							+ "Initiativen anlegen und ändern; bitte wenden Sie sich an die Geschäftsstelle.");
		}
	}

	/**
	 * @param startMustBePast for an event recorded afterwards: it must have begun
	 * already, or it would get the reminders and mails of a coming event after all
	 */
	private void requireValid(EventDetails details, Instant now, boolean startMustBeFuture, boolean startMustBePast) {
		List<EventProblem> problems = new ArrayList<>(details.problems(now, startMustBeFuture, this.formats::contains));
		if (startMustBePast && details.start() != null && details.start().isAfter(now)) {
			problems.add(new EventProblem("start",
					"Nachträglich erfassen lassen sich nur Veranstaltungen, die bereits begonnen haben."));
		}
		if (!problems.isEmpty()) {
			throw new InvalidEventException(problems);
		}
	}

}
