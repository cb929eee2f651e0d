package de.industriedialog.evaluation.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Tokens and their hashes. Only the SHA-256 of a link token is ever stored or compared,
 * so a copy of the database does not let anyone answer a questionnaire; the hash is the
 * lower-case hex form event-service uses for {@code feedbackTokenHash}.
 */
public final class Sha256 {

	private static final SecureRandom RANDOM = new SecureRandom();

	private Sha256() {
	}

	/** Lower-case hex SHA-256 of the UTF-8 bytes of {@code text}. */
	public static String hex(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has SHA-256", ex);
		}
	}

	/** A random 32-byte token, base64url without padding (43 characters, URL-safe). */
	public static String randomToken() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
