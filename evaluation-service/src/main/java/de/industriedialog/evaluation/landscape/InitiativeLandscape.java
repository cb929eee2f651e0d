package de.industriedialog.evaluation.landscape;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The landscape of published initiatives as counted from the events (Tabelle 1 of the
 * study and more). Every known category is present, with zero where nothing is counted.
 *
 * @param total published initiatives
 * @param byLevel count per Handlungsebene
 * @param byType count per type
 * @param byLevelAndType level → type → count
 * @param byState ISO 3166-2 code → count, {@code UNKNOWN} where the Steckbrief names none
 * @param byComposition composition → count, {@code UNKNOWN} where no actor groups are
 * known
 */
public record InitiativeLandscape(long total, Map<String, Long> byLevel, Map<String, Long> byType,
		Map<String, Map<String, Long>> byLevelAndType, Map<String, Long> byState, Map<String, Long> byComposition) {

	static final List<String> LEVELS = List.of("LOCAL", "REGIONAL", "STATE");

	static final List<String> TYPES = List.of("NETWORK", "MEASURE", "MIXED");

	static final List<String> STATES = List.of("DE-BW", "DE-BY", "DE-BE", "DE-BB", "DE-HB", "DE-HH", "DE-HE", "DE-MV",
			"DE-NI", "DE-NW", "DE-RP", "DE-SL", "DE-SN", "DE-ST", "DE-SH", "DE-TH");

	static final List<String> COMPOSITIONS = List.of("MONO", "DUO", "TRIPARTITE");

	static final String UNKNOWN = "UNKNOWN";

	static InitiativeLandscape of(Collection<InitiativeFact> published) {
		Map<String, Map<String, Long>> byLevelAndType = new LinkedHashMap<>();
		for (String level : LEVELS) {
			byLevelAndType.put(level, count(published.stream().filter((f) -> level.equals(f.level())).toList(),
					InitiativeFact::type, TYPES, false));
		}
		return new InitiativeLandscape(published.size(), count(published, InitiativeFact::level, LEVELS, false),
				count(published, InitiativeFact::type, TYPES, false), byLevelAndType,
				count(published, InitiativeFact::state, STATES, true),
				count(published, InitiativeFact::composition, COMPOSITIONS, true));
	}

	private static Map<String, Long> count(Collection<InitiativeFact> facts, Function<InitiativeFact, String> key,
			List<String> known, boolean withUnknown) {
		Map<String, Long> counts = new LinkedHashMap<>();
		known.forEach((name) -> counts.put(name, 0L));
		if (withUnknown) {
			counts.put(UNKNOWN, 0L);
		}
		for (InitiativeFact fact : facts) {
			String value = key.apply(fact);
			String name = (value == null || value.isBlank()) ? UNKNOWN : value;
			counts.merge(name, 1L, Long::sum);
		}
		return counts;
	}

}
