package de.industriedialog.gateway.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The tokens of the links the gateway mails (invitations, privacy requests): 256 random
 * bits in the link, only their SHA-256 in the store, so a leaked database leaks no usable
 * link. A random token needs no signing key.
 */
public final class SecretLinks {

	private static final SecureRandom RANDOM = new SecureRandom();

	private SecretLinks() {
	}

	/** A new token for a link, URL-safe. */
	public static String newToken() {
		byte[] secret = new byte[32];
		RANDOM.nextBytes(secret);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
	}

	/** What is stored of a token: its hex SHA-256. */
	public static String hash(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
