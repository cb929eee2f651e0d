package de.industriedialog.events.notification;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The participant mails ({@code industriedialog.mail.*}).
 *
 * @param from the sender, e.g. {@code Industriedialog <noreply@industriedialog.de>}
 * @param imprint the imprint line at the foot of every mail
 * @param maxAge how old (by {@code ce_time}) an event may be and still be answered by a
 * mail; older ones, e.g. after the consumer group was reset to the start of the topic,
 * are skipped instead of mailing people about things long past
 * @param reminder the reminder before an event
 */
@ConfigurationProperties("industriedialog.mail")
public record MailSettings(@DefaultValue("Industriedialog <noreply@industriedialog.de>") String from,
		@DefaultValue("Geschäftsstelle Industriedialog") String imprint, @DefaultValue("7d") Duration maxAge,
		@DefaultValue Reminder reminder) {

	/**
	 * @param enabled whether the job runs on a schedule (tests switch it off and trigger
	 * it directly)
	 * @param checkInterval how often the job looks for events that start soon
	 * @param before how long before the start the reminder goes out
	 */
	public record Reminder(@DefaultValue("true") boolean enabled, @DefaultValue("5m") Duration checkInterval,
			@DefaultValue("24h") Duration before) {
	}

}
