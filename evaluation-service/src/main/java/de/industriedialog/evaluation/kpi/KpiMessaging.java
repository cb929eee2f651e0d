package de.industriedialog.evaluation.kpi;

import java.util.function.Consumer;

import de.industriedialog.platform.messaging.EventConsumers;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Binds the KPI projection to a consumer group of this instance's own,
 * {@code evaluation-service-kpi-<instance id>}: every replica follows all partitions and
 * keeps the whole view (docs/adr/0012), apart from the feedback access and the event
 * replica, so that the KPI views can be emptied and rebuilt without touching them
 * (docs/adr/0008).
 */
@Configuration(proxyBeanMethods = false)
class KpiMessaging {

	@Bean
	Consumer<Message<byte[]>> kpiInitiativeEvents(KpiProjection projection, MeterRegistry meterRegistry) {
		return EventConsumers.of("kpiInitiativeEvents", projection::initiativeEvent, meterRegistry);
	}

	@Bean
	Consumer<Message<byte[]>> kpiDialogueEvents(KpiProjection projection, MeterRegistry meterRegistry) {
		return EventConsumers.of("kpiDialogueEvents", projection::dialogueEvent, meterRegistry);
	}

	@Bean
	Consumer<Message<byte[]>> kpiRegistrationEvents(KpiProjection projection, MeterRegistry meterRegistry) {
		return EventConsumers.of("kpiRegistrationEvents", projection::registrationEvent, meterRegistry);
	}

	@Bean
	Consumer<Message<byte[]>> kpiFeedbackEvents(KpiProjection projection, MeterRegistry meterRegistry) {
		return EventConsumers.of("kpiFeedbackEvents", projection::feedbackEvent, meterRegistry);
	}

	@Bean
	Consumer<Message<byte[]>> kpiNewsletterEvents(KpiProjection projection, MeterRegistry meterRegistry) {
		return EventConsumers.of("kpiNewsletterEvents", projection::newsletterEvent, meterRegistry);
	}

}
