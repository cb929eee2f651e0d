package de.industriedialog.newsletter.subscriber;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The links in newsletter mails, all served by the gateway. */
@Component
public class SubscriberLinks {

	private final String publicUrl;

	private final SubscriberTokens tokens;

	SubscriberLinks(@Value("${industriedialog.public-url}") String publicUrl, SubscriberTokens tokens) {
		this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
		this.tokens = tokens;
	}

	public String publicUrl() {
		return this.publicUrl;
	}

	/** The double opt-in link; its page confirms at once by script. */
	public String confirmation(String confirmationToken) {
		return this.publicUrl + "/newsletter-bestaetigen.html?token=" + confirmationToken;
	}

	public String preferences(String subscriberId) {
		return preferencesWithToken(this.tokens.personalToken(subscriberId));
	}

	public String preferencesWithToken(String personalToken) {
		return this.publicUrl + "/newsletter-einstellungen.html?token=" + personalToken;
	}

	/** The unsubscribe link in the mail body: a page that unsubscribes at once. */
	public String unsubscribePageWithToken(String personalToken) {
		return this.publicUrl + "/newsletter-abmelden.html?token=" + personalToken;
	}

	/** The RFC 8058 one-click target for {@code List-Unsubscribe}. */
	public String oneClickUnsubscribeWithToken(String personalToken) {
		return this.publicUrl + "/api/newsletter/unsubscribe/" + personalToken;
	}

}
