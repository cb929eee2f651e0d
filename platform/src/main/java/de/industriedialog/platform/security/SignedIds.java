package de.industriedialog.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Personal links without stored secrets: a token is an id with its HMAC under a server
 * secret ({@code <id>.<mac>}), so a copy of the database does not reveal a single working
 * link, and a mailer can rebuild any link without a lookup. Used for the participants'
 * registration links and the Infobrief subscribers' links.
 */
public final class SignedIds {

	private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

	/** Longer tokens are refused before any MAC is computed. */
	private static final int MAX_TOKEN_LENGTH = 200;

	private final byte[] key;

	/**
	 * @param secret the server secret
	 * @param purpose what the tokens are for; each purpose gets a key of its own, so a
	 * token of one kind never doubles as another (or as a gateway JWT signature)
	 * @throws IllegalStateException if the secret is empty
	 */
	public SignedIds(String secret, String purpose) {
		if (secret == null || secret.isBlank()) {
			throw new IllegalStateException("No secret for " + purpose);
		}
		this.key = hmac(secret.getBytes(StandardCharsets.UTF_8), purpose);
	}

	/** {@code <id>.<mac of "use:id">}. */
	public String token(String use, String id) {
		return id + "." + mac(use + ":" + id);
	}

	/** The MAC alone, URL-safe: for a token that must not reveal the id. */
	public String mac(String message) {
		return BASE64.encodeToString(hmac(this.key, message));
	}

	/** The id a token of this use belongs to, if the token is genuine (constant-time). */
	public Optional<String> idOf(String use, String token) {
		if (token == null || token.length() > MAX_TOKEN_LENGTH) {
			return Optional.empty();
		}
		int dot = token.lastIndexOf('.');
		if (dot <= 0) {
			return Optional.empty();
		}
		String id = token.substring(0, dot);
		byte[] expected = token(use, id).getBytes(StandardCharsets.UTF_8);
		return MessageDigest.isEqual(expected, token.getBytes(StandardCharsets.UTF_8)) ? Optional.of(id)
				: Optional.empty();
	}

	/** Lower-case hex SHA-256, the form in which tokens are stored or published. */
	public static String sha256(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
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
