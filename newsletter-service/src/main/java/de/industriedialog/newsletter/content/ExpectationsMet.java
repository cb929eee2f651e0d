package de.industriedialog.newsletter.content;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * „Die Veranstaltung hat meine Erwartungen getroffen" (Q1) exactly as the KPI dashboard
 * reports it (evaluation-service, results/ResultsCalculator): the top-two share („voll
 * und ganz" + „überwiegend") of those who answered the item with an option of the scale,
 * one decimal, rounded half up once from the exact fraction; no share below the minimum
 * number of answers.
 */
final class ExpectationsMet {

	static final String ITEM = "Q1";

	/** The four-step agreement scale, in scale order. */
	static final List<String> SCALE = List.of("FULLY", "MOSTLY", "PARTLY", "NOT_AT_ALL");

	/** The first two options of the scale. */
	static final List<String> TOP_TWO = SCALE.subList(0, 2);

	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	private ExpectationsMet() {
	}

	/**
	 * @param topTwo answers „voll und ganz" or „überwiegend"
	 * @param answered answers with any option of the scale
	 * @param minAnswers fewer answers than this give no share
	 * @return the share in percent, {@code null} when suppressed
	 */
	static BigDecimal percent(long topTwo, long answered, int minAnswers) {
		if (answered < Math.max(1, minAnswers)) {
			return null;
		}
		return BigDecimal.valueOf(topTwo)
			.multiply(HUNDRED)
			.divide(BigDecimal.valueOf(answered), 1, RoundingMode.HALF_UP);
	}

}
