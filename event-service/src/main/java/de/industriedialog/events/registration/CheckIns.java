package de.industriedialog.events.registration;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import de.industriedialog.events.dialogueevent.DialogueEvent;
import de.industriedialog.events.dialogueevent.DialogueEvents;
import de.industriedialog.events.dialogueevent.EventStatus;
import de.industriedialog.platform.security.CurrentUser;
import de.industriedialog.platform.web.ConflictException;
import de.industriedialog.platform.web.InvalidInputException;
import de.industriedialog.platform.web.NotFoundException;

import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * The door list of an event for its initiative (and staff): who registered, check-in by
 * the QR code of the personal link or by hand, undo, and attendance per group.
 */
@Service
public class CheckIns {

	/** Check-in method: picked from the list, or registered at the door. */
	static final String MANUAL = "MANUAL";

	private final DialogueEvents events;

	private final RegistrationStore store;

	private final RegistrationMessages messages;

	private final RegistrationTokens tokens;

	private final Clock clock;

	CheckIns(DialogueEvents events, RegistrationStore store, RegistrationMessages messages, RegistrationTokens tokens,
			Clock clock) {
		this.events = events;
		this.store = store;
		this.messages = messages;
		this.tokens = tokens;
		this.clock = clock;
	}

	public DoorList list(CurrentUser user, String eventId, String search) {
		DialogueEvent event = organised(user, eventId);
		List<Registration> all = this.store.ofEvent(eventId);
		Map<ParticipantGroup, GroupCount> groups = new EnumMap<>(ParticipantGroup.class);
		for (ParticipantGroup group : ParticipantGroup.values()) {
			groups
				.put(group,
						new GroupCount(
								count(all,
										(r) -> r.participantGroup() == group
												&& r.status() == RegistrationStatus.CONFIRMED),
								count(all, (r) -> r.participantGroup() == group && r.checkedIn())));
		}
		Summary summary = new Summary(event.capacity(), count(all, (r) -> r.status() == RegistrationStatus.CONFIRMED),
				count(all, (r) -> r.status() == RegistrationStatus.WAITLISTED),
				count(all, (r) -> r.status() == RegistrationStatus.CANCELLED), count(all, Registration::checkedIn),
				groups);
		String needle = (search != null) ? search.strip().toLowerCase(Locale.GERMAN) : "";
		List<Registration> matching = all.stream().filter((r) -> needle.isEmpty() || matches(r, needle)).toList();
		return new DoorList(event, summary, matching);
	}

	/**
	 * Checks a confirmed participant in, by personal token (QR code) or registration id
	 * (picked from the list). Checking in twice changes nothing.
	 */
	public CheckedIn checkIn(CurrentUser user, String eventId, String token, String registrationId) {
		DialogueEvent event = organised(user, eventId);
		requireCheckInPossible(event);
		Registration registration = resolve(eventId, token, registrationId);
		if (registration.status() == RegistrationStatus.WAITLISTED) {
			throw new ConflictException(
					registration.name() + " steht auf der Warteliste und hat keinen bestätigten Platz.");
		}
		if (registration.status() == RegistrationStatus.CANCELLED) {
			throw new ConflictException("Die Anmeldung von " + registration.name() + " wurde storniert.");
		}
		if (registration.checkedIn()) {
			return new CheckedIn(registration, false);
		}
		Instant now = this.clock.instant();
		String method = (token != null) ? "QR_CODE" : MANUAL;
		String feedbackTokenHash = RegistrationTokens.sha256(this.tokens.feedbackToken(registration.id()));
		Update update = RegistrationStore.set("checkedInAt", now).set("checkInMethod", method);
		Optional<Registration> changed = this.store.change(registration, update,
				this.messages.checkedIn(registration, registration.version() + 1, method, feedbackTokenHash, now));
		return changed.map((r) -> new CheckedIn(r, true))
			.orElseGet(() -> new CheckedIn(this.store.find(registration.id()).orElseThrow(), false));
	}

	public Registration undo(CurrentUser user, String eventId, String registrationId) {
		DialogueEvent event = organised(user, eventId);
		requireCheckInPossible(event);
		Registration registration = resolve(eventId, null, registrationId);
		if (!registration.checkedIn()) {
			return registration;
		}
		Instant now = this.clock.instant();
		String feedbackTokenHash = RegistrationTokens.sha256(this.tokens.feedbackToken(registration.id()));
		Update update = new Update().unset("checkedInAt").unset("checkInMethod");
		return this.store
			.change(registration, update,
					this.messages.checkInUndone(registration, registration.version() + 1, feedbackTokenHash, now))
			.orElseThrow(() -> new ConflictException(
					"Die Anmeldung wurde gerade von jemand anderem geändert. Bitte lade die Liste neu."));
	}

	private Registration resolve(String eventId, String token, String registrationId) {
		if ((token == null) == (registrationId == null)) {
			throw new InvalidInputException(
					"Bitte gib entweder den Code der Anmeldung oder die Anmeldung aus der Liste an.", List.of());
		}
		Optional<Registration> found = (token != null) ? this.tokens.registrationIdOf(token).flatMap(this.store::find)
				: this.store.find(registrationId);
		Registration registration = found.orElseThrow(() -> new NotFoundException(
				(token != null) ? "Diesen QR-Code kennen wir nicht. Ist es der Code aus der Bestätigungs-E-Mail?"
						: "Diese Anmeldung gibt es nicht."));
		if (!registration.eventId().equals(eventId)) {
			throw new ConflictException("Diese Anmeldung gehört zu einer anderen Veranstaltung.");
		}
		if (registration.anonymised()) {
			throw new RegistrationErasedException();
		}
		return registration;
	}

	private DialogueEvent organised(CurrentUser user, String eventId) {
		DialogueEvent event = this.events.find(eventId)
			.orElseThrow(() -> new NotFoundException("Diese Veranstaltung gibt es nicht."));
		user.requireActFor(event.initiativeId());
		return event;
	}

	static void requireCheckInPossible(DialogueEvent event) {
		if (event.status() != EventStatus.OPEN && event.status() != EventStatus.CLOSED) {
			throw new ConflictException("Check-in ist nur möglich, solange die Veranstaltung zur Anmeldung geöffnet "
					+ "oder geschlossen ist; sie ist " + event.status().germanName() + ".");
		}
	}

	private static boolean matches(Registration registration, String needle) {
		return contains(registration.name(), needle) || contains(registration.email(), needle)
				|| contains(registration.organisation(), needle);
	}

	private static boolean contains(String value, String needle) {
		return value != null && value.toLowerCase(Locale.GERMAN).contains(needle);
	}

	private static int count(List<Registration> registrations, java.util.function.Predicate<Registration> test) {
		return (int) registrations.stream().filter(test).count();
	}

	public record DoorList(DialogueEvent event, Summary summary, List<Registration> registrations) {
	}

	public record Summary(int capacity, int confirmed, int waitlisted, int cancelled, int checkedIn,
			Map<ParticipantGroup, GroupCount> byGroup) {
	}

	public record GroupCount(int confirmed, int checkedIn) {
	}

	public record CheckedIn(Registration registration, boolean changed) {
	}

}
