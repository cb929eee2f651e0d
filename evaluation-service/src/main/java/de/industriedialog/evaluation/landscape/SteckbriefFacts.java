package de.industriedialog.evaluation.landscape;

import java.util.List;

/**
 * The fields of {@code SteckbriefPublished}, {@code SteckbriefUpdated} and
 * {@code SteckbriefWithdrawn} this service reads (tolerant reader: everything else is
 * ignored, enums are kept as text so new values do not break the consumer).
 */
record SteckbriefFacts(String initiativeId, Long version, String name, Integer foundingYear, String level, String type,
		String state, String composition, List<String> goalCategories) {

}
