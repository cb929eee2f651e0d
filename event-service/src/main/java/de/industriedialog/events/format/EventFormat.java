package de.industriedialog.events.format;

import java.util.List;

/**
 * A dialogue format of the campaign's toolbox with what an initiative needs when it picks
 * one: a short profile, a run sheet ("Drehbuch") and a planning checklist. Each part says
 * whether its content comes from the 2017 study or was added ({@code source}).
 *
 * @param code stable identifier events refer to, e.g. {@code ZUKUNFTSWERKSTATT}
 * @param name German name
 * @param profile uses and conditions
 * @param studyReferences events of the study that used the format
 * @param runSheet phases with durations
 * @param planningChecklist tasks on a timeline
 */
public record EventFormat(String code, String name, Profile profile, List<String> studyReferences, RunSheet runSheet,
		Checklist planningChecklist) {

	public record Profile(String source, String sourceNote, String summary, List<String> uses,
			List<String> conditions) {
	}

	public record RunSheet(String source, String sourceNote, List<Phase> phases) {
	}

	public record Phase(String title, int minutes, String description) {
	}

	public record Checklist(String source, String sourceNote, List<ChecklistItem> items) {
	}

	public record ChecklistItem(String when, String task) {
	}

}
