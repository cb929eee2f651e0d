package de.industriedialog.evaluation.landscape;

import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What the KPI views know about one initiative: the latest state of its Steckbrief as
 * seen in {@code dialog.initiatives.v1}, and the ids of the events that produced it.
 *
 * @param name the initiative's name, for labels in the KPI views
 * @param foundingYear {@code null} where the Steckbrief names none
 */
@Document(InitiativeFact.COLLECTION)
public record InitiativeFact(@Id String initiativeId, String name, Integer foundingYear, String level, String type,
		String state, String composition, List<String> goalCategories, boolean published, long version,
		List<String> appliedEventIds) {

	static final String COLLECTION = "kpi_initiatives";

}
