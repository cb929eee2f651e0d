package de.industriedialog.platform.privacy;

/** What a person asked for (GDPR Art. 15 and 20, or Art. 17). */
public enum PrivacyRequestKind {

	/** A copy of everything held about them. */
	ACCESS,

	/** Erasure: deleted, or anonymised where aggregates depend on the record. */
	ERASURE

}
