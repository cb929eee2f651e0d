package de.industriedialog.events.notification;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;

import de.industriedialog.events.dialogueevent.DialogueEvent;
import de.industriedialog.events.dialogueevent.DialogueEvents;
import de.industriedialog.events.registration.Registration;
import de.industriedialog.events.registration.RegistrationStatus;
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
 * Answers registration events ({@code dialog.registrations.v1}, group
 * {@code event-service-mail}) with a mail to the participant: confirmation (with calendar
 * file), waitlist notice, seat after all (with calendar file), and the confirmation of a
 * cancellation the participant made. Each event is mailed at most once, keyed by its
 * {@code ce_id} ({@link MailDelivery}); a mail the server did not take makes the record
 * fail, so the binder retries it and finally parks it in the dead-letter topic.
 * <p>
 * Names and addresses are read from the registration, never from the event (there are
 * none on the wire). A mail that no longer fits the registration is skipped: no
 * confirmation for a registration cancelled meanwhile, no waitlist notice once the person
 * has a seat. Nobody is mailed about an event staff recorded afterwards (it is long
 * past), nor someone registered at the door (in the room already, and often without an
 * address).
 */
@Configuration(proxyBeanMethods = false)
public class RegistrationMailer {

	private static final Logger log = LoggerFactory.getLogger(RegistrationMailer.class);

	private final RegistrationStore store;

	private final DialogueEvents events;

	private final MailComposer composer;

	private final MailDelivery delivery;

	private final MailSettings settings;

	private final JsonMapper jsonMapper;

	private final Clock clock;

	RegistrationMailer(RegistrationStore store, DialogueEvents events, MailComposer composer, MailDelivery delivery,
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
	Consumer<Message<byte[]>> registrationMails(MeterRegistry meterRegistry) {
		return EventConsumers.of("registrationMails", this::apply, meterRegistry);
	}

	void apply(IncomingEvent event) {
		MailType type = switch (event.eventType()) {
			case "RegistrationConfirmed" -> MailType.CONFIRMATION;
			case "RegistrationWaitlisted" -> MailType.WAITLIST;
			case "RegistrationPromoted" -> MailType.PROMOTION;
			case "RegistrationCancelled" -> MailType.CANCELLATION;
			default -> null; // check-ins and types this mailer does not answer
		};
		if (type == null) {
			return;
		}
		Facts facts = event.data(this.jsonMapper, Facts.class);
		if (facts.registrationId() == null || facts.registrationId().isBlank()) {
			throw new UnprocessableEventException(event.eventType() + " " + event.id() + " lacks registrationId");
		}
		if (Staleness.isStale(event, this.settings, this.clock)) {
			log.warn("Not mailing {} {} of registration {}: it happened at {}, longer ago than {}", event.eventType(),
					event.id(), facts.registrationId(), event.time(), this.settings.maxAge());
			return;
		}
		Optional<Registration> found = this.store.find(facts.registrationId());
		if (found.isEmpty()) {
			log.warn("Not mailing {} {}: registration {} does not exist (any more)", event.eventType(), event.id(),
					facts.registrationId());
			return;
		}
		Registration registration = found.get();
		Optional<DialogueEvent> dialogueEvent = this.events.find(registration.eventId());
		if (dialogueEvent.isEmpty()) {
			log.warn("Not mailing {} {}: event {} does not exist", event.eventType(), event.id(),
					registration.eventId());
			return;
		}
		DialogueEvent dialogue = dialogueEvent.get();
		if (dialogue.recordedAfterwards()) {
			log.debug("Not mailing {} {}: event {} was recorded afterwards", event.eventType(), event.id(),
					dialogue.id());
			return;
		}
		RegistrationStatus status = registration.status();
		switch (type) {
			case CONFIRMATION -> {
				// Someone registered at the door is in the room already: nothing to
				// confirm.
				if (status != RegistrationStatus.CANCELLED && !registration.walkIn()) {
					this.delivery.queueOnce(registration, event.id(),
							() -> this.composer.confirmation(registration, dialogue));
				}
			}
			case WAITLIST -> {
				if (status == RegistrationStatus.WAITLISTED) {
					this.delivery.queueOnce(registration, event.id(), () -> this.composer.waitlisted(registration,
							// The number in the queue, not the live rank: counting who
							// still waits before someone scans the event's registrations,
							// too costly for every mail when hundreds join at once. The
							// personal page shows the live rank.
							dialogue, registration.waitlistPosition()));
				}
			}
			case PROMOTION -> {
				if (status == RegistrationStatus.CONFIRMED) {
					this.delivery.queueOnce(registration, event.id(),
							() -> this.composer.promoted(registration, dialogue));
				}
			}
			case CANCELLATION -> {
				// Only a cancellation the participant made is confirmed by mail.
				if ("PARTICIPANT".equals(facts.cancelledBy())) {
					boolean wasWaitlisted = "WAITLISTED".equals(facts.previousStatus());
					this.delivery.queueOnce(registration, event.id(),
							() -> this.composer.cancelled(registration, dialogue, wasWaitlisted));
				}
			}
			default -> throw new IllegalStateException("unexpected mail type " + type);
		}
	}

	/** The fields of the registration events this mailer reads. */
	record Facts(String registrationId, String eventId, String previousStatus, String cancelledBy) {
	}

}
