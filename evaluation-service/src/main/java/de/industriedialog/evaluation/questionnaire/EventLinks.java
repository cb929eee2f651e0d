package de.industriedialog.evaluation.questionnaire;

import java.time.Clock;
import java.util.Optional;

import de.industriedialog.evaluation.eventreplica.DialogueEventReplica;
import de.industriedialog.evaluation.eventreplica.EventOrganisers;
import de.industriedialog.evaluation.eventreplica.EventReplication;
import de.industriedialog.evaluation.support.Sha256;
import de.industriedialog.platform.security.CurrentUser;
import de.industriedialog.platform.web.ConflictException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * The shared feedback link of each event. Creating a new one disables the previous ones,
 * so an organiser who lost control of a link (posted it publicly) replaces it in one
 * step.
 */
@Service
public class EventLinks {

	static final String ORGANISERS_ONLY = "Einen Feedback-Link können nur die veranstaltende Initiative und die "
			+ "Geschäftsstelle anlegen oder abschalten.";

	/** Tokens are 43 characters; longer input is not looked up. */
	private static final int MAX_TOKEN_LENGTH = 256;

	private final MongoTemplate mongo;

	private final EventOrganisers organisers;

	private final EventReplication events;

	private final Clock clock;

	private final String publicUrl;

	EventLinks(MongoTemplate mongo, EventOrganisers organisers, EventReplication events, Clock clock,
			@Value("${industriedialog.public-url}") String publicUrl) {
		this.mongo = mongo;
		this.organisers = organisers;
		this.events = events;
		this.clock = clock;
		this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
	}

	/**
	 * @throws ConflictException if the event was cancelled
	 */
	public CreatedLink create(CurrentUser user, String eventId) {
		DialogueEventReplica event = this.organisers.requireOrganiser(user, eventId, ORGANISERS_ONLY);
		if (event.cancelled()) {
			throw new ConflictException("Die Veranstaltung wurde abgesagt; für sie gibt es keinen Feedback-Link.");
		}
		disableAll(eventId);
		String token = Sha256.randomToken();
		this.mongo.insert(new EventLink(Sha256.hex(token), eventId, true, this.clock.instant()));
		return new CreatedLink(token, url(token));
	}

	/**
	 * The form page of an active link of this event, e.g. to draw it as a QR code.
	 * Whoever asks must know the token, so nothing is revealed that the caller does not
	 * have.
	 * @return empty if the token is unknown, disabled, of another event, or the event was
	 * cancelled
	 */
	public Optional<String> activeUrl(String eventId, String token) {
		if (token == null || token.isBlank() || token.length() > MAX_TOKEN_LENGTH) {
			return Optional.empty();
		}
		return find(token).filter((link) -> link.enabled() && link.eventId().equals(eventId))
			.filter((link) -> this.events.find(eventId).map((event) -> !event.cancelled()).orElse(false))
			.map((link) -> url(token));
	}

	public void disable(CurrentUser user, String eventId) {
		this.organisers.requireOrganiser(user, eventId, ORGANISERS_ONLY);
		disableAll(eventId);
	}

	public Optional<EventLink> find(String token) {
		return Optional.ofNullable(this.mongo.findById(Sha256.hex(token), EventLink.class));
	}

	public boolean enabled(String eventId) {
		return this.mongo.exists(Query.query(Criteria.where("eventId").is(eventId).and("enabled").is(true)),
				EventLink.class);
	}

	private String url(String token) {
		return this.publicUrl + "/feedback.html?link=" + token;
	}

	private void disableAll(String eventId) {
		this.mongo.updateMulti(Query.query(Criteria.where("eventId").is(eventId).and("enabled").is(true)),
				new Update().set("enabled", false), EventLink.class);
	}

}
