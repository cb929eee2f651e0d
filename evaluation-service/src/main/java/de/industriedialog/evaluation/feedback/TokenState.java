package de.industriedialog.evaluation.feedback;

/** Where a personal feedback token stands. */
enum TokenState {

	/** The participant was checked in and has not answered yet. */
	UNUSED,

	/** A response was given with it; final. */
	USED,

	/**
	 * The check-in was undone before the token was used; final unless checked in again.
	 */
	REVOKED

}
