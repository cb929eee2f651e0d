package de.industriedialog.newsletter.subscriber;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.industriedialog.localstack.LocalMongoServer;
import de.industriedialog.newsletter.NewsletterProperties;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retention of unconfirmed subscriptions against the store over TCP, with the periods
 * of the service's application.yaml: gone once the last link expired more than the grace
 * period ago, everything else stays, and a second run changes nothing.
 */
class UnconfirmedSubscriptionRetentionIT {

	private static final Instant NOW = Instant.parse("2026-12-03T03:20:00Z");

	private final LocalMongoServer server = LocalMongoServer.inMemory();

	private final MongoClient client = MongoClients.create(this.server.connectionString());

	private final MongoTemplate mongo = new MongoTemplate(this.client, "newsletter_service");

	@AfterEach
	void stop() {
		this.client.close();
		this.server.close();
	}

	@Test
	void shouldDeleteUnconfirmedSubscriptionsOnlyAfterValidityAndGrace() throws IOException {
		NewsletterProperties properties = properties();
		assertThat(properties.confirmationValidity()).isEqualTo(Duration.ofHours(48));
		assertThat(properties.retention().unconfirmedGrace()).isEqualTo(Duration.ofDays(7));
		Duration validity = properties.confirmationValidity();

		// asked 48 h + 7 days + a minute ago: the link expired more than a week ago
		pending("stale", NOW.minus(validity).minus(Duration.ofDays(7)).minusSeconds(60), validity);
		// its link expired six days ago: still within the grace period
		pending("in-grace", NOW.minus(validity).minus(Duration.ofDays(6)), validity);
		// asked an hour ago
		pending("fresh", NOW.minus(Duration.ofHours(1)), validity);
		// confirmed long ago; its old link expiry stays in the document
		pending("confirmed", NOW.minus(Duration.ofDays(90)), validity);
		confirm("confirmed", NOW.minus(Duration.ofDays(89)));
		// a former subscriber who unsubscribed 20 days ago, asked again the next day and
		// did not confirm: the link is past its grace, but the record of the consent and
		// the unsubscription is kept as long as for any unsubscribed subscriber (30 days)
		assertThat(properties.retention().unsubscribed()).isEqualTo(Duration.ofDays(30));
		askedAgain("former", NOW.minus(Duration.ofDays(20)), NOW.minus(Duration.ofDays(19)), validity);
		// one who unsubscribed 60 days ago and asked again 20 days ago: both periods over
		askedAgain("former-long-ago", NOW.minus(Duration.ofDays(60)), NOW.minus(Duration.ofDays(20)), validity);

		UnconfirmedSubscriptionRetention retention = new UnconfirmedSubscriptionRetention(this.mongo, properties,
				Clock.fixed(NOW, ZoneOffset.UTC));
		retention.run();

		assertThat(ids()).containsExactlyInAnyOrder("in-grace", "fresh", "confirmed", "former");
		assertThat(this.mongo.getCollection(Subscriber.COLLECTION)
			.countDocuments(new Document("emailKey", "stale@example.org"))).isZero();
		assertThat(this.mongo.getCollection(Subscriber.COLLECTION)
			.countDocuments(new Document("emailKey", "former-long-ago@example.org"))).isZero();

		// again (the next day's run, or a second replica): nothing more goes
		assertThat(retention.deleteExpired(NOW)).isZero();
		assertThat(ids()).containsExactlyInAnyOrder("in-grace", "fresh", "confirmed", "former");

		// a day later the one in its grace period is gone as well
		assertThat(retention.deleteExpired(NOW.plus(Duration.ofDays(1)).plusSeconds(60))).isOne();
		assertThat(ids()).containsExactlyInAnyOrder("fresh", "confirmed", "former");

		// eleven days later the former subscriber's 30 days are over (and the fresh
		// request's link and grace as well)
		assertThat(retention.deleteExpired(NOW.plus(Duration.ofDays(11)))).isEqualTo(2);
		assertThat(ids()).containsExactly("confirmed");
	}

	/** The periods as the service configures them (application.yaml and defaults). */
	static NewsletterProperties properties() throws IOException {
		StandardEnvironment environment = new StandardEnvironment();
		new YamlPropertySourceLoader().load("application.yaml", new ClassPathResource("application.yaml"))
			.forEach(environment.getPropertySources()::addLast);
		return Binder.get(environment).bind("industriedialog.newsletter", NewsletterProperties.class).get();
	}

	private void pending(String id, Instant requestedAt, Duration validity) {
		SubscriptionForm form = new SubscriptionForm(id + "@example.org",
				new Preferences("Name " + id, List.of("COMPANY"), List.of()), "infobrief-2026-11", null);
		this.mongo.insert(
				Subscriber.requested(id, form, ConfirmationTokens.sha256(id), requestedAt.plus(validity), requestedAt));
	}

	private void confirm(String id, Instant at) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
				new Update().set("status", SubscriberStatus.CONFIRMED).set("confirmedAt", Date.from(at)),
				Subscriber.class);
	}

	/**
	 * A subscriber confirmed long ago, unsubscribed at {@code unsubscribedAt} and pending
	 * again since a new request at {@code askedAt}, as {@code Subscriptions} leaves it.
	 */
	private void askedAgain(String id, Instant unsubscribedAt, Instant askedAt, Duration validity) {
		pending(id, unsubscribedAt.minus(Duration.ofDays(100)), validity);
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
				new Update().set("status", SubscriberStatus.PENDING)
					.set("confirmedAt", Date.from(unsubscribedAt.minus(Duration.ofDays(99))))
					.set("unsubscribedAt", Date.from(unsubscribedAt))
					.set("confirmationExpiresAt", Date.from(askedAt.plus(validity)))
					.set("lastConfirmationMailAt", Date.from(askedAt)),
				Subscriber.class);
	}

	private List<String> ids() {
		return this.mongo.findAll(Subscriber.class).stream().map(Subscriber::id).toList();
	}

}
