package de.industriedialog.events.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import de.industriedialog.events.dialogueevent.DialogueEvent;
import de.industriedialog.events.dialogueevent.EventStatus;
import de.industriedialog.events.registration.Registration;
import de.industriedialog.events.registration.RegistrationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Reminds every confirmed participant of an event that is still on (OPEN or CLOSED) and
 * starts within {@code industriedialog.mail.reminder.before}, once per registration (mail
 * key {@value #MAIL_KEY}). Runs on a schedule ({@link NotificationConfiguration});
 * running it twice, or on two instances at once, mails nobody twice. Whoever the mail
 * server refused is tried again on the next run.
 */
@Component
public class Reminders {

	static final String MAIL_KEY = "reminder";

	private static final Logger log = LoggerFactory.getLogger(Reminders.class);

	private final MongoTemplate mongo;

	private final RegistrationStore store;

	private final MailComposer composer;

	private final MailDelivery delivery;

	private final MailSettings settings;

	private final Clock clock;

	Reminders(MongoTemplate mongo, RegistrationStore store, MailComposer composer, MailDelivery delivery,
			MailSettings settings, Clock clock) {
		this.mongo = mongo;
		this.store = store;
		this.composer = composer;
		this.delivery = delivery;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * @return how many reminders were sent
	 */
	public int remindDue() {
		return remindDue(this.clock.instant());
	}

	int remindDue(Instant now) {
		int sent = 0;
		int failed = 0;
		for (DialogueEvent event : startingSoon(now)) {
			if (event.recordedAfterwards()) {
				continue;
			}
			for (Registration registration : this.store.confirmedOf(event.id())) {
				if (registration.checkedIn()) {
					continue; // e.g. registered at the door: here already
				}
				try {
					if (this.delivery.queueOnce(registration, MAIL_KEY,
							() -> this.composer.reminder(registration, event))) {
						sent++;
					}
				}
				catch (RuntimeException ex) {
					failed++;
					log.warn("Reminder for registration {} of event {} not sent; next run tries again: {}",
							registration.id(), event.id(), ex.toString());
				}
			}
		}
		if (sent > 0 || failed > 0) {
			log.info("Reminders: {} sent, {} failed", sent, failed);
		}
		return sent;
	}

	/**
	 * Read-only look into the events: still on, starting after now and within the lead
	 * time.
	 */
	private List<DialogueEvent> startingSoon(Instant now) {
		Query query = Query.query(Criteria.where("status")
			.in(EventStatus.OPEN.name(), EventStatus.CLOSED.name())
			.and("start")
			.gt(Date.from(now))
			.lte(Date.from(now.plus(this.settings.reminder().before()))));
		return this.mongo.find(query, DialogueEvent.class, DialogueEvent.COLLECTION);
	}

}
