package de.industriedialog.events.registration;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The personal links of participants. A token is a MAC of the registration id under a
 * server secret, so nothing secret is stored: a copy of the database does not reveal a
 * single working link, and the mailer can rebuild a link whenever it needs one.
 *
 * <ul>
 * <li>Personal token ({@code <registrationId>.<mac>}): opens the registration page,
 * cancels, and is the QR code scanned at check-in.</li>
 * <li>Feedback token ({@code <mac>} only): carries no registration id, so
 * evaluation-service, which receives only its SHA-256 and later the token itself, cannot
 * tell whose answers it stores.</li>
 * </ul>
 */
@Component
public class RegistrationTokens {

	private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

	private final byte[] key;

	RegistrationTokens(
			@Value("${industriedialog.registration.token-secret:${industriedialog.security.jwt-secret:}}") String secret) {
		if (secret == null || secret.isBlank()) {
			throw new IllegalStateException("industriedialog.registration.token-secret (or JWT_SECRET) must be set: "
					+ "it signs the personal links of participants.");
		}
		// A key of its own, so a registration link can never double as a gateway JWT
		// signature or the other way round.
		this.key = hmac(secret.getBytes(StandardCharsets.UTF_8), "industriedialog registration tokens");
	}

	public String personalToken(String registrationId) {
		return registrationId + "." + BASE64.encodeToString(hmac(this.key, "personal:" + registrationId));
	}

	public String feedbackToken(String registrationId) {
		return BASE64.encodeToString(hmac(this.key, "feedback:" + registrationId));
	}

	/** Lower-case hex SHA-256, as published in {@code ParticipantCheckedIn}. */
	public static String sha256(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The registration a personal token belongs to, if the token is genuine.
	 */
	public Optional<String> registrationIdOf(String token) {
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
