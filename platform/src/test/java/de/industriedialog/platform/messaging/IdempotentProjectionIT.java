package de.industriedialog.platform.messaging;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.industriedialog.localstack.LocalMongoServer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

import static org.assertj.core.api.Assertions.assertThat;

/** Against the Mongo-compatible server over TCP, as the services use it. */
class IdempotentProjectionIT {

	static final LocalMongoServer server = LocalMongoServer.inMemory();

	static final MongoClient client = MongoClients.create(server.connectionString());

	final MongoTemplate mongo = new MongoTemplate(client, "projection_it");

	@BeforeEach
	void empty() {
		this.mongo.dropCollection("facts");
	}

	@AfterAll
	static void stop() {
		client.close();
		server.close();
	}

	@Test
	void shouldCreateTheDocumentWithTheFirstEvent() {
		assertThat(apply("a", 1, "e1", "LOCAL")).isTrue();

		Document fact = this.mongo.findById("a", Document.class, "facts");
		assertThat(fact).containsEntry("level", "LOCAL").containsEntry("version", 1L);
		assertThat(fact.getList("appliedEventIds", String.class)).containsExactly("e1");
	}

	@Test
	void shouldChangeNothingWhenTheSameEventArrivesAgain() {
		apply("a", 1, "e1", "LOCAL");

		assertThat(apply("a", 1, "e1", "LOCAL")).isFalse();
		assertThat(this.mongo.findById("a", Document.class, "facts").getList("appliedEventIds", String.class))
			.containsExactly("e1");
	}

	@Test
	void shouldMoveForwardWithANewerVersionAndIgnoreAnOlderOneArrivingLate() {
		apply("a", 1, "e1", "LOCAL");
		assertThat(apply("a", 2, "e2", "REGIONAL")).isTrue();

		assertThat(apply("a", 1, "e3", "LOCAL")).isFalse();

		Document fact = this.mongo.findById("a", Document.class, "facts");
		assertThat(fact).containsEntry("level", "REGIONAL").containsEntry("version", 2L);
		assertThat(this.mongo.count(new org.springframework.data.mongodb.core.query.Query(), "facts")).isEqualTo(1);
	}

	private boolean apply(String id, long version, String eventId, String level) {
		return IdempotentProjection.applyIfNewer(this.mongo, "facts", id, version, eventId,
				new Update().set("level", level));
	}

}
