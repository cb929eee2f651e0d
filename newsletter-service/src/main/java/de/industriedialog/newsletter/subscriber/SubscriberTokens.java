package de.industriedialog.newsletter.subscriber;

import java.util.Optional;

import de.industriedialog.platform.security.SignedIds;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The personal link of a subscriber ({@code <subscriberId>.<mac>}, {@link SignedIds}):
 * opens the preference page and unsubscribes with one click; every Infobrief can carry it
 * without a database lookup.
 */
@Component
public class SubscriberTokens {

	private final SignedIds ids;

	SubscriberTokens(
			@Value("${industriedialog.newsletter.token-secret:${industriedialog.security.jwt-secret:}}") String secret) {
		if (secret == null || secret.isBlank()) {
			throw new IllegalStateException("industriedialog.newsletter.token-secret (or JWT_SECRET) must be set: "
					+ "it signs the personal links in every Infobrief, which must keep working after a restart.");
		}
		this.ids = new SignedIds(secret, "industriedialog subscriber tokens");
	}

	public String personalToken(String subscriberId) {
		return this.ids.token("subscriber", subscriberId);
	}

	/** The subscriber a personal token belongs to, if the token is genuine. */
	public Optional<String> subscriberId(String token) {
		return this.ids.idOf("subscriber", token);
	}

}
