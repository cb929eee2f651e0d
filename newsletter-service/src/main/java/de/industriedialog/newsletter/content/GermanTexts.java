package de.industriedialog.newsletter.content;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import de.industriedialog.contracts.Bundesland;

/**
 * The German wording of the suggestions: names for codes, dates and numbers the way an
 * Infobrief prints them.
 */
final class GermanTexts {

	/** Where the events take place; dates and times are shown in this zone. */
	static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	/**
	 * The dialogue formats of the study (V.2), as the KPI dashboard names them; a new
	 * code falls back to the event's title.
	 */
	static final Map<String, String> FORMATS = formats("ZUKUNFTSWERKSTATT", "Zukunftswerkstatt", "WELT_CAFE",
			"Welt-Café", "DESIGN_THINKING_WORKSHOP", "Design-Thinking-Workshop", "ZUKUNFTSCAFE", "Zukunftscafé",
			"WERKSTATTGESPRAECH", "Werkstattgespräch", "BROWN_BAG_LUNCH", "Brown-Bag-Lunch", "BRANCHENFORUM",
			"Branchenforum", "FORUM_INDUSTRIEPOLITIK", "Forum Industriepolitik", "TAGUNG", "Tagung",
			"TREFFEN_REGIONALER_INITIATIVEN", "Treffen regionaler Industrieinitiativen", "TAG_DER_OFFENEN_TUER",
			"Tag der offenen Tür", "LANGE_NACHT_DER_INDUSTRIE", "Lange Nacht der Industrie");

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d. MMMM yyyy", Locale.GERMAN);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.GERMAN);

	private GermanTexts() {
	}

	/** e.g. „14. November 2017". */
	static String day(Instant instant) {
		return DAY.format(instant.atZone(BERLIN));
	}

	/**
	 * e.g. „am 14. November 2017 von 10:00 bis 16:00 Uhr", or over several days „vom 14.
	 * November 2017, 10:00 Uhr, bis 15. November 2017, 16:00 Uhr".
	 */
	static String when(Instant start, Instant end) {
		ZonedDateTime from = start.atZone(BERLIN);
		if (end == null) {
			return "am " + DAY.format(from) + " um " + TIME.format(from) + " Uhr";
		}
		ZonedDateTime to = end.atZone(BERLIN);
		if (from.toLocalDate().equals(to.toLocalDate())) {
			return "am " + DAY.format(from) + " von " + TIME.format(from) + " bis " + TIME.format(to) + " Uhr";
		}
		return "vom " + DAY.format(from) + ", " + TIME.format(from) + " Uhr, bis " + DAY.format(to) + ", "
				+ TIME.format(to) + " Uhr";
	}

	/** The Bundesland's name, {@code null} for none. */
	static String state(String code) {
		if (code == null) {
			return null;
		}
		return Bundesland.ofCode(code).map(Bundesland::germanName).orElse(code);
	}

	/**
	 * e.g. „Koblenz (Rheinland-Pfalz)", „Berlin" (not „Berlin (Berlin)"),
	 * „Rheinland-Pfalz" or {@code null}.
	 */
	static String place(String city, String stateCode) {
		String state = state(stateCode);
		boolean hasCity = city != null && !city.isBlank();
		if (hasCity && state != null && !city.strip().equalsIgnoreCase(state)) {
			return city.strip() + " (" + state + ")";
		}
		return hasCity ? city.strip() : state;
	}

	/** The format's name, or the title for a format this service does not know. */
	static String format(String code, String title) {
		String label = (code != null) ? FORMATS.get(code) : null;
		return (label != null) ? label : title;
	}

	/** e.g. „87" or „87,5". */
	static String percent(BigDecimal percent) {
		return percent.stripTrailingZeros().toPlainString().replace('.', ',');
	}

	/** „1 teilnehmende Person", „48 Teilnehmende". */
	static String participants(long count) {
		return (count == 1) ? "1 teilnehmende Person" : count + " Teilnehmende";
	}

	/** „1 Rückmeldung", „23 Rückmeldungen". */
	static String responses(long count) {
		return (count == 1) ? "1 Rückmeldung" : count + " Rückmeldungen";
	}

	/**
	 * The figures of a held event as a sentence, e.g. „48 Teilnehmende, 87 % sahen ihre
	 * Erwartungen erfüllt (23 Rückmeldungen)."
	 */
	static String figures(Suggestion.Figures figures, int minAnswers) {
		List<String> parts = new ArrayList<>();
		if (figures.attended() > 0) {
			parts.add(participants(figures.attended()));
		}
		if (figures.responses() == 0) {
			parts.add("noch keine Rückmeldungen");
		}
		else if (figures.expectationsMetPercent() != null) {
			parts.add(percent(figures.expectationsMetPercent()) + " % sahen ihre Erwartungen erfüllt ("
					+ responses(figures.responses()) + ")");
		}
		else if (figures.responses() < minAnswers) {
			parts.add("zu wenige Rückmeldungen für eine Auswertung (" + responses(figures.responses()) + ")");
		}
		else {
			// enough forms, but too few of them answered the question on expectations
			parts.add(responses(figures.responses())
					+ ", zu wenige Rückmeldungen zu den Erwartungen für eine Auswertung");
		}
		String sentence = String.join(", ", parts) + ".";
		return Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
	}

	private static Map<String, String> formats(String... codesAndLabels) {
		Map<String, String> labels = new LinkedHashMap<>();
		for (int i = 0; i < codesAndLabels.length; i += 2) {
			labels.put(codesAndLabels[i], codesAndLabels[i + 1]);
		}
		return Map.copyOf(labels);
	}

}
