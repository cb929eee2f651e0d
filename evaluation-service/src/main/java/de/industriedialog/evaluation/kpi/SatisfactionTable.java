package de.industriedialog.evaluation.kpi;

import java.util.List;

/** The questionnaire items by one dimension. */
public record SatisfactionTable(String by, List<Row> rows) {

	public record Row(String key, String label, long responses, List<ItemFigures> items) {

	}

}
