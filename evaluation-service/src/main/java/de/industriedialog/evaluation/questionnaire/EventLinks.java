package de.industriedialog.evaluation.questionnaire;

import java.time.Clock;
import java.util.Optional;

import de.industriedialog.evaluation.eventreplica.DialogueEventReplica;
import de.industriedialog.evaluation.eventreplica.EventOrganisers;
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

	private final MongoTemplate mongo;

	private final EventOrganisers organisers;

	private final Clock clock;

	private final String publicUrl;

	EventLinks(MongoTemplate mongo, EventOrganisers organisers, Clock clock,
			@Value("${industriedialog.public-url}") String publicUrl) {
		this.mongo = mongo;
		this.organisers = organisers;
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
		return new CreatedLink(token, this.publicUrl + "/feedback.html?link=" + token);
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

	private void disableAll(String eventId) {
		this.mongo.updateMulti(Query.query(Criteria.where("eventId").is(eventId).and("enabled").is(true)),
				new Update().set("enabled", false), EventLink.class);
	}

}
