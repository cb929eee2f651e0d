package de.industriedialog.gateway.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import de.industriedialog.localstack.LocalMongoServer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local store has no TTL index: a session whose idle time ran out stays until the
 * sweep deletes it, and the sweep leaves live sessions alone.
 */
class ExpiredSessionSweepIT {

	private final LocalMongoServer mongo = LocalMongoServer.inMemory();

	private final MongoClient client = MongoClients.create(this.mongo.connectionString());

	private final ReactiveMongoTemplate template = new ReactiveMongoTemplate(this.client, "gateway");

	@AfterEach
	void stop() {
		this.client.close();
		this.mongo.close();
	}

	@Test
	void shouldDeleteExpiredSessionsAndKeepLiveOnes() {
		Instant now = Instant.parse("2026-12-03T10:00:00Z");
		insert("abgelaufen", now.minus(Duration.ofMinutes(1)));
		insert("lebendig", now.plus(Duration.ofMinutes(29)));

		ExpiredSessionSweep sweep = new ExpiredSessionSweep(this.template, Clock.fixed(now, ZoneOffset.UTC));

		assertThat(sweep.sweep().block()).isEqualTo(1);
		assertThat(ids()).containsExactly("lebendig");
		assertThat(sweep.sweep().block()).isZero();
	}

	private void insert(String id, Instant expireAt) {
		this.template.insert(new Document("_id", id).append("expireAt", Date.from(expireAt)), SessionStore.COLLECTION)
			.block();
	}

	private List<String> ids() {
		return Flux.from(this.client.getDatabase("gateway").getCollection(SessionStore.COLLECTION).find())
			.map((session) -> session.getString("_id"))
			.collectList()
			.block();
	}

}
