package de.industriedialog.events.privacy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import de.industriedialog.events.dialogueevent.DialogueEvent;
import de.industriedialog.events.dialogueevent.DialogueEvents;
import de.industriedialog.events.dialogueevent.EventStatus;
import de.industriedialog.events.initiative.InitiativeReplication;
import de.industriedialog.events.registration.Registration;
import de.industriedialog.events.registration.RegistrationAnonymisation;
import de.industriedialog.events.registration.RegistrationStatus;
import de.industriedialog.events.registration.RegistrationStore;
import de.industriedialog.events.registration.Registrations;
import de.industriedialog.platform.mail.MailQueue;
import de.industriedialog.platform.mail.QueuedMail;
import de.industriedialog.platform.privacy.PersonalData;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * A person's registrations for dialogue events (docs/adr/0015). Erasure uses the one
 * anonymisation of retention ({@link RegistrationAnonymisation}); a registration for an
 * event still ahead is cancelled first, as if the person had cancelled, so that the seat
 * goes to the waitlist and the other services count the cancellation.
 */
@Component
class RegistrationPersonalData implements PersonalData {

	private final RegistrationStore store;

	private final Registrations registrations;

	private final RegistrationAnonymisation anonymisation;

	private final DialogueEvents events;

	private final InitiativeReplication initiatives;

	private final ObjectProvider<MailQueue> mailQueue;

	private final Clock clock;

	RegistrationPersonalData(RegistrationStore store, Registrations registrations,
			RegistrationAnonymisation anonymisation, DialogueEvents events, InitiativeReplication initiatives,
			ObjectProvider<MailQueue> mailQueue, Clock clock) {
		this.store = store;
		this.registrations = registrations;
		this.anonymisation = anonymisation;
		this.events = events;
		this.initiatives = initiatives;
		this.mailQueue = mailQueue;
		this.clock = clock;
	}

	@Override
	public String name() {
		return "registrations";
	}

	@Override
	public String title() {
		return "Anmeldungen zu Veranstaltungen";
	}

	@Override
	public int count(String subjectKey) {
		return this.store.countOfSubject(subjectKey);
	}

	@Override
	public List<?> export(String subjectKey) {
		return this.store.ofSubject(subjectKey).stream().map(this::export).toList();
	}

	private Map<String, Object> export(Registration registration) {
		Optional<DialogueEvent> event = this.events.find(registration.eventId());
		Map<String, Object> record = new LinkedHashMap<>();
		record.put("registrationId", registration.id());
		record.put("event", event.map(DialogueEvent::title).orElse(null));
		record.put("eventStart", event.map(DialogueEvent::start).orElse(null));
		record.put("eventEnd", event.map(DialogueEvent::end).orElse(null));
		record.put("name", registration.name());
		record.put("email", registration.email());
		record.put("organisation", registration.organisation());
		record.put("participantGroup", registration.participantGroup());
		record.put("representedInitiative", representedInitiative(registration.representedInitiativeId()));
		record.put("status", registration.status().name());
		record.put("registeredAtTheDoor", registration.walkIn());
		record.put("consentVersion", registration.consentVersion());
		record.put("consentedAt", registration.consentedAt());
		record.put("registeredAt", registration.registeredAt());
		record.put("confirmedAt", registration.confirmedAt());
		record.put("cancelledAt", registration.cancelledAt());
		record.put("checkedInAt", registration.checkedInAt());
		record.put("checkInMethod", registration.checkInMethod());
		record.put("mails", mails(registration));
		return record;
	}

	private String representedInitiative(String initiativeId) {
		if (initiativeId == null) {
			return null;
		}
		return this.initiatives.find(initiativeId).map((initiative) -> initiative.name()).orElse(initiativeId);
	}

	/**
	 * The mails of the registration: kind and time from the mail queue while it holds
	 * them (the queue deletes sent mails after its retention period); the bodies are left
	 * out, they hold the personal link.
	 */
	private List<Map<String, Object>> mails(Registration registration) {
		List<Map<String, Object>> mails = new ArrayList<>();
		MailQueue queue = this.mailQueue.getIfAvailable();
		for (String mark : registration.sentMails()) {
			Optional<QueuedMail> queued = (queue != null) ? queue.find(registration.id() + ":" + mark)
					: Optional.empty();
			Map<String, Object> mail = new LinkedHashMap<>();
			mail.put("type", queued.map(QueuedMail::type).orElse(null));
			mail.put("status", queued.map((q) -> q.status().name()).orElse("SENT"));
			mail.put("queuedAt", queued.map(QueuedMail::queuedAt).orElse(null));
			mail.put("sentAt", queued.map(QueuedMail::sentAt).orElse(null));
			mails.add(mail);
		}
		return mails;
	}

	@Override
	public int erase(String subjectKey) {
		int erased = 0;
		for (Registration registration : this.store.ofSubject(subjectKey)) {
			if (ahead(registration)) {
				this.registrations.cancelForErasure(registration);
			}
			if (this.anonymisation.anonymise(registration.id())) {
				erased++;
			}
		}
		return erased;
	}

	/** Confirmed or waiting for an event that has not started: cancelled first. */
	private boolean ahead(Registration registration) {
		if (registration.status() != RegistrationStatus.CONFIRMED
				&& registration.status() != RegistrationStatus.WAITLISTED) {
			return false;
		}
		Instant now = this.clock.instant();
		return this.events.find(registration.eventId())
			.filter((event) -> !event.status().isFinal() && event.status() != EventStatus.HELD
					&& now.isBefore(event.start()))
			.isPresent();
	}

}
