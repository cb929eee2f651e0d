package de.industriedialog.events.retention;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Retention of participants' personal data ({@code industriedialog.retention.*}).
 *
 * @param enabled whether the daily job is scheduled ({@link ParticipantRetention} can be
 * run directly either way)
 * @param participantsAfterEvent how long after an event was held or cancelled its
 * registrations keep names and addresses
 * @param batchSize how many registrations are read and anonymised at a time
 */
@ConfigurationProperties("industriedialog.retention")
public record RetentionProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("180d") Duration participantsAfterEvent, @DefaultValue("500") int batchSize) {

}
