package de.industriedialog.newsletter.content;

import java.util.function.Consumer;

import de.industriedialog.platform.messaging.EventConsumers;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Binds the {@link ContentProjection} to the topics of the other services, consumer group
 * {@code newsletter-service}, each with its dead-letter topic (application.yaml).
 */
@Configuration(proxyBeanMethods = false)
class ContentMessaging {

	@Bean
	Consumer<Message<byte[]>> initiativeNews(ContentProjection projection, MeterRegistry meterRegistry) {
		return EventConsumers.of("initiativeNews", projection::initiativeEvent, meterRegistry);
	}

	@Bean
	Consumer<Message<byte[]>> eventNews(ContentProjection projection, MeterRegistry meterRegistry) {
		return EventConsumers.of("eventNews", projection::dialogueEvent, meterRegistry);
	}

	@Bean
	Consumer<Message<byte[]>> registrationNews(ContentProjection projection, MeterRegistry meterRegistry) {
		return EventConsumers.of("registrationNews", projection::registrationEvent, meterRegistry);
	}

	@Bean
	Consumer<Message<byte[]>> feedbackNews(ContentProjection projection, MeterRegistry meterRegistry) {
		return EventConsumers.of("feedbackNews", projection::feedbackEvent, meterRegistry);
	}

}
