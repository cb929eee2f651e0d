package de.industriedialog.evaluation.landscape;

import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What the KPI views know about one initiative: the latest state of its Steckbrief as
 * seen in {@code dialog.initiatives.v1}, and the ids of the events that produced it.
 */
@Document(InitiativeFact.COLLECTION)
record InitiativeFact(@Id String initiativeId, String level, String type, String state, String composition,
		List<String> goalCategories, boolean published, long version, List<String> appliedEventIds) {

	static final String COLLECTION = "kpi_initiatives";

}
