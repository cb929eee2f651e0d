package de.industriedialog.newsletter.content;

import java.math.BigDecimal;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExpectationsMetTest {

	@Test
	void shouldRoundTheTopTwoShareHalfUpToOneDecimalLikeTheDashboard() {
		assertThat(ExpectationsMet.percent(5, 6, 5)).isEqualByComparingTo("83.3");
		assertThat(ExpectationsMet.percent(7, 8, 5)).isEqualByComparingTo("87.5");
		// 86.9 % of the study: 30 + 57 of 107 answers
		assertThat(ExpectationsMet.percent(93, 107, 5)).isEqualByComparingTo("86.9");
		assertThat(ExpectationsMet.percent(2, 3, 1)).isEqualByComparingTo("66.7");
	}

	@Test
	void shouldSuppressTheShareWhenFewerAnswersThanTheMinimum() {
		assertThat(ExpectationsMet.percent(4, 4, 5)).isNull();
		assertThat(ExpectationsMet.percent(0, 0, 5)).isNull();
		assertThat(ExpectationsMet.percent(5, 5, 5)).isEqualByComparingTo("100.0");
	}

	@Test
	void shouldWriteTheFiguresAsAGermanSentence() {
		assertThat(GermanTexts.figures(new Suggestion.Figures(48, 23, new BigDecimal("87.0")), 5))
			.isEqualTo("48 Teilnehmende, 87 % sahen ihre Erwartungen erfüllt (23 Rückmeldungen).");
		assertThat(GermanTexts.figures(new Suggestion.Figures(1, 3, null), 5))
			.isEqualTo("1 teilnehmende Person, zu wenige Rückmeldungen für eine Auswertung (3 Rückmeldungen).");
		assertThat(GermanTexts.figures(new Suggestion.Figures(12, 0, null), 5))
			.isEqualTo("12 Teilnehmende, noch keine Rückmeldungen.");
		assertThat(GermanTexts.figures(new Suggestion.Figures(0, 6, null), 5))
			.isEqualTo("6 Rückmeldungen, zu wenige Rückmeldungen zu den Erwartungen für eine Auswertung.");
		assertThat(GermanTexts.figures(new Suggestion.Figures(0, 1, null), 5))
			.isEqualTo("Zu wenige Rückmeldungen für eine Auswertung (1 Rückmeldung).");
		assertThat(GermanTexts.figures(new Suggestion.Figures(20, 9, new BigDecimal("100.0")), 5))
			.isEqualTo("20 Teilnehmende, 100 % sahen ihre Erwartungen erfüllt (9 Rückmeldungen).");
		assertThat(GermanTexts.figures(new Suggestion.Figures(20, 9, new BigDecimal("66.7")), 5))
			.isEqualTo("20 Teilnehmende, 66,7 % sahen ihre Erwartungen erfüllt (9 Rückmeldungen).");
	}

	@Test
	void shouldShowDatesAndTimesInBerlin() {
		assertThat(GermanTexts.day(Instant.parse("2017-03-31T22:30:00Z"))).isEqualTo("1. April 2017");
		assertThat(GermanTexts.when(Instant.parse("2017-11-14T09:00:00Z"), Instant.parse("2017-11-14T15:00:00Z")))
			.isEqualTo("am 14. November 2017 von 10:00 bis 16:00 Uhr");
		assertThat(GermanTexts.when(Instant.parse("2017-03-01T09:00:00Z"), Instant.parse("2017-03-02T15:00:00Z")))
			.isEqualTo("vom 1. März 2017, 10:00 Uhr, bis 2. März 2017, 16:00 Uhr");
		assertThat(GermanTexts.place("Hamburg", "DE-HH")).isEqualTo("Hamburg");
		assertThat(GermanTexts.place(null, "DE-TH")).isEqualTo("Thüringen");
		assertThat(GermanTexts.place(null, null)).isNull();
		assertThat(GermanTexts.format("NEUES_FORMAT", "Industrie zum Anfassen")).isEqualTo("Industrie zum Anfassen");
	}

}
