package de.industriedialog.events.notification;

import java.time.LocalDate;

import de.industriedialog.events.dialogueevent.DialogueEvents;
import de.industriedialog.events.registration.AlreadyRegisteredAttempt;
import de.industriedialog.events.registration.Registration;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells the owner of an address that it is already registered, with the personal link:
 * the public answer to the repeated registration is the same as for a new one and does
 * not say it. At most one such mail per registration and day (the key of the mail queue),
 * so repeating the form floods nobody's mailbox.
 */
@Component
class AlreadyRegisteredMails {

	private final DialogueEvents events;

	private final MailComposer composer;

	private final MailDelivery delivery;

	AlreadyRegisteredMails(DialogueEvents events, MailComposer composer, MailDelivery delivery) {
		this.events = events;
		this.composer = composer;
		this.delivery = delivery;
	}

	@EventListener
	void onAttempt(AlreadyRegisteredAttempt attempt) {
		Registration registration = attempt.registration();
		String day = LocalDate.ofInstant(attempt.at(), GermanDates.BERLIN).toString();
		this.events.find(registration.eventId())
			.ifPresent((event) -> this.delivery.queueOnce(registration, "already-registered:" + day,
					() -> this.composer.alreadyRegistered(registration, event)));
	}

}
