package de.industriedialog.newsletter.subscriber;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same tests against real MongoDB and Apache Kafka images. They run where a Docker
 * engine exists and are reported skipped elsewhere.
 */
@Testcontainers(disabledWithoutDocker = true)
class SubscriptionContainersIT extends SubscriptionIntegrationTests {

	@Container
	@ServiceConnection
	static final MongoDBContainer mongo = new MongoDBContainer("mongo:8");

	@Container
	static final KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.2");

	// The Kafka binder reads spring.kafka.bootstrap-servers, not Boot's connection
	// details.
	@DynamicPropertySource
	static void kafka(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", kafka::getBootstrapServers);
	}

	@Override
	String bootstrapServers() {
		return kafka.getBootstrapServers();
	}

}
