package de.industriedialog.newsletter.subscriber;

import de.industriedialog.localstack.LocalMongoServer;
import org.junit.jupiter.api.AfterAll;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The subscription tests against an in-JVM KRaft broker, the Mongo-compatible server over
 * TCP and the mail catcher's SMTP server.
 */
@EmbeddedKafka(partitions = 3, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class SubscriptionEmbeddedIT extends SubscriptionIntegrationTests {

	static final LocalMongoServer mongo = LocalMongoServer.inMemory();

	@Autowired
	EmbeddedKafkaBroker broker;

	@DynamicPropertySource
	static void mongo(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> mongo.connectionString() + "/newsletter_service");
	}

	@AfterAll
	static void stopMongo() {
		mongo.close();
	}

	@Override
	String bootstrapServers() {
		return this.broker.getBrokersAsString();
	}

}
