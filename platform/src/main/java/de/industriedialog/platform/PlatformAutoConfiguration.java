package de.industriedialog.platform;

import java.time.Clock;
import java.util.List;

import de.industriedialog.contracts.EventContracts;
import de.industriedialog.platform.messaging.OutboxEvents;
import de.industriedialog.platform.messaging.OutboxProperties;
import de.industriedialog.platform.messaging.OutboxRelay;
import de.industriedialog.platform.messaging.OutboxTracing;
import de.industriedialog.platform.security.CurrentUserArgumentResolver;
import de.industriedialog.platform.security.ResourceServerConfiguration;
import de.industriedialog.platform.web.GermanProblemDetails;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * What every Industriedialog service gets by depending on the platform: the outbox (when
 * enabled), German problem details for servlet services, and the resource server setup
 * when the service has Spring Security's resource server on its classpath.
 */
@AutoConfiguration
@EnableConfigurationProperties(OutboxProperties.class)
public class PlatformAutoConfiguration {

	/**
	 * The one clock of a service, in UTC: code asks for it instead of reading the system
	 * time, so that tests move time by replacing this bean ({@code @TestBean}).
	 */
	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	EventContracts eventContracts() {
		return EventContracts.fromClasspath();
	}

	/**
	 * The trace of a change travels with its outbox entries (Micrometer Tracing's tracer
	 * and W3C propagator from Boot's tracing auto-configuration; none in a plain
	 * context).
	 */
	@Bean
	OutboxTracing outboxTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		return new OutboxTracing(tracer.getIfAvailable(), propagator.getIfAvailable());
	}

	@Bean
	OutboxEvents outboxEvents(JsonMapper jsonMapper, EventContracts eventContracts, OutboxTracing outboxTracing) {
		return new OutboxEvents(jsonMapper, eventContracts, outboxTracing);
	}

	/**
	 * The outbox needs the Kafka binder; a service without Kafka (the gateway, which uses
	 * only the mail queue) has none on its classpath.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.cloud.stream.function.StreamBridge")
	static class OutboxConfiguration {

		@Bean
		@ConditionalOnProperty(prefix = "industriedialog.outbox", name = "enabled", havingValue = "true")
		OutboxRelay outboxRelay(MongoTemplate mongoTemplate, StreamBridge streamBridge, OutboxProperties properties,
				@Value("/${spring.application.name}") String source, MeterRegistry meterRegistry,
				ObjectProvider<ProducerFactory<?, ?>> kafkaProducerFactory, OutboxTracing outboxTracing) {
			// The relay sends whole batches and awaits them together, which the
			// synchronous binding cannot do. Its own producer takes the broker settings
			// of
			// Boot's producer factory (spring.kafka.*, the binder's bootstrap servers
			// too);
			// the binding sends only each topic's first record, to provision the topic.
			ProducerFactory<?, ?> kafka = kafkaProducerFactory.getIfAvailable();
			if (kafka == null) {
				return new OutboxRelay(mongoTemplate, streamBridge, properties, source, meterRegistry, outboxTracing);
			}
			return new OutboxRelay(mongoTemplate, streamBridge, kafka.getConfigurationProperties(), properties, source,
					meterRegistry, outboxTracing);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(
			name = "org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter")
	@Import(ResourceServerConfiguration.class)
	static class ServletResourceServerConfiguration implements WebMvcConfigurer {

		@Override
		public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
			resolvers.add(new CurrentUserArgumentResolver());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(name = "org.springframework.web.servlet.DispatcherServlet")
	static class ServletProblemDetailsConfiguration {

		@Bean
		GermanProblemDetails germanProblemDetails() {
			return new GermanProblemDetails();
		}

	}

}
