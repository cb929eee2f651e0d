package de.industriedialog.platform.security;

import java.util.List;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses to start the gateway or a service with a signing key anyone could know: outside
 * the profiles {@code local} and {@code test} ({@link SecretPolicy}) the JWT secret and
 * every link key must be random-looking and at least 32 bytes, and the link key must not
 * be the JWT secret. Checked here, before any bean is made, so a bad deployment stops
 * with one clear message instead of running with a forgeable key.
 */
public class SigningKeysEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** The services' own link keys, checked like the shared one when they are set. */
	static final List<String> SERVICE_LINK_SECRETS = List.of("industriedialog.registration.token-secret",
			"industriedialog.newsletter.token-secret");

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (SecretPolicy.enforced(environment)) {
			check(environment);
		}
	}

	static void check(ConfigurableEnvironment environment) {
		String jwtSecret = environment.getProperty(LinkSecrets.JWT_SECRET, "");
		if (!jwtSecret.isBlank()) {
			SecretPolicy.requireStrong("JWT_SECRET (" + LinkSecrets.JWT_SECRET + ")", jwtSecret);
		}
		requireOwnKey(environment, "LINK_SECRET (" + LinkSecrets.LINK_SECRET + ")", LinkSecrets.LINK_SECRET, jwtSecret);
		for (String property : SERVICE_LINK_SECRETS) {
			requireOwnKey(environment, property, property, jwtSecret);
		}
		// A previous key may be the old JWT secret (that is how links mailed before the
		// split keep working), but not a public placeholder: links under it are
		// forgeable by anyone.
		for (String previous : LinkSecrets.previous(environment)) {
			SecretPolicy.weakness(previous).ifPresent((reason) -> {
				throw new IllegalStateException("A key in PREVIOUS_LINK_SECRETS (" + LinkSecrets.PREVIOUS_LINK_SECRETS
						+ ") is not usable: " + reason
						+ ". Links signed with such a key can be forged by anyone; drop it and send the affected links anew.");
			});
		}
	}

	private static void requireOwnKey(ConfigurableEnvironment environment, String name, String property,
			String jwtSecret) {
		String key = environment.getProperty(property, "");
		if (key.isBlank()) {
			return;
		}
		SecretPolicy.requireStrong(name, key);
		if (key.equals(jwtSecret)) {
			throw new IllegalStateException(name + " must differ from JWT_SECRET (" + LinkSecrets.JWT_SECRET
					+ "): every service holds the JWT secret, only the services that mail links may sign them. "
					+ "List the JWT secret in PREVIOUS_LINK_SECRETS (" + LinkSecrets.PREVIOUS_LINK_SECRETS
					+ ") to keep links already mailed working.");
		}
	}

	@Override
	public int getOrder() {
		// After the configuration files and profiles are loaded.
		return Ordered.LOWEST_PRECEDENCE;
	}

}
