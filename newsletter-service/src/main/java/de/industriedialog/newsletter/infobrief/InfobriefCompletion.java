package de.industriedialog.newsletter.infobrief;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import de.industriedialog.contracts.Topics;
import de.industriedialog.newsletter.delivery.SendCompletion;
import de.industriedialog.newsletter.delivery.SendProgress;
import de.industriedialog.newsletter.infobrief.Infobrief.Counts;
import de.industriedialog.platform.messaging.OutboxEvent;
import de.industriedialog.platform.messaging.OutboxEvents;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Marks an issue SENT with its final counts and puts {@code InfobriefSent} into its
 * outbox in the same single-document update. Told again after a crash, it finds the issue
 * SENT and does nothing, so the event is published once.
 */
@Component
class InfobriefCompletion implements SendCompletion {

	private final MongoOperations mongo;

	private final OutboxEvents outboxEvents;

	private final InfobriefRenderer renderer;

	private final Clock clock;

	InfobriefCompletion(MongoOperations mongo, OutboxEvents outboxEvents, InfobriefRenderer renderer, Clock clock) {
		this.mongo = mongo;
		this.outboxEvents = outboxEvents;
		this.renderer = renderer;
		this.clock = clock;
	}

	@Override
	public void sendFinished(String issueId, SendProgress progress) {
		for (int attempt = 0; attempt < 5; attempt++) {
			Infobrief issue = this.mongo.findById(issueId, Infobrief.class);
			if (issue == null || !Infobrief.SENDING.equals(issue.status())) {
				this.renderer.forget(issueId);
				return;
			}
			Instant now = this.clock.instant();
			Instant finishedAt = (progress.finishedAt() != null) ? progress.finishedAt() : now;
			Instant startedAt = (issue.sendStartedAt() != null) ? issue.sendStartedAt() : progress.startedAt();
			long version = issue.version() + 1;
			Map<String, Object> payload = new LinkedHashMap<>();
			payload.put("issueId", issueId);
			payload.put("subject", issue.subject());
			payload.put("segment",
					Map.of("audiences", issue.segment().audiences(), "states", issue.segment().states()));
			payload.put("startedAt", startedAt.toString());
			payload.put("finishedAt", finishedAt.toString());
			payload.put("recipients", progress.recipients());
			payload.put("delivered", progress.sent());
			payload.put("failed", progress.failed());
			payload.put("version", version);
			payload.put("occurredAt", now.toString());
			OutboxEvent event = this.outboxEvents.create(Topics.NEWSLETTER_V1, "InfobriefSent", issueId, payload, now);
			Update update = new Update().set("status", Infobrief.SENT)
				.set("sentAt", finishedAt)
				.set("updatedAt", now)
				.set("counts", new Counts(progress.recipients(), progress.sent(), progress.failed(), 0))
				.set("version", version)
				.push("outbox", event.toDocument());
			Query current = Query.query(Criteria.where("_id")
				.is(issueId)
				.and("status")
				.is(Infobrief.SENDING)
				.and("version")
				.is(issue.version()));
			if (this.mongo.updateFirst(current, update, Infobrief.class).getModifiedCount() == 1) {
				this.renderer.forget(issueId);
				return;
			}
		}
		throw new IllegalStateException("Infobrief " + issueId + " changed five times while being completed");
	}

}
