package de.industriedialog.newsletter.content;

/** What a content suggestion is about. */
public enum SuggestionKind {

	/** A Steckbrief published for the first time recently. */
	NEW_STECKBRIEF,

	/** A dialogue event in the coming weeks. */
	UPCOMING_EVENT,

	/** A dialogue event that took place recently, with its figures. */
	HELD_EVENT

}
