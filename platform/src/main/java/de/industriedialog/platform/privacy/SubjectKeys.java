package de.industriedialog.platform.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import de.industriedialog.platform.security.LinkSecrets;
import de.industriedialog.platform.security.SecretPolicy;

import org.springframework.core.env.Environment;

/**
 * The subject key of a person: HMAC-SHA256 of their normalised e-mail address under the
 * deployment's {@value #PROPERTY} ({@code PRIVACY_SUBJECT_KEY}), lower-case hex. Every
 * service stores it next to each address it holds, so a privacy request on Kafka can name
 * the person without their address, and a service finds their records by an index instead
 * of a scan (docs/adr/0015). The newsletter's suppression list keeps only this key.
 *
 * <p>
 * An HMAC rather than a plain hash: e-mail addresses are guessable, and a SHA-256 of one
 * is reversed by hashing candidate addresses.
 */
public final class SubjectKeys {

	public static final String PROPERTY = "industriedialog.privacy.subject-key";

	private final SecretKeySpec key;

	public SubjectKeys(String secret) {
		if (secret == null || secret.isBlank()) {
			throw new IllegalStateException("PRIVACY_SUBJECT_KEY (" + PROPERTY + ") must be set");
		}
		this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
	}

	/**
	 * The key of this deployment: {@value #PROPERTY}; in the profiles {@code local} and
	 * {@code test} ({@link SecretPolicy}) derived from the JWT secret (if any) when
	 * unset, so that tests need no extra setting.
	 * @throws IllegalStateException outside those profiles if the key is unset or weak
	 */
	public static SubjectKeys forDeployment(Environment environment) {
		String secret = environment.getProperty(PROPERTY, "");
		if (secret.isBlank()) {
			String jwtSecret = environment.getProperty(LinkSecrets.JWT_SECRET, "");
			if (SecretPolicy.enforced(environment)) {
				throw new IllegalStateException("PRIVACY_SUBJECT_KEY (" + PROPERTY
						+ ") must be set, the same value for the gateway and every service: it keys the "
						+ "records of a person for access and erasure requests and must never change "
						+ "without re-keying them; " + "generate one with `openssl rand -base64 48`.");
			}
			// Development only: stable for a local data directory, like its JWT secret.
			return new SubjectKeys(jwtSecret + "/privacy-subject-key");
		}
		if (SecretPolicy.enforced(environment)) {
			SecretPolicy.requireStrong("PRIVACY_SUBJECT_KEY (" + PROPERTY + ")", secret);
		}
		return new SubjectKeys(secret);
	}

	/**
	 * The subject key of an address (trimmed, lower-cased); {@code null} for none.
	 */
	public String of(String emailAddress) {
		if (emailAddress == null || emailAddress.isBlank()) {
			return null;
		}
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			return HexFormat.of().formatHex(mac.doFinal(normalise(emailAddress).getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 unavailable", ex);
		}
	}

	/** How addresses are compared: case does not matter (RFC 5321 in practice). */
	public static String normalise(String emailAddress) {
		return emailAddress.strip().toLowerCase(Locale.ROOT);
	}

	@Override
	public String toString() {
		return "SubjectKeys[****]";
	}

}
