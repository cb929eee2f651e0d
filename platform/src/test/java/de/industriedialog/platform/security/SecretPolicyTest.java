package de.industriedialog.platform.security;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SecretPolicyTest {

	/** What `openssl rand -base64 48` prints. */
	private static final String GENERATED = "q0Zx4b8m2yQJr7TnVh3kWc9sLpE1uFdA6oGiYtBzNwR5eXjKlMvHa+C/8P2UgSfD";

	@Test
	void shouldAcceptAGeneratedKey() {
		assertThat(SecretPolicy.weakness(GENERATED)).isEmpty();
		assertThat(SecretPolicy.weakness("4f0c2a9d8e7b6a5f4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b")).isEmpty();
	}

	@Test
	void shouldRefuseShortAndPlaceholderKeys() {
		assertThat(SecretPolicy.weakness("short-but-random-Zx4b8m2y"))
			.hasValueSatisfying((reason) -> assertThat(reason).contains("shorter than 32 bytes"));
		assertThat(SecretPolicy.weakness("CHANGE-ME-placeholder-not-a-real-signing-key")).isPresent();
		for (String placeholder : new String[] { "changeme-q0Zx4b8m2yQJr7TnVh3kWc9sLpE1uFd",
				"q0Zx4b8m2yQJr7TnVh3kWc9sLpE1uFd-PlaceHolder", "my-Secret-q0Zx4b8m2yQJr7TnVh3kWc9sLpE1",
				"q0Zx4b8m2yQJr7TnVh3kWc9sLpE1uFd.example.org", "change_me_q0Zx4b8m2yQJr7TnVh3kWc9sLp",
				"Password-q0Zx4b8m2yQJr7TnVh3kWc9sLpE1uFdA" }) {
			assertThat(SecretPolicy.weakness(placeholder)).as(placeholder).isPresent();
		}
		assertThat(SecretPolicy.weakness("x".repeat(64))).isPresent();
		assertThat(SecretPolicy.weakness("ab".repeat(32))).isPresent();
		assertThatIllegalStateException()
			.isThrownBy(() -> SecretPolicy.requireStrong("JWT_SECRET (industriedialog.security.jwt-secret)",
					"CHANGE-ME-placeholder-not-a-real-signing-key"))
			.withMessageContaining("JWT_SECRET (industriedialog.security.jwt-secret) is not a usable signing key")
			.withMessageContaining("openssl rand");
	}

	@Test
	void shouldCheckOutsideTheLocalAndTestProfilesAndOutsideTests() {
		assertThat(SecretPolicy.enforced(profiles("kubernetes"), true)).isTrue();
		assertThat(SecretPolicy.enforced(profiles("docker"), false)).isTrue();
		assertThat(SecretPolicy.enforced(profiles(), false)).as("a deployment without a profile").isTrue();
		assertThat(SecretPolicy.enforced(profiles("local"), false)).isFalse();
		assertThat(SecretPolicy.enforced(profiles("kubernetes", "test"), false)).isFalse();
		assertThat(SecretPolicy.enforced(profiles(), true)).as("a module's test").isFalse();
		assertThat(SecretPolicy.enforced(profiles())).as("this test").isFalse();
	}

	static MockEnvironment profiles(String... profiles) {
		MockEnvironment environment = new MockEnvironment();
		environment.setActiveProfiles(profiles);
		return environment;
	}

}
