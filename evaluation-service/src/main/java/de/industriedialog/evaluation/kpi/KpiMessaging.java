package de.industriedialog.evaluation.kpi;

import java.util.function.Consumer;

import de.industriedialog.platform.messaging.EventConsumers;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Binds the KPI projection to its own consumer group {@code evaluation-service-kpi},
 * apart from the feedback access and the event replica, so that the KPI views can be
 * emptied and rebuilt without touching them (docs/adr/0008).
 */
@Configuration(proxyBeanMethods = false)
class KpiMessaging {

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
