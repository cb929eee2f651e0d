package de.industriedialog.platform.security;

import java.util.List;

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
	void shouldKeepLinksSignedWithAPreviousKeyWorkingAndSignNewOnesWithTheNewKeyOnly() {
		SignedIds before = new SignedIds("the old key, until now the jwt secret", "test tokens");
		String mailedLink = before.token("personal", "abc-123");
		String mailedFeedback = before.mac("feedback:abc-123");
		SignedIds after = new SignedIds(
				List.of("the new link key of at least 32 bytes", "the old key, until now the jwt secret"),
				"test tokens");
		assertThat(after.idOf("personal", mailedLink)).as("mailed before the switch").hasValue("abc-123");
		String newLink = after.token("personal", "abc-123");
		assertThat(newLink).as("signed with the new key").isNotEqualTo(mailedLink);
		assertThat(after.idOf("personal", newLink)).hasValue("abc-123");
		assertThat(before.idOf("personal", newLink)).as("not signed with the old key").isEmpty();
		assertThat(new SignedIds("the new link key of at least 32 bytes", "test tokens").token("personal", "abc-123"))
			.isEqualTo(newLink);
		assertThat(after.mac("feedback:abc-123")).isNotEqualTo(mailedFeedback);
	}

	@Test
	void shouldRefuseATokenForgedWithAKeyThatIsNotConfigured() {
		SignedIds after = new SignedIds(
				List.of("the new link key of at least 32 bytes", "the old key, until now the jwt secret"),
				"test tokens");
		String forged = new SignedIds("a key the attacker made up himself", "test tokens").token("personal", "abc-123");
		assertThat(after.idOf("personal", forged)).isEmpty();
		String otherPurpose = new SignedIds("the old key, until now the jwt secret", "other tokens").token("personal",
				"abc-123");
		assertThat(after.idOf("personal", otherPurpose)).as("same key, other purpose").isEmpty();
		String tampered = after.token("personal", "abc-123").replace("abc-123.", "abc-124.");
		assertThat(after.idOf("personal", tampered)).isEmpty();
	}

	@Test
	void shouldNeedASigningKeyAndIgnoreBlankPreviousOnes() {
		assertThatIllegalStateException().isThrownBy(() -> new SignedIds(List.of(), "test tokens"));
		assertThatIllegalStateException().isThrownBy(() -> new SignedIds(List.of(" ", "an old key"), "test tokens"));
		assertThat(
				new SignedIds(List.of("a secret long enough for the test", " "), "test tokens").token("personal", "x"))
			.isEqualTo(this.ids.token("personal", "x"));
	}

	@Test
	void shouldHashAsLowerCaseHex() {
		assertThat(SignedIds.sha256("test"))
			.isEqualTo("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
	}

}
