package de.industriedialog.platform.privacy;

import java.util.Map;

/**
 * One kind of personal data a service holds, found by the subject key
 * ({@link SubjectKeys}). A service declares one bean per kind (registrations, sent mails,
 * subscribers, ...); the platform answers privacy requests from all of them: it counts
 * and erases them on {@code dialog.privacy.v1} and serves the export at {@code GET
 * /api/privacy/requests/{id}/export} (docs/adr/0015).
 */
public interface PersonalData {

	/**
	 * The name of this kind in the export and in the counts, e.g. {@code registrations}
	 * (English, camel case, unique within the service).
	 */
	String name();

	/**
	 * A German description of this kind for the readable export, e.g.
	 * {@code "Anmeldungen zu Veranstaltungen"}.
	 */
	String title();

	/** How many records of the subject this service holds. */
	int count(String subjectKey);

	/**
	 * Everything of the subject, as JSON-serialisable records or maps with German-neutral
	 * English field names; empty when there is nothing. Nothing is stored about the
	 * export.
	 */
	java.util.List<?> export(String subjectKey);

	/**
	 * Erases or anonymises every record of the subject. Must be idempotent: a request is
	 * delivered at least once, and a second erasure request for the same person must be
	 * harmless.
	 * @return the number of records erased by this call
	 */
	int erase(String subjectKey);

	/** Counts per name, for {@link PrivacyRequestAnswered#records()}. */
	static Map<String, Integer> counts(java.util.List<PersonalData> parts,
			java.util.function.ToIntFunction<PersonalData> count) {
		Map<String, Integer> counts = new java.util.LinkedHashMap<>();
		for (PersonalData part : parts) {
			counts.put(part.name(), count.applyAsInt(part));
		}
		return counts;
	}

}
