package de.industriedialog.events.dialogueevent;

/** No event with this id; answered with 404. */
public class EventNotFoundException extends RuntimeException {

	public EventNotFoundException() {
		super("Eine Veranstaltung mit dieser Kennung gibt es nicht.");
	}

}
