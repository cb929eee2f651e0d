package de.industriedialog.evaluation.results;

import java.math.BigDecimal;

/**
 * How often one option was chosen.
 *
 * @param percent share of those who answered the item, one decimal, rounded half up
 */
public record OptionFigure(String code, String label, long count, BigDecimal percent) {

}
