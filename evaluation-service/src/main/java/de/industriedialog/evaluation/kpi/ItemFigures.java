package de.industriedialog.evaluation.kpi;

import java.math.BigDecimal;
import java.util.List;

/**
 * The answers to one questionnaire item, computed like the per-event results
 * (results/ResultsCalculator): shares of those who answered the item, one decimal,
 * rounded half up.
 *
 * @param n how many answered the item; {@code null} when suppressed
 * @param suppressed fewer answers than {@code industriedialog.feedback.min-group-size}:
 * no counts and no shares
 * @param options every option of the scale, in scale order
 * @param topTwoPercent share of the first two options
 */
public record ItemFigures(String item, String text, Long n, boolean suppressed, List<Option> options,
		BigDecimal topTwoPercent) {

	/**
	 * @param count {@code null} when suppressed
	 * @param percent {@code null} when suppressed
	 */
	public record Option(String code, String label, Long count, BigDecimal percent) {

	}

}
