package de.industriedialog.gateway.account;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Deletes expired sessions now and then. Real MongoDB does this by itself (TTL index on
 * {@code expireAt}); the local store has no TTL, and an expired session that nobody
 * presents again would stay there for good. On real MongoDB the sweep finds little and
 * costs one indexed delete per interval.
 */
@Component
class ExpiredSessionSweep implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ExpiredSessionSweep.class);

	static final Duration INTERVAL = Duration.ofMinutes(10);

	private final ReactiveMongoTemplate mongo;

	private final Clock clock;

	private volatile Disposable running;

	ExpiredSessionSweep(ReactiveMongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	/** Deletes the sessions whose idle time ran out; emits how many. */
	Mono<Long> sweep() {
		return this.mongo
			.remove(Query.query(Criteria.where("expireAt").lt(Date.from(this.clock.instant()))),
					SessionStore.COLLECTION)
			.map((result) -> result.getDeletedCount());
	}

	@Override
	public void start() {
		this.running = Flux.interval(INTERVAL, INTERVAL).concatMap((tick) -> sweep().doOnNext((deleted) -> {
			if (deleted > 0) {
				log.debug("Deleted {} expired sessions", deleted);
			}
		}).onErrorResume((ex) -> {
			// The store may be away for a while; the next interval tries again.
			log.warn("Could not delete expired sessions: {}", ex.toString());
			return Mono.empty();
		})).subscribe();
	}

	@Override
	public void stop() {
		Disposable current = this.running;
		if (current != null) {
			current.dispose();
		}
		this.running = null;
	}

	@Override
	public boolean isRunning() {
		return this.running != null;
	}

}
