package de.industriedialog.platform.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Rate limits shared by every replica of a service: counters in the service's store
 * (collection {@value #COLLECTION}), one document per limit, key and window, incremented
 * atomically. A limit counts in fixed windows and weighs the previous window by how much
 * of it still overlaps the sliding window ending now (the approximation Cloudflare and
 * nginx use), so a burst across a window boundary gets no double allowance.
 *
 * <p>
 * Keys are often client addresses or account names, personal data: they are stored only
 * as an HMAC with a random secret kept in the same collection, and every counter expires
 * two windows after it started (TTL index on real MongoDB, and a sweep here at most once
 * a minute for stores without TTL), so the table stays bounded.
 */
public class RateLimits {

	public static final String COLLECTION = "rate_limits";

	private static final String SECRET_ID = "hmac-secret";

	private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

	private final MongoTemplate mongo;

	private final Clock clock;

	private final AtomicReference<SecretKeySpec> secret = new AtomicReference<>();

	private volatile Instant nextSweep = Instant.MIN;

	public RateLimits(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	private volatile boolean indexed;

	/** Creates the expiry index; idempotent. */
	public void createIndexes() {
		collection().createIndex(Indexes.ascending("expiresAt"),
				new IndexOptions().expireAfter(0L, java.util.concurrent.TimeUnit.SECONDS));
	}

	/**
	 * A limit of at most {@code max} counted attempts per key within any {@code window}.
	 * @param name names the limit in the store; the same name on every replica
	 */
	public RateLimit limit(String name, int max, Duration window) {
		if (max < 1 || window.isNegative() || window.isZero()) {
			throw new IllegalArgumentException("A rate limit needs max >= 1 and a positive window");
		}
		return new RateLimit(this, name, max, window);
	}

	Clock clock() {
		return this.clock;
	}

	/** Adds {@code delta} to the counter of the window and returns its new value. */
	long add(String id, long delta, Instant expiresAt) {
		sweepNowAndThen();
		Document after = collection().findOneAndUpdate(Filters.eq("_id", id),
				Updates.combine(Updates.inc("count", delta), Updates.setOnInsert("expiresAt", Date.from(expiresAt))),
				new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
		return (after != null) ? after.get("count", Number.class).longValue() : delta;
	}

	/**
	 * Adds one to the counter of the window if it is below {@code limit}.
	 * @return whether it was below and is counted now
	 */
	boolean addBelow(String id, long limit, Instant expiresAt) {
		sweepNowAndThen();
		// Without an upsert: a refused attempt then causes no duplicate-key error, which
		// stores log loudly, only a missing counter an insert.
		for (int attempt = 0; attempt < 3; attempt++) {
			if (collection()
				.updateOne(Filters.and(Filters.eq("_id", id), Filters.lt("count", limit)), Updates.inc("count", 1))
				.getMatchedCount() == 1) {
				return true;
			}
			Document found = collection().find(Filters.eq("_id", id)).first();
			if (found != null && found.get("count", Number.class).longValue() >= limit) {
				return false;
			}
			if (found != null) {
				// Created by a concurrent first attempt after the update missed it: count
				// on it.
				continue;
			}
			try {
				collection()
					.insertOne(new Document("_id", id).append("count", 1L).append("expiresAt", Date.from(expiresAt)));
				return true;
			}
			catch (MongoWriteException ex) {
				if (ex.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
					throw ex;
				}
				// Another replica created it meanwhile: count on it.
			}
		}
		return false;
	}

	long count(String id) {
		Document found = collection().find(Filters.eq("_id", id)).first();
		return (found != null) ? found.get("count", Number.class).longValue() : 0;
	}

	void delete(String prefix) {
		collection().deleteMany(Filters.regex("_id", "^" + java.util.regex.Pattern.quote(prefix)));
	}

	/** The stored form of a key: an HMAC, so that no address or name is readable. */
	String hash(String key) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(secret());
			return HexFormat.of().formatHex(mac.doFinal(key.getBytes(StandardCharsets.UTF_8)), 0, 16);
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private SecretKeySpec secret() {
		SecretKeySpec known = this.secret.get();
		if (known != null) {
			return known;
		}
		byte[] fresh = new byte[32];
		new SecureRandom().nextBytes(fresh);
		// The first replica's secret wins; the others read it.
		try {
			collection()
				.insertOne(new Document("_id", SECRET_ID).append("secret", Base64.getEncoder().encodeToString(fresh)));
		}
		catch (MongoWriteException ex) {
			if (ex.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
				throw ex;
			}
		}
		Document stored = collection().find(Filters.eq("_id", SECRET_ID)).first();
		if (stored == null) {
			throw new IllegalStateException("Rate limit secret vanished from " + COLLECTION);
		}
		SecretKeySpec key = new SecretKeySpec(Base64.getDecoder().decode(stored.getString("secret")), "HmacSHA256");
		this.secret.compareAndSet(null, key);
		return this.secret.get();
	}

	private void sweepNowAndThen() {
		if (!this.indexed) {
			// On first use, not at startup: a service must start while its store is away.
			createIndexes();
			this.indexed = true;
		}
		Instant now = this.clock.instant();
		if (now.isBefore(this.nextSweep)) {
			return;
		}
		this.nextSweep = now.plus(SWEEP_INTERVAL);
		collection().deleteMany(Filters.lt("expiresAt", Date.from(now)));
	}

	private MongoCollection<Document> collection() {
		return this.mongo.getCollection(COLLECTION);
	}

}
