package de.industriedialog.events.dialogueevent;

/** The participant groups the campaign counts (study 4.3, Abbildung 10). */
public enum TargetGroup {

	/** Associations, companies, unions, politics, teachers. */
	PROFESSIONAL,

	/** Auszubildende and Studierende. */
	TRAINEE_STUDENT,

	/** Schülerinnen and Schüler. */
	PUPIL

}
