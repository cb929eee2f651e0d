package de.industriedialog.registry.assessment.web;

import java.util.List;
import java.util.Optional;

import de.industriedialog.registry.assessment.AssessmentEntry;
import de.industriedialog.registry.assessment.Criterion;
import de.industriedialog.registry.assessment.Rating;
import de.industriedialog.registry.assessment.SelfAssessments;
import de.industriedialog.registry.steckbrief.InitiativeType;

/**
 * The grid ("Raster"): per criterion the latest own rating next to what the study says
 * about the criterion for initiatives of this type, so an initiative sees where it
 * stands.
 *
 * @param relevanceScale what the relevance texts are: the study's own characterisation
 * per type (Tabelle 2), not a numeric level
 */
record AssessmentView(String initiativeId, InitiativeType type, String relevanceSource, String relevanceScale,
		List<Row> grid, AssessmentEntry latest, List<AssessmentEntry> history) {

	static AssessmentView of(SelfAssessments.Overview overview) {
		Optional<AssessmentEntry> latest = overview.history().stream().findFirst();
		List<Row> grid = overview.criteria().stream().map((info) -> {
			Optional<Rating> rating = latest.flatMap((entry) -> entry.ratings()
				.stream()
				.filter((candidate) -> candidate.criterion() == info.key())
				.findFirst());
			return new Row(info.key(), info.name(), info.description(), info.relevance().get(overview.type()),
					rating.map(Rating::score).orElse(null), rating.map(Rating::note).orElse(null));
		}).toList();
		return new AssessmentView(overview.initiativeId(), overview.type(), overview.relevanceSource(),
				overview.relevanceScale(), grid, latest.orElse(null), overview.history());
	}

	/**
	 * @param relevanceForType what Tabelle 2 says about the criterion for this type
	 * @param score the latest own rating (1–5), {@code null} before the first assessment
	 */
	record Row(Criterion criterion, String name, String description, List<String> relevanceForType, Integer score,
			String note) {
	}

}
