package de.industriedialog.events.retention;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The retention settings and the daily schedule of {@link ParticipantRetention}. Off with
 * {@code industriedialog.retention.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RetentionProperties.class)
class RetentionConfiguration {

	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	@ConditionalOnProperty(name = "industriedialog.retention.enabled", havingValue = "true", matchIfMissing = true)
	static class RetentionSchedule {

		private static final Logger log = LoggerFactory.getLogger(RetentionSchedule.class);

		private final ParticipantRetention retention;

		RetentionSchedule(ParticipantRetention retention) {
			this.retention = retention;
		}

		// Once across the replicas: the lock outlives the run, so a replica whose clock
		// is a little behind does not run it again; a second run would change nothing
		// anyway.
		@Scheduled(cron = "${industriedialog.retention.cron:0 30 3 * * *}", zone = "Europe/Berlin")
		@SchedulerLock(name = "participant-retention", lockAtLeastFor = "10m", lockAtMostFor = "2h")
		void anonymiseExpired() {
			try {
				this.retention.run();
			}
			catch (RuntimeException ex) {
				// Tomorrow's run continues where this one stopped.
				log.warn("Retention run failed", ex);
			}
		}

	}

}
