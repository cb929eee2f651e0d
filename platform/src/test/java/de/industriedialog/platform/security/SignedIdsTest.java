package de.industriedialog.platform.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SignedIdsTest {

	private final SignedIds ids = new SignedIds("a secret long enough for the test", "test tokens");

	@Test
	void shouldGiveTheIdBackOnlyForAGenuineTokenOfTheSameUse() {
		String token = this.ids.token("personal", "abc-123");
		assertThat(token).startsWith("abc-123.");
		assertThat(this.ids.idOf("personal", token)).hasValue("abc-123");
		assertThat(this.ids.idOf("feedback", token)).as("another use").isEmpty();
		assertThat(this.ids.idOf("personal", token.substring(0, token.length() - 1) + "x")).as("tampered").isEmpty();
		assertThat(this.ids.idOf("personal", "abc-124" + token.substring("abc-123".length()))).as("other id").isEmpty();
		assertThat(this.ids.idOf("personal", ".x")).isEmpty();
		assertThat(this.ids.idOf("personal", "x".repeat(201))).isEmpty();
		assertThat(this.ids.idOf("personal", null)).isEmpty();
	}

	@Test
	void shouldDeriveAKeyPerPurposeAndSecret() {
		assertThat(new SignedIds("a secret long enough for the test", "other tokens").token("personal", "abc-123"))
			.isNotEqualTo(this.ids.token("personal", "abc-123"));
		assertThat(new SignedIds("another secret", "test tokens").token("personal", "abc-123"))
			.isNotEqualTo(this.ids.token("personal", "abc-123"));
		assertThat(new SignedIds("a secret long enough for the test", "test tokens").token("personal", "abc-123"))
			.isEqualTo(this.ids.token("personal", "abc-123"));
		assertThatIllegalStateException().isThrownBy(() -> new SignedIds(" ", "test tokens"));
	}

	@Test
	void shouldHashAsLowerCaseHex() {
		assertThat(SignedIds.sha256("test"))
			.isEqualTo("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
	}

}
