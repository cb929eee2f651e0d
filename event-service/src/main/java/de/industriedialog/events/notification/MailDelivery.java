package de.industriedialog.events.notification;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import de.industriedialog.events.registration.Registration;
import de.industriedialog.events.registration.RegistrationStore;
import de.industriedialog.platform.mail.MailQueue;
import de.industriedialog.platform.mail.OutgoingMail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Queues each participant mail once, in this service's mail queue ({@link MailQueue}),
 * keyed by registration and what the mail answers; the platform's sender delivers it,
 * retrying while the mail server is away, and marks it sent only after the server took
 * it. A redelivered Kafka record, a second instance or a second reminder run queues
 * nothing new: the key exists. The key is also noted on the registration
 * ({@link RegistrationStore#markMailSent}), which lets the reminder job skip whoever has
 * theirs without a look into the queue, and keeps registrations mailed before the queue
 * existed from being mailed again.
 */
@Component
class MailDelivery {

	private static final Logger log = LoggerFactory.getLogger(MailDelivery.class);

	private final MailQueue queue;

	private final RegistrationStore store;

	private final MailSettings settings;

	MailDelivery(MailQueue queue, RegistrationStore store, MailSettings settings) {
		this.queue = queue;
		this.store = store;
		this.settings = settings;
	}

	/**
	 * @param mailKey what is mailed, unique per registration: the {@code ce_id} of the
	 * event the mail answers, or a fixed key for mails sent once per registration
	 * @param mail builds the mail; called only if it is to be queued
	 * @return {@code true} if the mail was queued now, {@code false} if it had been
	 * before or the registration has no address
	 * @throws RuntimeException if the store is unavailable; nothing is queued then, and
	 * the caller (a consumer, the reminder job) tries again
	 */
	boolean queueOnce(Registration registration, String mailKey, Supplier<ParticipantMail> mail) {
		if (registration.email() == null) {
			// Registered at the door without an address: nobody to write to.
			log.debug("Mail {} to registration {} skipped: no address", mailKey, registration.id());
			return false;
		}
		if (registration.sentMails().contains(mailKey)) {
			log.debug("Mail {} to registration {} was queued before", mailKey, registration.id());
			return false;
		}
		ParticipantMail message = mail.get();
		boolean queued = this.queue.enqueue(outgoing(registration, mailKey, message));
		// Also after a crash between the two steps: the queue holds the mail, the note
		// follows.
		this.store.markMailSent(registration.id(), mailKey);
		if (queued) {
			log.debug("Mail {} ({}) queued for registration {}", message.type().tag(), mailKey, registration.id());
		}
		return queued;
	}

	private OutgoingMail outgoing(Registration registration, String mailKey, ParticipantMail mail) {
		List<OutgoingMail.Attachment> attachments = (mail.calendar() != null) ? List
			.of(new OutgoingMail.Attachment("veranstaltung.ics", CalendarFile.CONTENT_TYPE, mail.calendar().bytes()))
				: List.of();
		return new OutgoingMail(registration.id() + ":" + mailKey, mail.type().tag(), registration.id(),
				this.settings.from(), mail.to(), mail.toName(), mail.subject(), mail.html(), mail.text(), attachments,
				Map.of());
	}

}
