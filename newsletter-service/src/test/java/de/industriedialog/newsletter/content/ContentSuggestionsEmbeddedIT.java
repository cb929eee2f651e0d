package de.industriedialog.newsletter.content;

import de.industriedialog.localstack.LocalMongoServer;
import org.junit.jupiter.api.AfterAll;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The content suggestion tests against an in-JVM KRaft broker and the Mongo-compatible
 * server over TCP.
 */
@EmbeddedKafka(partitions = 3, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class ContentSuggestionsEmbeddedIT extends ContentSuggestionsIntegrationTests {

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
