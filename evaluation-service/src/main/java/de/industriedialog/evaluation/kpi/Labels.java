package de.industriedialog.evaluation.kpi;

import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The German names the KPI views show for codes. */
public final class Labels {

	/** Bundesland ISO 3166-2 code → name, in the order of the code list. */
	public static final Map<String, String> STATES = ordered("DE-BW", "Baden-Württemberg", "DE-BY", "Bayern", "DE-BE",
			"Berlin", "DE-BB", "Brandenburg", "DE-HB", "Bremen", "DE-HH", "Hamburg", "DE-HE", "Hessen", "DE-MV",
			"Mecklenburg-Vorpommern", "DE-NI", "Niedersachsen", "DE-NW", "Nordrhein-Westfalen", "DE-RP",
			"Rheinland-Pfalz", "DE-SL", "Saarland", "DE-SN", "Sachsen", "DE-ST", "Sachsen-Anhalt", "DE-SH",
			"Schleswig-Holstein", "DE-TH", "Thüringen");

	/** The dialogue formats of the study (V.2) known so far; new codes may appear. */
	public static final Map<String, String> FORMATS = ordered("ZUKUNFTSWERKSTATT", "Zukunftswerkstatt", "WELT_CAFE",
			"Welt-Café", "DESIGN_THINKING_WORKSHOP", "Design-Thinking-Workshop", "ZUKUNFTSCAFE", "Zukunftscafé",
			"WERKSTATTGESPRAECH", "Werkstattgespräch", "BROWN_BAG_LUNCH", "Brown-Bag-Lunch", "BRANCHENFORUM",
			"Branchenforum", "FORUM_INDUSTRIEPOLITIK", "Forum Industriepolitik", "TAGUNG", "Tagung",
			"TREFFEN_REGIONALER_INITIATIVEN", "Treffen regionaler Industrieinitiativen", "TAG_DER_OFFENEN_TUER",
			"Tag der offenen Tür", "LANGE_NACHT_DER_INDUSTRIE", "Lange Nacht der Industrie");

	public static final Map<String, String> INITIATIVE_TYPES = ordered("NETWORK", "netzwerkorientiert", "MEASURE",
			"maßnahmenorientiert", "MIXED", "Mischtyp");

	public static final Map<String, String> LEVELS = ordered("LOCAL", "Kommune", "REGIONAL", "Region", "STATE", "Land");

	public static final Map<String, String> STATUSES = ordered("PLANNED", "geplant", "OPEN", "Anmeldung offen",
			"CLOSED", "Anmeldung geschlossen", "HELD", "durchgeführt", "CANCELLED", "abgesagt");

	/**
	 * The Infobrief's audiences → how the dashboard and the CSV name the groups (plural),
	 * in the order of the subscription form.
	 */
	public static final Map<String, String> AUDIENCES = ordered("INITIATIVE_REPRESENTATIVE",
			"Vertreter:innen von Initiativen", "ALLIANCE_PARTNER", "Bündnispartner", "COMPANY", "Unternehmen",
			"ASSOCIATION", "Verbände", "UNION", "Gewerkschaften", "PUBLIC", "Interessierte Öffentlichkeit");

	/** Subscribers without a Bundesland: interested in all of Germany. */
	public static final String NATIONWIDE = "BUNDESWEIT";

	public static final String NATIONWIDE_LABEL = "bundesweit";

	/** The format of the network meetings (networking KPI). */
	public static final String NETWORK_MEETING = "TREFFEN_REGIONALER_INITIATIVEN";

	public static final String UNKNOWN = "UNKNOWN";

	public static final String UNKNOWN_LABEL = "unbekannt";

	private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("LLLL yyyy", Locale.GERMAN);

	private Labels() {
	}

	public static String format(String code) {
		return (code != null) ? FORMATS.getOrDefault(code, code) : UNKNOWN_LABEL;
	}

	public static String state(String code) {
		return (code != null) ? STATES.getOrDefault(code, code) : UNKNOWN_LABEL;
	}

	/** e.g. "Juni 2017". */
	public static String month(YearMonth month) {
		return MONTH.format(month);
	}

	private static Map<String, String> ordered(String... codesAndLabels) {
		Map<String, String> labels = new LinkedHashMap<>();
		for (int i = 0; i < codesAndLabels.length; i += 2) {
			labels.put(codesAndLabels[i], codesAndLabels[i + 1]);
		}
		return java.util.Collections.unmodifiableMap(labels);
	}

}
