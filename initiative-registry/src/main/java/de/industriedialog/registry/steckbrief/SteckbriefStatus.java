package de.industriedialog.registry.steckbrief;

/** Where a Steckbrief is in its review workflow; only published ones are public. */
public enum SteckbriefStatus {

	DRAFT, IN_REVIEW, PUBLISHED, WITHDRAWN

}
