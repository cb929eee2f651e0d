package de.industriedialog.platform.security;

import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Starts real (empty) applications: the post-processor is found through
 * {@code META-INF/spring.factories} as in every service.
 */
class SigningKeysEnvironmentPostProcessorTest {

	private static final String JWT = "--industriedialog.security.jwt-secret=jwt-key-q0Zx4b8m2yQJr7TnVh3kWc9sLpE1uFdA6oGi";

	private static final String LINK = "--industriedialog.security.link-secret=link-key-YtBzNwR5eXjKlMvHa+C/8P2UgSfDq0Zx4b8m";

	@Test
	void shouldRefuseToStartWithThePlaceholderOfTheOldManifests() {
		assertThatIllegalStateException()
			.isThrownBy(() -> start("kubernetes",
					"--industriedialog.security.jwt-secret=CHANGE-ME-placeholder-not-a-real-signing-key"))
			.withMessageContaining("JWT_SECRET (industriedialog.security.jwt-secret) is not a usable signing key")
			.withMessageContaining("placeholder");
		assertThatIllegalStateException()
			.isThrownBy(() -> start("docker", "--industriedialog.security.jwt-secret=short"))
			.withMessageContaining("shorter than 32 bytes");
	}

	@Test
	void shouldRefuseWeakOrSharedLinkKeys() {
		assertThatIllegalStateException()
			.isThrownBy(() -> start("kubernetes", JWT, "--industriedialog.security.link-secret=" + "x".repeat(40)))
			.withMessageContaining("LINK_SECRET (industriedialog.security.link-secret) is not a usable signing key");
		assertThatIllegalStateException()
			.isThrownBy(() -> start("kubernetes", JWT,
					"--industriedialog.newsletter.token-secret=jwt-key-q0Zx4b8m2yQJr7TnVh3kWc9sLpE1uFdA6oGi"))
			.withMessageContaining("industriedialog.newsletter.token-secret must differ from JWT_SECRET");
		assertThatIllegalStateException()
			.isThrownBy(() -> start("kubernetes", JWT, LINK,
					"--industriedialog.security.previous-link-secrets=CHANGE-ME-placeholder-not-a-real-signing-key"))
			.withMessageContaining("PREVIOUS_LINK_SECRETS");
	}

	@Test
	void shouldStartWithGoodKeysAndAnyKeyInTheLocalProfile() {
		try (ConfigurableApplicationContext context = start("kubernetes", JWT, LINK,
				"--industriedialog.security.previous-link-secrets=jwt-key-q0Zx4b8m2yQJr7TnVh3kWc9sLpE1uFdA6oGi")) {
			assertThat(LinkSecrets.resolve(context.getEnvironment(), null)).hasSize(2);
		}
		try (ConfigurableApplicationContext context = start("local", "--industriedialog.security.jwt-secret=short")) {
			assertThat(context.isActive()).isTrue();
		}
		try (ConfigurableApplicationContext context = start(null, "--industriedialog.security.jwt-secret=short")) {
			assertThat(context.isActive()).as("no profile, under test").isTrue();
		}
	}

	private static ConfigurableApplicationContext start(String profile, String... args) {
		SpringApplicationBuilder builder = new SpringApplicationBuilder(Empty.class).web(WebApplicationType.NONE)
			.logStartupInfo(false);
		if (profile != null) {
			builder.profiles(profile);
		}
		return builder.run(args);
	}

	@Configuration(proxyBeanMethods = false)
	static class Empty {

	}

}
