package de.industriedialog.evaluation.kpi;

import java.util.List;

/** Participants by one dimension. */
public record ReachTable(String by, List<Row> rows) {

	/**
	 * @param events dialogue events in this row
	 */
	public record Row(String key, String label, long events, GroupCounts registered, GroupCounts attended) {

	}

}
