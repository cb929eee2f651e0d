package de.industriedialog.platform.security;

import java.util.ArrayList;
import java.util.List;

import org.springframework.core.env.Environment;

/**
 * The keys of the personal links in mails (registration, feedback, Infobrief), kept apart
 * from the JWT secret: the gateway and all five services hold the JWT secret, only the
 * two services that mail links need the link key, and either can be changed without the
 * other.
 *
 * <ul>
 * <li>The signing key: a service-specific property if set (e.g.
 * {@code industriedialog.registration.token-secret}), else {@value #LINK_SECRET}
 * ({@code LINK_SECRET}). In the profiles {@code local} and {@code test}
 * ({@link SecretPolicy}) it falls back to the JWT secret; elsewhere it must be set and
 * differ from it.</li>
 * <li>The previous keys, {@value #PREVIOUS_LINK_SECRETS} ({@code PREVIOUS_LINK_SECRETS},
 * comma-separated): links signed with them still verify, new links are never signed with
 * them. A deployment that signed links with the JWT secret until now lists that secret
 * here, so the links it has mailed keep working.</li>
 * </ul>
 */
public final class LinkSecrets {

	public static final String JWT_SECRET = "industriedialog.security.jwt-secret";

	public static final String LINK_SECRET = "industriedialog.security.link-secret";

	public static final String PREVIOUS_LINK_SECRETS = "industriedialog.security.previous-link-secrets";

	private LinkSecrets() {
	}

	/**
	 * The signing key first, then the previous keys.
	 * @param specificProperty the property of a service's own link key, or {@code null}
	 * @throws IllegalStateException if there is no key, or outside the local and test
	 * profiles if the key is not set explicitly or is the JWT secret
	 */
	public static List<String> resolve(Environment environment, String specificProperty) {
		boolean enforced = SecretPolicy.enforced(environment);
		String jwtSecret = environment.getProperty(JWT_SECRET, "");
		String current = (specificProperty != null) ? environment.getProperty(specificProperty, "") : "";
		String source = specificProperty;
		if (current.isBlank()) {
			current = environment.getProperty(LINK_SECRET, "");
			source = "LINK_SECRET (" + LINK_SECRET + ")";
		}
		if (current.isBlank()) {
			if (enforced || jwtSecret.isBlank()) {
				throw new IllegalStateException("LINK_SECRET (" + LINK_SECRET + ") must be set"
						+ ((specificProperty != null) ? " (or " + specificProperty + ")" : "")
						+ ": it signs the personal links in mails, which must keep working after a restart, "
						+ "and outside the profiles " + SecretPolicy.RELAXED_PROFILES
						+ " it must be a key of its own, not the JWT secret; " + SecretPolicy.HOW_TO_GENERATE
						+ ". If links were signed with the JWT secret until now, list that in PREVIOUS_LINK_SECRETS ("
						+ PREVIOUS_LINK_SECRETS + ") so that they keep working.");
			}
			// Development only: the links of a local data directory stay valid.
			current = jwtSecret;
		}
		else if (enforced) {
			SecretPolicy.requireStrong(source, current);
			if (current.equals(jwtSecret)) {
				throw new IllegalStateException(source + " must differ from JWT_SECRET (" + JWT_SECRET
						+ "): every service holds the JWT secret, only the services that mail links may sign them. "
						+ "List the JWT secret in PREVIOUS_LINK_SECRETS (" + PREVIOUS_LINK_SECRETS
						+ ") to keep links already mailed working.");
			}
		}
		List<String> keys = new ArrayList<>();
		keys.add(current);
		keys.addAll(previous(environment));
		return List.copyOf(keys);
	}

	/** The keys only accepted, in the order configured. */
	static List<String> previous(Environment environment) {
		String[] configured = environment.getProperty(PREVIOUS_LINK_SECRETS, String[].class, new String[0]);
		List<String> previous = new ArrayList<>();
		for (String key : configured) {
			if (key != null && !key.isBlank()) {
				previous.add(key.strip());
			}
		}
		return previous;
	}

}
