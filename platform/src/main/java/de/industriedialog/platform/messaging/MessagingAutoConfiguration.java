package de.industriedialog.platform.messaging;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/**
 * The consumers' error handling ({@link ConsumerFaults}) for every service with Kafka
 * bindings; its health indicator is {@code consumers}.
 */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass(name = "org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer")
@EnableConfigurationProperties(ConsumerRetryProperties.class)
public class MessagingAutoConfiguration {

	@Bean
	ConsumerFaults consumersHealthIndicator(ObjectProvider<ProducerFactory<?, ?>> producerFactory,
			Environment environment, ConsumerRetryProperties properties, MeterRegistry meterRegistry,
			ObjectProvider<Clock> clock) {
		Map<String, Object> configuration = new HashMap<>();
		ProducerFactory<?, ?> boot = producerFactory.getIfAvailable();
		if (boot != null) {
			configuration.putAll(boot.getConfigurationProperties());
		}
		else {
			configuration.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
					environment.getProperty("spring.kafka.bootstrap-servers", "localhost:9092"));
		}
		// Dead letters are the records as they came: bytes in, bytes out.
		configuration.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		configuration.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		configuration.put(ProducerConfig.ACKS_CONFIG, "all");
		configuration.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
		KafkaTemplate<byte[], byte[]> deadLetters = new KafkaTemplate<>(
				new DefaultKafkaProducerFactory<>(configuration));
		return new ConsumerFaults(deadLetters, properties, meterRegistry, clock.getIfAvailable(Clock::systemUTC));
	}

}
