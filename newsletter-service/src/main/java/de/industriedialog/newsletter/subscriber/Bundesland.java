package de.industriedialog.newsletter.subscriber;

import java.util.Arrays;
import java.util.Optional;

/** The 16 Länder by their ISO 3166-2 code, the way they travel on the wire. */
public enum Bundesland {

	BW("DE-BW", "Baden-Württemberg"), BY("DE-BY", "Bayern"), BE("DE-BE", "Berlin"), BB("DE-BB", "Brandenburg"),
	HB("DE-HB", "Bremen"), HH("DE-HH", "Hamburg"), HE("DE-HE", "Hessen"), MV("DE-MV", "Mecklenburg-Vorpommern"),
	NI("DE-NI", "Niedersachsen"), NW("DE-NW", "Nordrhein-Westfalen"), RP("DE-RP", "Rheinland-Pfalz"),
	SL("DE-SL", "Saarland"), SN("DE-SN", "Sachsen"), ST("DE-ST", "Sachsen-Anhalt"), SH("DE-SH", "Schleswig-Holstein"),
	TH("DE-TH", "Thüringen");

	private final String code;

	private final String label;

	Bundesland(String code, String label) {
		this.code = code;
		this.label = label;
	}

	public String code() {
		return this.code;
	}

	public String label() {
		return this.label;
	}

	public static Optional<Bundesland> ofCode(String code) {
		return Arrays.stream(values()).filter((state) -> state.code.equals(code)).findFirst();
	}

}
