package de.industriedialog.newsletter.subscriber;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import de.industriedialog.platform.web.GermanProblemDetails.FieldProblem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SubscriptionFormTest {

	private static final String VERSION = "infobrief-2026-11";

	@Test
	void shouldAcceptPlainAddressesAndTrimThem() {
		for (String email : List.of("lena@example.org", " Lena.Schmidt+infobrief@sub.example.de ",
				"o'neil@example.co.uk")) {
			assertThat(form(email, List.of("PUBLIC"), List.of()).problems(VERSION)).as(email).isEmpty();
		}
		assertThat(form(" Lena@Example.org ", List.of("PUBLIC"), List.of()).email()).isEqualTo("Lena@Example.org");
		assertThat(Subscriber.emailKey(" Lena@Example.org ")).isEqualTo("lena@example.org");
	}

	@Test
	void shouldRefuseWhatIsNoDeliverableAddress() {
		for (String email : Arrays.asList("lena", "lena@localhost", "lena@example.", "Lena <lena@example.org>",
				"lena@@example.org", "lena example@example.org", "lena@example.org, paul@example.org",
				"a".repeat(243) + "@example.org", "lena@[127.0.0.1]")) {
			assertThat(fields(form(email, List.of("PUBLIC"), List.of()).problems(VERSION))).as(email)
				.containsExactly("email");
		}
		assertThat(form(null, List.of("PUBLIC"), List.of()).problems(VERSION).get(0).message())
			.isEqualTo("Bitte gib deine E-Mail-Adresse an.");
	}

	@Test
	void shouldNameEveryOffendingField() {
		SubscriptionForm form = new SubscriptionForm("lena@example.org",
				new Preferences("x".repeat(101), List.of("ALIENS"), List.of("DE-XX", "DE-BW")), "old", "s".repeat(65));
		assertThat(fields(form.problems(VERSION))).containsExactly("name", "audiences", "states", "consentTextVersion",
				"source");
		assertThat(fields(form("lena@example.org", List.of(), List.of()).problems(VERSION)))
			.containsExactly("audiences");
	}

	@Test
	void shouldDefaultTheSourceAndDropDuplicates() {
		SubscriptionForm form = form("lena@example.org", List.of("UNION", "UNION"), List.of("DE-BY", "DE-BY"));
		assertThat(form.source()).isEqualTo("website");
		assertThat(form.audienceCodes()).containsExactly("UNION");
		assertThat(form.states()).containsExactly("DE-BY");
	}

	@Test
	void shouldStateTheValidityInGerman() {
		assertThat(ConfirmationMail.german(Duration.ofHours(48))).isEqualTo("48 Stunden");
		assertThat(ConfirmationMail.german(Duration.ofHours(1))).isEqualTo("1 Stunde");
		assertThat(ConfirmationMail.german(Duration.ofMinutes(90))).isEqualTo("90 Minuten");
	}

	@Test
	void shouldHashTokensAndNeverRepeatThem() {
		String token = ConfirmationTokens.newToken();
		assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]+").isNotEqualTo(ConfirmationTokens.newToken());
		assertThat(ConfirmationTokens.sha256("abc"))
			.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	}

	private static SubscriptionForm form(String email, List<String> audiences, List<String> states) {
		return new SubscriptionForm(email, new Preferences(null, audiences, states), VERSION, null);
	}

	private static List<String> fields(List<FieldProblem> problems) {
		return problems.stream().map(FieldProblem::field).distinct().toList();
	}

}
