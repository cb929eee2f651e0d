package de.industriedialog.evaluation.landscape;

import java.util.function.Consumer;

import de.industriedialog.platform.messaging.EventConsumers;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** Binds {@code dialog.initiatives.v1} to the landscape projection. */
@Configuration(proxyBeanMethods = false)
class LandscapeMessaging {

	@Bean
	Consumer<Message<byte[]>> initiativeEvents(LandscapeProjection projection, MeterRegistry meterRegistry) {
		return EventConsumers.of("initiativeEvents", projection::apply, meterRegistry);
	}

}
