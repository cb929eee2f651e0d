package de.industriedialog.events.notification;

/**
 * A mail to one participant, ready to send.
 *
 * @param type what kind of mail
 * @param to the address
 * @param toName the participant's name, shown with the address
 * @param subject German subject
 * @param html the HTML body
 * @param text the same as plain text
 * @param calendar a calendar file to attach, or {@code null}
 */
record ParticipantMail(MailType type, String to, String toName, String subject, String html, String text,
		CalendarFile calendar) {

}
