package de.industriedialog.platform.security;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class LinkSecretsTest {

	private static final String JWT = "jwt-key-q0Zx4b8m2yQJr7TnVh3kWc9sLpE1uFdA6oGi";

	private static final String LINK = "link-key-YtBzNwR5eXjKlMvHa+C/8P2UgSfDq0Zx4b8m";

	private static final String SERVICE = "industriedialog.registration.token-secret";

	@Test
	void shouldSignWithTheLinkKeyAndAcceptThePreviousOnes() {
		MockEnvironment environment = SecretPolicyTest.profiles("kubernetes")
			.withProperty(LinkSecrets.JWT_SECRET, JWT)
			.withProperty(LinkSecrets.LINK_SECRET, LINK)
			.withProperty(LinkSecrets.PREVIOUS_LINK_SECRETS, JWT + ", ,older-key-Zx4b8m2yQJr7TnVh3kWc9sLpE1uFdA");
		assertThat(LinkSecrets.resolve(environment, SERVICE)).containsExactly(LINK, JWT,
				"older-key-Zx4b8m2yQJr7TnVh3kWc9sLpE1uFdA");
		environment.setProperty(SERVICE, "own-key-of-the-service-2yQJr7TnVh3kWc9sLpE1");
		assertThat(LinkSecrets.resolve(environment, SERVICE)).first()
			.isEqualTo("own-key-of-the-service-2yQJr7TnVh3kWc9sLpE1");
	}

	@Test
	void shouldNeedAKeyOfItsOwnOutsideTheLocalProfile() {
		MockEnvironment kubernetes = SecretPolicyTest.profiles("kubernetes").withProperty(LinkSecrets.JWT_SECRET, JWT);
		assertThatIllegalStateException().isThrownBy(() -> LinkSecrets.resolve(kubernetes, SERVICE))
			.withMessageContaining("LINK_SECRET (industriedialog.security.link-secret) must be set")
			.withMessageContaining("PREVIOUS_LINK_SECRETS");
		kubernetes.setProperty(LinkSecrets.LINK_SECRET, JWT);
		assertThatIllegalStateException().isThrownBy(() -> LinkSecrets.resolve(kubernetes, SERVICE))
			.withMessageContaining("must differ from JWT_SECRET");
		kubernetes.setProperty(LinkSecrets.LINK_SECRET, "CHANGE-ME-placeholder-not-a-real-signing-key");
		assertThatIllegalStateException().isThrownBy(() -> LinkSecrets.resolve(kubernetes, SERVICE))
			.withMessageContaining("not a usable signing key");
	}

	@Test
	void shouldFallBackToTheJwtSecretInTheLocalProfile() {
		MockEnvironment local = SecretPolicyTest.profiles("local").withProperty(LinkSecrets.JWT_SECRET, "short");
		assertThat(LinkSecrets.resolve(local, SERVICE)).containsExactly("short");
		assertThatIllegalStateException()
			.isThrownBy(() -> LinkSecrets.resolve(SecretPolicyTest.profiles("local"), SERVICE))
			.withMessageContaining("LINK_SECRET");
	}

	@Test
	void shouldGiveSignedIdsThatVerifyLinksMailedBeforeTheSplit() {
		String mailed = new SignedIds(JWT, "purpose").token("personal", "r-1");
		MockEnvironment after = SecretPolicyTest.profiles("kubernetes")
			.withProperty(LinkSecrets.JWT_SECRET, "new-jwt-key-Zx4b8m2yQJr7TnVh3kWc9sLpE1uFdA")
			.withProperty(LinkSecrets.LINK_SECRET, LINK)
			.withProperty(LinkSecrets.PREVIOUS_LINK_SECRETS, JWT);
		SignedIds ids = SignedIds.forLinks(after, SERVICE, "purpose");
		assertThat(ids.idOf("personal", mailed)).hasValue("r-1");
		assertThat(ids.token("personal", "r-1")).isEqualTo(new SignedIds(LINK, "purpose").token("personal", "r-1"));
	}

}
