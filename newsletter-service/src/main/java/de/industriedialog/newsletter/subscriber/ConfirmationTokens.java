package de.industriedialog.newsletter.subscriber;

import java.security.SecureRandom;
import java.util.Base64;

import de.industriedialog.platform.security.SignedIds;

/**
 * Random confirmation tokens. Only their SHA-256 is stored, so a copy of the database
 * confirms nobody.
 */
final class ConfirmationTokens {

	private static final SecureRandom RANDOM = new SecureRandom();

	private ConfirmationTokens() {
	}

	/** 256 random bits, URL-safe. */
	static String newToken() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** Lower-case hex SHA-256. */
	static String sha256(String token) {
		return SignedIds.sha256(token);
	}

}
