package de.industriedialog.evaluation.feedback;

/**
 * How a participant reached the form (the {@code channel} of {@code FeedbackSubmitted}).
 */
public enum Channel {

	/**
	 * The single-use token of a checked-in participant, from the mail after the event.
	 */
	PERSONAL_LINK,

	/** The event's shared link, e.g. a QR code on a slide. */
	EVENT_LINK

}
