package de.industriedialog.events.notification;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The participant mails: settings, and the schedule of the reminder job. The schedule is
 * off with {@code industriedialog.mail.reminder.enabled=false}; {@link Reminders} can
 * then still be run directly.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MailSettings.class)
class NotificationConfiguration {

	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	@ConditionalOnProperty(name = "industriedialog.mail.reminder.enabled", havingValue = "true", matchIfMissing = true)
	static class ReminderSchedule {

		private static final Logger log = LoggerFactory.getLogger(ReminderSchedule.class);

		private final Reminders reminders;

		ReminderSchedule(Reminders reminders) {
			this.reminders = reminders;
		}

		@Scheduled(initialDelayString = "${industriedialog.mail.reminder.initial-delay:1m}",
				fixedDelayString = "${industriedialog.mail.reminder.check-interval:5m}")
		// Once across the replicas: the lock outlives the run by most of the interval.
		@SchedulerLock(name = "reminders", lockAtLeastFor = "${industriedialog.mail.reminder.lock-at-least-for:4m}",
				lockAtMostFor = "30m")
		void remind() {
			try {
				this.reminders.remindDue();
			}
			catch (RuntimeException ex) {
				// The next run tries again; whoever did not get a reminder is still
				// unmarked.
				log.warn("Reminder run failed", ex);
			}
		}

	}

}
