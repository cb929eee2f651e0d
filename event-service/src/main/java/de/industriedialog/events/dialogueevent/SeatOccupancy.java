package de.industriedialog.events.dialogueevent;

/**
 * How many seats of an event are taken, as far as the registrations know. Lets an edit
 * refuse a capacity below the confirmed registrations without this feature depending on
 * the registration feature.
 */
public interface SeatOccupancy {

	int confirmedSeats(String eventId);

}
