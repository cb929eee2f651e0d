package de.industriedialog.newsletter.subscriber;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.industriedialog.localstack.LocalMongoServer;
import de.industriedialog.newsletter.NewsletterProperties;
import de.industriedialog.platform.testing.MovableClock;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retention of ended subscriptions against the store over TCP, with the period of the
 * service's application.yaml and a clock moved forward: a subscriber that ended longer
 * than the period ago is deleted once its outbox is empty, never while the relay still
 * has an event of it to publish; a recent end, a confirmed and a pending subscriber stay,
 * the suppression list is not touched, and a second run changes nothing.
 */
class UnsubscribedSubscriberRetentionIT {

	private static final Instant NOW = Instant.parse("2026-12-03T03:20:00Z");

	private final LocalMongoServer server = LocalMongoServer.inMemory();

	private final MongoClient client = MongoClients.create(this.server.connectionString());

	private final MongoTemplate mongo = new MongoTemplate(this.client, "newsletter_service");

	private final MovableClock clock = MovableClock.stoppedAt(NOW);

	@AfterEach
	void stop() {
		this.client.close();
		this.server.close();
	}

	@Test
	void shouldDeleteEndedSubscribersAfterThePeriodOnlyOnceTheirEventsAreOut() throws IOException {
		NewsletterProperties properties = UnconfirmedSubscriptionRetentionIT.properties();
		assertThat(properties.retention().unsubscribed()).isEqualTo(Duration.ofDays(30));

		ended("old", NOW.minus(Duration.ofDays(31)));
		ended("bounced", NOW.minus(Duration.ofDays(40)));
		ended("recent", NOW.minus(Duration.ofDays(30)).plusSeconds(60));
		// ended 31 days ago, but the relay has not published its unsubscription yet
		ended("unpublished", NOW.minus(Duration.ofDays(31)));
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is("unpublished")),
				new Update().push("outbox", new Document("id", "event-1").append("type", "SubscriberUnsubscribed")),
				Subscriber.class);
		confirmed("confirmed", NOW.minus(Duration.ofDays(400)));
		pending("pending", NOW.minus(Duration.ofDays(1)));
		this.mongo.insert(new Document("_id", "subject-key-of-old").append("reason", "UNSUBSCRIBED"),
				SubscriberStore.SUPPRESSIONS);
		List<Document> suppressions = this.mongo.findAll(Document.class, SubscriberStore.SUPPRESSIONS);

		UnsubscribedSubscriberRetention retention = new UnsubscribedSubscriberRetention(this.mongo, properties,
				this.clock);
		retention.run();

		assertThat(ids()).containsExactlyInAnyOrder("recent", "unpublished", "confirmed", "pending");
		assertThat(this.mongo.getCollection(Subscriber.COLLECTION)
			.countDocuments(new Document("emailKey", "old@example.org"))).isZero();
		assertThat(this.mongo.findAll(Document.class, SubscriberStore.SUPPRESSIONS)).isEqualTo(suppressions);

		// again (the next day's run, or a second replica): nothing more goes
		assertThat(retention.deleteEnded(this.clock.instant())).isZero();
		assertThat(ids()).containsExactlyInAnyOrder("recent", "unpublished", "confirmed", "pending");

		// the relay published the event: the next run takes the document; a day later
		// the recent one is past the period too
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is("unpublished")),
				new Update().set("outbox", List.of()), Subscriber.class);
		this.clock.advance(Duration.ofDays(1));
		assertThat(retention.deleteEnded(this.clock.instant())).isEqualTo(2);
		assertThat(ids()).containsExactlyInAnyOrder("confirmed", "pending");
		assertThat(this.mongo.findAll(Document.class, SubscriberStore.SUPPRESSIONS)).isEqualTo(suppressions);
	}

	private void pending(String id, Instant requestedAt) {
		SubscriptionForm form = new SubscriptionForm(id + "@example.org",
				new Preferences("Name " + id, List.of("COMPANY"), List.of()), "infobrief-2026-11", null);
		this.mongo.insert(Subscriber.requested(id, form, ConfirmationTokens.sha256(id),
				requestedAt.plus(Duration.ofHours(48)), requestedAt));
	}

	private void confirmed(String id, Instant at) {
		pending(id, at.minus(Duration.ofHours(1)));
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
				new Update().set("status", SubscriberStatus.CONFIRMED).set("confirmedAt", Date.from(at)),
				Subscriber.class);
	}

	/** Confirmed long before, unsubscribed (or bounced) at {@code at}. */
	private void ended(String id, Instant at) {
		confirmed(id, at.minus(Duration.ofDays(100)));
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
				new Update().set("status", SubscriberStatus.UNSUBSCRIBED)
					.set("unsubscribedAt", Date.from(at))
					.push("consents", new Document("action", "UNSUBSCRIBED").append("at", Date.from(at))),
				Subscriber.class);
	}

	private List<String> ids() {
		return this.mongo.findAll(Subscriber.class).stream().map(Subscriber::id).toList();
	}

}
