package de.industriedialog.newsletter.subscriber;

import java.util.Optional;

import de.industriedialog.platform.security.SignedIds;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The personal link of a subscriber ({@code <subscriberId>.<mac>}, {@link SignedIds}):
 * opens the preference page and unsubscribes with one click; every Infobrief can carry it
 * without a database lookup.
 */
@Component
public class SubscriberTokens {

	private final SignedIds ids;

	/**
	 * Signs with {@code industriedialog.newsletter.token-secret} if set, else the link
	 * key ({@code LINK_SECRET}); links in Infobriefe signed with a previous key still
	 * verify ({@link SignedIds#forLinks}).
	 */
	SubscriberTokens(Environment environment) {
		this.ids = SignedIds.forLinks(environment, "industriedialog.newsletter.token-secret",
				"industriedialog subscriber tokens");
	}

	public String personalToken(String subscriberId) {
		return this.ids.token("subscriber", subscriberId);
	}

	/** The subscriber a personal token belongs to, if the token is genuine. */
	public Optional<String> subscriberId(String token) {
		return this.ids.idOf("subscriber", token);
	}

}
