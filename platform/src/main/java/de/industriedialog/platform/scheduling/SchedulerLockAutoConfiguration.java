package de.industriedialog.platform.scheduling;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.mongo.MongoLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Scheduled jobs run once across the replicas of a service: a method annotated with
 * ShedLock's {@code @SchedulerLock} runs only where it got the lock, a document in the
 * service's own store (collection {@code shedLock}). Jobs that are idempotent anyway
 * (reminders through the mail queue) then do their work once instead of once per replica.
 */
@AutoConfiguration(afterName = "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration")
@ConditionalOnBean(MongoTemplate.class)
@EnableSchedulerLock(defaultLockAtMostFor = "10m")
public class SchedulerLockAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	LockProvider lockProvider(MongoTemplate mongoTemplate) {
		return new MongoLockProvider(mongoTemplate.getDb());
	}

}
