package de.industriedialog.platform.mail;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

import de.industriedialog.platform.privacy.PersonalData;
import de.industriedialog.platform.privacy.SubjectKeys;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DataAccessException;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The mail queue for every service that sends mail (has Spring Boot's mail sender and a
 * store): {@link MailQueue} to queue, {@link MailQueueSender} to drain it, and the one
 * {@link MailTemplates} renderer where Thymeleaf is present.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration",
		"org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration" })
@ConditionalOnClass(
		name = { "org.springframework.mail.javamail.JavaMailSenderImpl", "org.eclipse.angus.mail.smtp.SMTPTransport" })
@EnableConfigurationProperties(MailQueueProperties.class)
public class MailAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean({ JavaMailSenderImpl.class, MongoTemplate.class })
	static class QueueConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MailQueue mailQueue(MongoTemplate mongoTemplate, ObjectProvider<Clock> clock,
				@Value("${industriedialog.mail.message-id-domain:industriedialog.de}") String messageIdDomain,
				ObjectProvider<SubjectKeys> subjectKeys) {
			MailQueue queue = new MailQueue(mongoTemplate, clock.getIfAvailable(Clock::systemUTC), messageIdDomain,
					subjectKeys.getIfAvailable());
			queue.createIndexes();
			try {
				queue.backfillSubjectKeys();
			}
			catch (DataAccessException ex) {
				// The store is away at start: the next start keys them.
			}
			return queue;
		}

		/**
		 * The mails to a person are part of every access and erasure request. Erased
		 * last, so that a mail another part queued while erasing (a cancellation) goes
		 * too.
		 */
		@Bean
		@org.springframework.core.annotation.Order(org.springframework.core.Ordered.LOWEST_PRECEDENCE)
		PersonalData mailQueuePersonalData(MailQueue mailQueue) {
			return new MailQueuePersonalData(mailQueue);
		}

		@Bean
		@ConditionalOnProperty(prefix = "industriedialog.mail.queue", name = "enabled", havingValue = "true",
				matchIfMissing = true)
		MailQueueSender mailQueueSender(MailQueue mailQueue, JavaMailSenderImpl mailSender,
				MailQueueProperties properties, MeterRegistry meterRegistry, ObjectProvider<Clock> clock) {
			return new MailQueueSender(mailQueue, mailSender, properties, meterRegistry,
					clock.getIfAvailable(Clock::systemUTC));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.thymeleaf.spring6.SpringTemplateEngine")
	static class TemplatesConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MailTemplates mailTemplates() {
			return new MailTemplates();
		}

	}

}
