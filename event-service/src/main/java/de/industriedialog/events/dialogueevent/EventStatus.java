package de.industriedialog.events.dialogueevent;

import java.util.Set;

/**
 * Lifecycle of a dialogue event: {@code PLANNED → OPEN → CLOSED → HELD}, or
 * {@code CANCELLED} from any state before HELD. HELD and CANCELLED are final, because
 * participant counts and feedback refer to what happened and must not move afterwards.
 */
public enum EventStatus {

	PLANNED("geplant"), OPEN("zur Anmeldung geöffnet"), CLOSED("Anmeldung geschlossen"), HELD("durchgeführt"),
	CANCELLED("abgesagt");

	private final String germanName;

	EventStatus(String germanName) {
		this.germanName = germanName;
	}

	public String germanName() {
		return this.germanName;
	}

	public boolean isFinal() {
		return this == HELD || this == CANCELLED;
	}

	public boolean canMoveTo(EventStatus target) {
		return switch (target) {
			case OPEN -> this == PLANNED;
			case CLOSED -> this == OPEN;
			case HELD -> this == CLOSED;
			case CANCELLED -> Set.of(PLANNED, OPEN, CLOSED).contains(this);
			case PLANNED -> false;
		};
	}

}
