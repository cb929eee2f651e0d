package de.industriedialog.evaluation.results;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answers to one item (overall or within one participant group). With fewer answers
 * than the minimum group size it carries only {@code suppressed} and {@code label}: no
 * count, not even {@code n}, so that no single person's answer can be read off.
 *
 * @param n how many answered the item
 * @param topTwoPercent share of the first two options, for four-step scales
 * @param label e.g. "weniger als 5" when suppressed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FigureSet(String id, String text, boolean suppressed, String label, Long n, List<OptionFigure> options,
		BigDecimal topTwoPercent) {

}
