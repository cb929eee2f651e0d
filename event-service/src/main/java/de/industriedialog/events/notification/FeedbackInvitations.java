package de.industriedialog.events.notification;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import de.industriedialog.events.dialogueevent.DialogueEvent;
import de.industriedialog.events.dialogueevent.DialogueEvents;
import de.industriedialog.events.registration.Registration;
import de.industriedialog.events.registration.RegistrationStore;
import de.industriedialog.platform.messaging.EventConsumers;
import de.industriedialog.platform.messaging.IncomingEvent;
import de.industriedialog.platform.messaging.UnprocessableEventException;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * When an event took place ({@code DialogueEventHeld} on {@code dialog.events.v1}, group
 * {@code event-service-mail}), invites everyone who was checked in to the evaluation,
 * with the personal single-use feedback link. Once per registration (mail key
 * {@value #MAIL_KEY}); nobody for an event recorded afterwards, and nobody registered
 * without an address. One address the mail server refuses does not hold up the others:
 * all are tried, then the record fails, and its retry mails only those still missing.
 */
@Configuration(proxyBeanMethods = false)
public class FeedbackInvitations {

	static final String MAIL_KEY = "feedback-invitation";

	private static final Logger log = LoggerFactory.getLogger(FeedbackInvitations.class);

	private final RegistrationStore store;

	private final DialogueEvents events;

	private final MailComposer composer;

	private final MailDelivery delivery;

	private final MailSettings settings;

	private final JsonMapper jsonMapper;

	private final Clock clock;

	FeedbackInvitations(RegistrationStore store, DialogueEvents events, MailComposer composer, MailDelivery delivery,
			MailSettings settings, JsonMapper jsonMapper, Clock clock) {
		this.store = store;
		this.events = events;
		this.composer = composer;
		this.delivery = delivery;
		this.settings = settings;
		this.jsonMapper = jsonMapper;
		this.clock = clock;
	}

	@Bean
	Consumer<Message<byte[]>> heldEvents(MeterRegistry meterRegistry) {
		return EventConsumers.of("heldEvents", this::apply, meterRegistry);
	}

	void apply(IncomingEvent event) {
		if (!"DialogueEventHeld".equals(event.eventType())) {
			return;
		}
		Held held = event.data(this.jsonMapper, Held.class);
		if (held.eventId() == null || held.eventId().isBlank()) {
			throw new UnprocessableEventException(event.eventType() + " " + event.id() + " lacks eventId");
		}
		if (Staleness.isStale(event, this.settings, this.clock)) {
			log.warn("Not inviting to feedback on event {}: held at {}, longer ago than {}", held.eventId(),
					event.time(), this.settings.maxAge());
			return;
		}
		Optional<DialogueEvent> found = this.events.find(held.eventId());
		if (found.isEmpty()) {
			log.warn("Not inviting to feedback: event {} does not exist", held.eventId());
			return;
		}
		DialogueEvent dialogue = found.get();
		if (dialogue.recordedAfterwards()) {
			// Entered after the fact (e.g. 2017): its participants answered on paper or
			// through the event link, and a mail about it now would only confuse.
			log.info("Not inviting to feedback on event {}: it was recorded afterwards", held.eventId());
			return;
		}
		List<RuntimeException> failures = new ArrayList<>();
		int sent = 0;
		for (Registration registration : this.store.confirmedOf(held.eventId())) {
			if (registration.checkedInAt() == null) {
				continue;
			}
			try {
				if (this.delivery.queueOnce(registration, MAIL_KEY,
						() -> this.composer.feedbackInvitation(registration, dialogue))) {
					sent++;
				}
			}
			catch (RuntimeException ex) {
				failures.add(ex);
			}
		}
		log.info("Invited {} participants of event {} to give feedback", sent, held.eventId());
		if (!failures.isEmpty()) {
			RuntimeException first = failures.get(0);
			IllegalStateException failed = new IllegalStateException(failures.size()
					+ " feedback invitation(s) for event " + held.eventId() + " could not be sent: " + first, first);
			failures.stream().skip(1).forEach(failed::addSuppressed);
			throw failed;
		}
	}

	/** The field of {@code DialogueEventHeld} this consumer reads. */
	record Held(String eventId) {
	}

}
