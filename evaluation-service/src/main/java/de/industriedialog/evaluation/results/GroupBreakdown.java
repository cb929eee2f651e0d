package de.industriedialog.evaluation.results;

import java.util.List;

/** The standard items answered by the members of one participant group. */
public record GroupBreakdown(String group, String label, List<FigureSet> items) {

}
