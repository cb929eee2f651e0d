package de.industriedialog.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.core.env.Environment;

/**
 * Personal links without stored secrets: a token is an id with its HMAC under a server
 * secret ({@code <id>.<mac>}), so a copy of the database does not reveal a single working
 * link, and a mailer can rebuild any link without a lookup. Used for the participants'
 * registration links and the Infobrief subscribers' links.
 *
 * <p>
 * Keys can be changed without breaking links already mailed: new tokens are signed with
 * the first secret only, verification accepts a token signed with any of them (the
 * previous ones, {@value LinkSecrets#PREVIOUS_LINK_SECRETS}).
 */
public final class SignedIds {

	private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

	/** Longer tokens are refused before any MAC is computed. */
	private static final int MAX_TOKEN_LENGTH = 200;

	/** The signing key first, then the keys still accepted. */
	private final List<byte[]> keys;

	/**
	 * @param secret the server secret
	 * @param purpose what the tokens are for; each purpose gets a key of its own, so a
	 * token of one kind never doubles as another (or as a gateway JWT signature)
	 * @throws IllegalStateException if the secret is empty
	 */
	public SignedIds(String secret, String purpose) {
		this(List.of(nonBlank(secret, purpose)), purpose);
	}

	/**
	 * @param secrets the secret new tokens are signed with, then the previous secrets
	 * whose tokens are still accepted (duplicates and blank entries are dropped)
	 * @param purpose what the tokens are for (see {@link #SignedIds(String, String)})
	 * @throws IllegalStateException if the first secret is empty
	 */
	public SignedIds(List<String> secrets, String purpose) {
		if (secrets == null || secrets.isEmpty()) {
			throw new IllegalStateException("No secret for " + purpose);
		}
		Set<String> distinct = new LinkedHashSet<>();
		distinct.add(nonBlank(secrets.get(0), purpose));
		secrets.stream().skip(1).filter((s) -> s != null && !s.isBlank()).forEach(distinct::add);
		List<byte[]> derived = new ArrayList<>();
		for (String secret : distinct) {
			derived.add(hmac(secret.getBytes(StandardCharsets.UTF_8), purpose));
		}
		this.keys = List.copyOf(derived);
	}

	/**
	 * The link keys of this deployment ({@link LinkSecrets}): the secret in
	 * {@code specificProperty} if set, else {@code industriedialog.security.link-secret};
	 * the previous ones are accepted for verification.
	 * @throws IllegalStateException outside the local and test profiles if no link secret
	 * is set or it is the JWT secret
	 */
	public static SignedIds forLinks(Environment environment, String specificProperty, String purpose) {
		return new SignedIds(LinkSecrets.resolve(environment, specificProperty), purpose);
	}

	/** {@code <id>.<mac of "use:id">}, signed with the current key. */
	public String token(String use, String id) {
		return id + "." + mac(use + ":" + id);
	}

	/**
	 * The MAC alone under the current key, URL-safe: for a token that must not reveal the
	 * id.
	 */
	public String mac(String message) {
		return mac(this.keys.get(0), message);
	}

	/**
	 * The id a token of this use belongs to, if the token is genuine under any of the
	 * keys (constant-time per key).
	 */
	public Optional<String> idOf(String use, String token) {
		if (token == null || token.length() > MAX_TOKEN_LENGTH) {
			return Optional.empty();
		}
		int dot = token.lastIndexOf('.');
		if (dot <= 0) {
			return Optional.empty();
		}
		String id = token.substring(0, dot);
		byte[] given = token.getBytes(StandardCharsets.UTF_8);
		boolean genuine = false;
		for (byte[] key : this.keys) {
			// No early exit: the time does not tell which key matched.
			byte[] expected = (id + "." + mac(key, use + ":" + id)).getBytes(StandardCharsets.UTF_8);
			genuine |= MessageDigest.isEqual(expected, given);
		}
		return genuine ? Optional.of(id) : Optional.empty();
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

	private static String nonBlank(String secret, String purpose) {
		if (secret == null || secret.isBlank()) {
			throw new IllegalStateException("No secret for " + purpose);
		}
		return secret;
	}

	private static String mac(byte[] key, String message) {
		return BASE64.encodeToString(hmac(key, message));
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

	@Override
	public String toString() {
		// Never the keys.
		return "SignedIds[" + this.keys.size() + " key(s)]";
	}

}
