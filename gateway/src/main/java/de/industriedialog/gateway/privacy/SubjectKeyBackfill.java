package de.industriedialog.gateway.privacy;

import java.time.Duration;

import de.industriedialog.platform.privacy.SubjectKeys;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Gives the accounts and invitations stored before subject keys existed their key
 * (docs/adr/0015), once at startup. Each update is conditional on the key still missing,
 * so a second run, or N replicas starting at once, write the same value and nothing more.
 */
@Component
public class SubjectKeyBackfill {

	private static final Logger log = LoggerFactory.getLogger(SubjectKeyBackfill.class);

	private final ReactiveMongoTemplate mongo;

	private final SubjectKeys subjectKeys;

	SubjectKeyBackfill(ReactiveMongoTemplate mongo, SubjectKeys subjectKeys) {
		this.mongo = mongo;
		this.subjectKeys = subjectKeys;
	}

	@EventListener(ApplicationReadyEvent.class)
	public void run() {
		Long filled = backfill("accounts", "_id").concatWith(backfill("invitations", "email"))
			.reduce(0L, Long::sum)
			.block(Duration.ofMinutes(5));
		// A count only: no address in the log.
		log.info("Subject keys backfilled: {} documents", filled);
	}

	/** Sets the key on each document with an address and no key; emits how many. */
	Mono<Long> backfill(String collection, String addressField) {
		Query missing = Query.query(Criteria.where("subjectKey").exists(false).and(addressField).exists(true));
		return this.mongo.find(missing, Document.class, collection).flatMap((document) -> {
			String address = String.valueOf(document.get(addressField));
			Query stillMissing = Query
				.query(Criteria.where("_id").is(document.get("_id")).and("subjectKey").exists(false));
			return this.mongo
				.updateFirst(stillMissing, new Update().set("subjectKey", this.subjectKeys.of(address)), collection)
				.map((result) -> result.getModifiedCount());
		}).reduce(0L, Long::sum);
	}

}
