package de.industriedialog.newsletter.subscriber;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The personal link of a subscriber ({@code <subscriberId>.<mac>}): opens the preference
 * page and unsubscribes with one click. A MAC of the id under a server secret, so nothing
 * secret is stored and every Infobrief can carry the link without a database lookup.
 */
@Component
public class SubscriberTokens {

	private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

	private final byte[] key;

	SubscriberTokens(
			@Value("${industriedialog.newsletter.token-secret:${industriedialog.security.jwt-secret:}}") String secret) {
		if (secret == null || secret.isBlank()) {
			throw new IllegalStateException("industriedialog.newsletter.token-secret (or JWT_SECRET) must be set: "
					+ "it signs the personal links in every Infobrief, which must keep working after a restart.");
		}
		// A key of its own, so a subscriber link never doubles as another signature.
		this.key = hmac(secret.getBytes(StandardCharsets.UTF_8), "industriedialog subscriber tokens");
	}

	public String personalToken(String subscriberId) {
		return subscriberId + "." + BASE64.encodeToString(hmac(this.key, "subscriber:" + subscriberId));
	}

	/** The subscriber a personal token belongs to, if the token is genuine. */
	public Optional<String> subscriberId(String token) {
		if (token == null || token.length() > 200) {
			return Optional.empty();
		}
		int dot = token.lastIndexOf('.');
		if (dot <= 0) {
			return Optional.empty();
		}
		String id = token.substring(0, dot);
		byte[] expected = personalToken(id).getBytes(StandardCharsets.UTF_8);
		return MessageDigest.isEqual(expected, token.getBytes(StandardCharsets.UTF_8)) ? Optional.of(id)
				: Optional.empty();
	}

	private static byte[] hmac(byte[] key, String message) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
