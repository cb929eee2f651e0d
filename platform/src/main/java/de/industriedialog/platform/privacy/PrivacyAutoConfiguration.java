package de.industriedialog.platform.privacy;

import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

import de.industriedialog.platform.messaging.EventConsumers;
import de.industriedialog.platform.messaging.OutboxEvents;
import de.industriedialog.platform.messaging.OutboxProperties;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;

/**
 * Privacy requests (docs/adr/0015): the subject keys for every service, and for a service
 * that declares {@link PersonalData} beans its answers on {@code dialog.privacy.v1}
 * (binding {@code privacyRequests}) and its export route.
 */
@AutoConfiguration(after = de.industriedialog.platform.mail.MailAutoConfiguration.class,
		afterName = "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration")
public class PrivacyAutoConfiguration {

	/**
	 * Only where personal data is held: a service without any (evaluation-service) needs
	 * no {@code PRIVACY_SUBJECT_KEY}.
	 */
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(PersonalData.class)
	SubjectKeys subjectKeys(Environment environment) {
		return SubjectKeys.forDeployment(environment);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.cloud.stream.function.StreamBridge")
	@ConditionalOnBean({ PersonalData.class, MongoTemplate.class })
	static class PrivacyRequestsConfiguration {

		@Bean
		PrivacyRequests privacyRequestHandler(MongoTemplate mongo, OutboxEvents outboxEvents, JsonMapper jsonMapper,
				List<PersonalData> parts, @Value("${spring.application.name}") String service,
				ObjectProvider<Clock> clock, OutboxProperties outbox, Environment environment) {
			if (environment.getProperty("industriedialog.outbox.enabled", Boolean.class, false)
					&& !outbox.collections().contains(PrivacyRequests.COLLECTION)) {
				throw new IllegalStateException("industriedialog.outbox.collections must list "
						+ PrivacyRequests.COLLECTION + ": the answers to privacy requests go out through the outbox");
			}
			return new PrivacyRequests(mongo, outboxEvents, jsonMapper, parts, service,
					clock.getIfAvailable(Clock::systemUTC));
		}

		/**
		 * Binding {@code privacyRequests-in-0}: {@code dialog.privacy.v1}. The gateway,
		 * which starts the requests, answers its own part directly and switches it off.
		 */
		@Bean
		@ConditionalOnProperty(prefix = "industriedialog.privacy", name = "requests-consumer", havingValue = "true",
				matchIfMissing = true)
		Consumer<Message<byte[]>> privacyRequests(PrivacyRequests requests, MeterRegistry meterRegistry) {
			return EventConsumers.of("privacyRequests", requests::apply, meterRegistry);
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
		@ConditionalOnClass(name = "org.springframework.security.oauth2.jwt.Jwt")
		static class ExportConfiguration {

			@Bean
			PrivacyExportController privacyExportController(PrivacyRequests requests) {
				return new PrivacyExportController(requests);
			}

		}

	}

}
