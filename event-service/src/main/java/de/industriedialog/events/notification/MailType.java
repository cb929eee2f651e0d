package de.industriedialog.events.notification;

/**
 * The kinds of participant mail; {@link #tag()} names the template and the {@code type}
 * tag of the {@code mails.sent} counter.
 */
enum MailType {

	CONFIRMATION("confirmation"), WAITLIST("waitlist"), PROMOTION("promotion"), CANCELLATION("cancellation"),
	FEEDBACK_INVITATION("feedback-invitation"), REMINDER("reminder"), ALREADY_REGISTERED("already-registered");

	private final String tag;

	MailType(String tag) {
		this.tag = tag;
	}

	String tag() {
		return this.tag;
	}

}
