package de.industriedialog.events.notification;

import java.time.Clock;

import de.industriedialog.platform.messaging.IncomingEvent;

/**
 * Whether an event is too old to be answered by a mail
 * ({@code industriedialog.mail.max-age}), e.g. when a consumer group starts again from
 * the beginning of a topic.
 */
final class Staleness {

	private Staleness() {
	}

	static boolean isStale(IncomingEvent event, MailSettings settings, Clock clock) {
		return event.time() != null && event.time().plus(settings.maxAge()).isBefore(clock.instant());
	}

}
