package de.industriedialog.registry.assessment;

/**
 * The ten good-practice criteria for the success of cooperation (study 2.5, 2.6). Names,
 * descriptions and relevance per initiative type are in {@code assessment/criteria.json}.
 */
public enum Criterion {

	LONG_TERM_COOPERATION, PROTAGONISTS_AND_DRIVERS, INVOLVEMENT_OF_ACTORS, CLEAR_OBJECTIVES,
	IMPLEMENTATION_PERSPECTIVE, PARTICIPATION_MOTIVATION, EDUCATION_CONTACT, CIVIL_SOCIETY_DIALOGUE, PUBLIC_PERCEPTION,
	NETWORKING

}
