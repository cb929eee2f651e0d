package de.industriedialog.evaluation.feedback;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import com.mongodb.client.result.UpdateResult;
import de.industriedialog.platform.messaging.EventConsumers;
import de.industriedialog.platform.messaging.IncomingEvent;
import de.industriedialog.platform.messaging.UnprocessableEventException;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.messaging.Message;

/**
 * Who may answer: a {@link FeedbackToken} per check-in from
 * {@code dialog.registrations.v1}.
 * <p>
 * Each event is applied with one conditional upsert guarded by the registration's version
 * and by "not used": a redelivered or replayed check-in matches nothing (same version),
 * and no check-in can ever hand a used token back. The version guard is enough for
 * idempotence here because a token belongs to exactly one registration, whose events
 * carry increasing versions. Other registration events are accepted and ignored (the
 * reach KPIs will read them).
 */
@Configuration(proxyBeanMethods = false)
class FeedbackTokens {

	private static final Pattern SHA256_HEX = Pattern.compile("^[0-9a-f]{64}$");

	private final MongoTemplate mongo;

	private final JsonMapper jsonMapper;

	FeedbackTokens(MongoTemplate mongo, JsonMapper jsonMapper) {
		this.mongo = mongo;
		this.jsonMapper = jsonMapper;
	}

	@Bean
	Consumer<Message<byte[]>> registrationEvents(MeterRegistry meterRegistry) {
		return EventConsumers.of("registrationEvents", this::apply, meterRegistry);
	}

	Optional<FeedbackToken> find(String tokenHash) {
		return Optional.ofNullable(this.mongo.findById(tokenHash, FeedbackToken.class));
	}

	/**
	 * Uses the token, exactly once however many requests race for it, and keeps the
	 * response beside it until it is stored ({@link UnfinishedResponses}).
	 * @param response the response to be stored
	 * @return whether this call used it
	 */
	boolean markUsed(String tokenHash, org.bson.Document response) {
		Query unused = Query.query(Criteria.where("_id").is(tokenHash).and("state").is(TokenState.UNUSED.name()));
		UpdateResult result = this.mongo.updateFirst(unused,
				new Update().set("state", TokenState.USED.name()).set(UnfinishedResponses.FIELD, response),
				FeedbackToken.class);
		return result.getModifiedCount() > 0;
	}

	void apply(IncomingEvent event) {
		TokenState state = switch (event.eventType()) {
			case "ParticipantCheckedIn" -> TokenState.UNUSED;
			case "ParticipantCheckInUndone" -> TokenState.REVOKED;
			default -> null;
		};
		if (state == null) {
			return;
		}
		RegistrationFacts facts = event.data(this.jsonMapper, RegistrationFacts.class);
		if (facts.eventId() == null || facts.version() == null || facts.feedbackTokenHash() == null
				|| !SHA256_HEX.matcher(facts.feedbackTokenHash()).matches()) {
			throw new UnprocessableEventException(event.eventType() + " " + event.id()
					+ " lacks eventId or version, or feedbackTokenHash is not a lower-case hex SHA-256");
		}
		// An undo for a token never seen still writes a REVOKED tombstone with its
		// version, so the older check-in arriving late cannot open the token.
		Query newerAndNotUsed = Query.query(Criteria.where("_id")
			.is(facts.feedbackTokenHash())
			.and("version")
			.lt(facts.version())
			.and("state")
			.ne(TokenState.USED.name()));
		Update update = new Update().set("state", state.name())
			.set("version", facts.version())
			.set("eventId", facts.eventId())
			.set("initiativeId", facts.initiativeId());
		try {
			this.mongo.upsert(newerAndNotUsed, update, FeedbackToken.class);
		}
		catch (DuplicateKeyException ex) {
			// The token exists at this or a newer version, or is used: nothing to do.
		}
	}

}
