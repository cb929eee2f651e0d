package de.industriedialog.events.registration;

import java.util.Optional;

import de.industriedialog.platform.security.SignedIds;

import org.springframework.core.env.Environment;
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

	private final SignedIds ids;

	/**
	 * Signs with {@code industriedialog.registration.token-secret} if set, else the link
	 * key ({@code LINK_SECRET}); links signed with a previous key still verify
	 * ({@link SignedIds#forLinks}).
	 */
	RegistrationTokens(Environment environment) {
		this.ids = SignedIds.forLinks(environment, "industriedialog.registration.token-secret",
				"industriedialog registration tokens");
	}

	public String personalToken(String registrationId) {
		return this.ids.token("personal", registrationId);
	}

	public String feedbackToken(String registrationId) {
		return this.ids.mac("feedback:" + registrationId);
	}

	/** Lower-case hex SHA-256, as published in {@code ParticipantCheckedIn}. */
	public static String sha256(String token) {
		return SignedIds.sha256(token);
	}

	/**
	 * The registration a personal token belongs to, if the token is genuine.
	 */
	public Optional<String> registrationIdOf(String token) {
		return this.ids.idOf("personal", token);
	}

}
