package de.industriedialog.newsletter.subscriber;

import java.time.Instant;
import java.util.List;

import de.industriedialog.contracts.Topics;
import de.industriedialog.platform.messaging.OutboxEvent;
import de.industriedialog.platform.messaging.OutboxEvents;

import org.springframework.stereotype.Component;

/**
 * Turns subscriber changes into events on {@code dialog.newsletter.v1}, key = subscriber
 * id. Addresses and names stay here: nothing personal goes on the wire.
 */
@Component
class SubscriberMessages {

	private final OutboxEvents outboxEvents;

	SubscriberMessages(OutboxEvents outboxEvents) {
		this.outboxEvents = outboxEvents;
	}

	/**
	 * @param version the version the subscriber has after the confirmation
	 */
	OutboxEvent confirmed(Subscriber subscriber, long version, Instant when) {
		Consent request = subscriber.lastRequest();
		return create("SubscriberConfirmed", subscriber, new Confirmed(subscriber.id(), subscriber.audiences(),
				subscriber.states(), request.source(), request.textVersion(), when, version, when), when);
	}

	OutboxEvent preferencesChanged(Subscriber subscriber, Preferences preferences, long version, Instant when) {
		return create("SubscriberPreferencesChanged", subscriber,
				new PreferencesChanged(subscriber.id(), preferences.audiences(), preferences.states(), version, when),
				when);
	}

	OutboxEvent unsubscribed(Subscriber subscriber, String reason, UnsubscribeChannel channel, long version,
			Instant when) {
		return create("SubscriberUnsubscribed", subscriber,
				new Unsubscribed(subscriber.id(), reason, channel, when, version, when), when);
	}

	private OutboxEvent create(String type, Subscriber subscriber, Object payload, Instant when) {
		return this.outboxEvents.create(Topics.NEWSLETTER_V1, type, subscriber.id(), payload, when);
	}

	record Confirmed(String subscriberId, List<String> audiences, List<String> states, String source,
			String consentTextVersion, Instant confirmedAt, long version, Instant occurredAt) {
	}

	record PreferencesChanged(String subscriberId, List<String> audiences, List<String> states, long version,
			Instant occurredAt) {
	}

	record Unsubscribed(String subscriberId, String reason, UnsubscribeChannel channel, Instant unsubscribedAt,
			long version, Instant occurredAt) {
	}

}
