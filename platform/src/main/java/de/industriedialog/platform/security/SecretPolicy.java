package de.industriedialog.platform.security;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.util.ClassUtils;

/**
 * When a signing key is good enough to run with. Outside development a key that is short
 * or copied from an example is as good as none: anyone who read the repository could sign
 * a staff token or a personal link with it.
 *
 * <p>
 * Keys are checked unless the profile {@code local} or {@code test} is active (the local
 * stack and developers' runs), or no profile is active and JUnit is on the class path
 * (the modules' tests, which use short fixed test secrets). Every deployment sets a
 * profile ({@code docker}, {@code kubernetes}); a deployment that forgets it has no JUnit
 * on its class path and is checked as well.
 */
public final class SecretPolicy {

	/** HMAC-SHA256 keys need at least as many bytes as the hash has. */
	public static final int MIN_BYTES = 32;

	/** The profiles in which weak keys are accepted. */
	public static final List<String> RELAXED_PROFILES = List.of("local", "test");

	/** Words found in example and placeholder values, never in generated keys. */
	private static final List<String> PLACEHOLDER_WORDS = List.of("change-me", "change_me", "changeme", "placeholder",
			"secret", "example", "password");

	/** Generated keys have dozens of distinct characters; "abababab..." is no key. */
	private static final int MIN_DISTINCT_CHARACTERS = 8;

	private static final boolean UNDER_TEST = ClassUtils.isPresent("org.junit.platform.commons.annotation.Testable",
			SecretPolicy.class.getClassLoader());

	/** How to make a good key, for the messages. */
	static final String HOW_TO_GENERATE = "generate one with `openssl rand -base64 48`";

	private SecretPolicy() {
	}

	/** Whether weak keys must be refused in this environment. */
	public static boolean enforced(Environment environment) {
		return enforced(environment, UNDER_TEST);
	}

	static boolean enforced(Environment environment, boolean underTest) {
		if (environment.acceptsProfiles(Profiles.of(RELAXED_PROFILES.toArray(String[]::new)))) {
			return false;
		}
		return !(underTest && environment.getActiveProfiles().length == 0);
	}

	/**
	 * Why a key is not good enough, or empty if it is.
	 * @param key a configured key, not blank
	 */
	public static Optional<String> weakness(String key) {
		if (key.getBytes(StandardCharsets.UTF_8).length < MIN_BYTES) {
			return Optional.of("it is shorter than " + MIN_BYTES + " bytes");
		}
		String lower = key.toLowerCase(Locale.ROOT);
		for (String word : PLACEHOLDER_WORDS) {
			if (lower.contains(word)) {
				return Optional.of("it looks like a placeholder (contains \"" + word + "\")");
			}
		}
		if (key.chars().distinct().count() < MIN_DISTINCT_CHARACTERS) {
			return Optional.of("it has fewer than " + MIN_DISTINCT_CHARACTERS + " distinct characters");
		}
		return Optional.empty();
	}

	/**
	 * @param name how the operator sets the key, e.g.
	 * {@code JWT_SECRET (industriedialog.security.jwt-secret)}
	 * @throws IllegalStateException if the key is weak
	 */
	public static void requireStrong(String name, String key) {
		weakness(key).ifPresent((reason) -> {
			throw new IllegalStateException(name + " is not a usable signing key: " + reason + ". "
					+ "Outside the profiles " + RELAXED_PROFILES + " every key must be random and at least " + MIN_BYTES
					+ " bytes long; " + HOW_TO_GENERATE + ".");
		});
	}

}
