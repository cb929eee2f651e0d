package de.industriedialog.evaluation.feedback;

import de.industriedialog.evaluation.eventreplica.DialogueEventReplica;
import de.industriedialog.evaluation.eventreplica.EventReplication;
import de.industriedialog.evaluation.questionnaire.EventLink;
import de.industriedialog.evaluation.questionnaire.EventLinks;
import de.industriedialog.evaluation.support.Sha256;

import org.springframework.stereotype.Component;

/**
 * Decides from a personal token or an event link which event a participant may answer, or
 * why not. Reads only: using the right happens when a response is stored.
 */
@Component
class FeedbackAccess {

	/** Longer input cannot be one of our tokens; not worth hashing. */
	private static final int MAX_TOKEN_LENGTH = 256;

	private final FeedbackTokens tokens;

	private final EventLinks links;

	private final EventReplication events;

	FeedbackAccess(FeedbackTokens tokens, EventLinks links, EventReplication events) {
		this.tokens = tokens;
		this.links = links;
		this.events = events;
	}

	/**
	 * @throws FeedbackRefusedException if the token is unknown, used or revoked
	 */
	Access byToken(String token) {
		String hash = (token.length() <= MAX_TOKEN_LENGTH) ? Sha256.hex(token) : null;
		FeedbackToken found = (hash != null) ? this.tokens.find(hash).orElse(null) : null;
		if (found == null) {
			throw new FeedbackRefusedException(Refusal.UNKNOWN_TOKEN);
		}
		refuse(found.state());
		// The replica may lag behind the check-in; the check-in names the initiative too.
		DialogueEventReplica event = this.events.find(found.eventId()).orElse(null);
		if (event != null && event.cancelled()) {
			throw new FeedbackRefusedException(Refusal.EVENT_CANCELLED);
		}
		return new Access(Channel.PERSONAL_LINK, found.eventId(),
				(event != null) ? event.initiativeId() : found.initiativeId(), hash, event);
	}

	/**
	 * @throws FeedbackRefusedException if the link is unknown or disabled, or the event
	 * cancelled
	 */
	Access byLink(String link) {
		EventLink found = (link.length() <= MAX_TOKEN_LENGTH) ? this.links.find(link).orElse(null) : null;
		DialogueEventReplica event = (found != null) ? this.events.find(found.eventId()).orElse(null) : null;
		if (event == null) {
			throw new FeedbackRefusedException(Refusal.UNKNOWN_LINK);
		}
		if (!found.enabled()) {
			throw new FeedbackRefusedException(Refusal.LINK_DISABLED);
		}
		if (event.cancelled()) {
			throw new FeedbackRefusedException(Refusal.EVENT_CANCELLED);
		}
		return new Access(Channel.EVENT_LINK, event.eventId(), event.initiativeId(), null, event);
	}

	/**
	 * Uses a personal token; exact under concurrency.
	 * @param response the response to keep with the token until it is stored
	 * @throws FeedbackRefusedException if another request used it first or it was revoked
	 * meanwhile
	 */
	void useToken(String tokenHash, org.bson.Document response) {
		if (!this.tokens.markUsed(tokenHash, response)) {
			refuse(this.tokens.find(tokenHash).map(FeedbackToken::state).orElse(TokenState.USED));
			throw new FeedbackRefusedException(Refusal.TOKEN_USED);
		}
	}

	private static void refuse(TokenState state) {
		switch (state) {
			case USED -> throw new FeedbackRefusedException(Refusal.TOKEN_USED);
			case REVOKED -> throw new FeedbackRefusedException(Refusal.TOKEN_REVOKED);
			case UNUSED -> {
			}
		}
	}

	/**
	 * Whom a request may answer for.
	 *
	 * @param tokenHash the personal token's hash, {@code null} for the event link
	 * @param event the replica, {@code null} if not (yet) known
	 */
	record Access(Channel channel, String eventId, String initiativeId, String tokenHash, DialogueEventReplica event) {

	}

}
