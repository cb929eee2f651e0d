package de.industriedialog.platform.privacy;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SubjectKeysTest {

	@Test
	void shouldKeyAnAddressRegardlessOfCaseAndSurroundingSpaceAndRevealNothingOfIt() {
		SubjectKeys keys = new SubjectKeys("a-deployment-key-of-enough-length-0123456789");
		String key = keys.of("Erika.Muster@Example.org");
		assertThat(key).matches("[0-9a-f]{64}").doesNotContain("erika").doesNotContain("example");
		assertThat(keys.of("  erika.muster@example.ORG ")).isEqualTo(key);
		assertThat(keys.of("otto@example.org")).isNotEqualTo(key);
		assertThat(new SubjectKeys("another-deployment-key-of-enough-length-01234").of("erika.muster@example.org"))
			.as("a plain hash could be reversed by hashing guessed addresses")
			.isNotEqualTo(key);
		assertThat(keys.of((String) null)).isNull();
		assertThat(keys.of(" ")).isNull();
		assertThat(keys.toString()).doesNotContain("deployment");
	}

	@Test
	void shouldDeriveAStableKeyFromTheJwtSecretInTestsAndUseAnExplicitOneWhenSet() {
		MockEnvironment test = new MockEnvironment().withProperty("industriedialog.security.jwt-secret",
				"a-jwt-secret-of-enough-length-0123456789abcdef");
		assertThat(SubjectKeys.forDeployment(test).of("erika@example.org"))
			.isEqualTo(SubjectKeys.forDeployment(test).of("erika@example.org"));
		MockEnvironment explicit = new MockEnvironment()
			.withProperty("industriedialog.security.jwt-secret", "a-jwt-secret-of-enough-length-0123456789abcdef")
			.withProperty(SubjectKeys.PROPERTY, "an-explicit-subject-key-of-enough-length-0123");
		assertThat(SubjectKeys.forDeployment(explicit).of("erika@example.org"))
			.isEqualTo(new SubjectKeys("an-explicit-subject-key-of-enough-length-0123").of("erika@example.org"))
			.isNotEqualTo(SubjectKeys.forDeployment(test).of("erika@example.org"));
	}

	@Test
	void shouldRefuseAnEmptyKey() {
		assertThatIllegalStateException().isThrownBy(() -> new SubjectKeys(" "))
			.withMessageContaining("PRIVACY_SUBJECT_KEY");
	}

}
