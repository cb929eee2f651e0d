package de.industriedialog.registry.steckbrief;

import java.util.Arrays;
import java.util.Optional;

/** The sixteen German states with their ISO 3166-2 codes. */
public enum Bundesland {

	BW("DE-BW", "Baden-Württemberg"), BY("DE-BY", "Bayern"), BE("DE-BE", "Berlin"), BB("DE-BB", "Brandenburg"),
	HB("DE-HB", "Bremen"), HH("DE-HH", "Hamburg"), HE("DE-HE", "Hessen"), MV("DE-MV", "Mecklenburg-Vorpommern"),
	NI("DE-NI", "Niedersachsen"), NW("DE-NW", "Nordrhein-Westfalen"), RP("DE-RP", "Rheinland-Pfalz"),
	SL("DE-SL", "Saarland"), SN("DE-SN", "Sachsen"), ST("DE-ST", "Sachsen-Anhalt"), SH("DE-SH", "Schleswig-Holstein"),
	TH("DE-TH", "Thüringen");

	private final String code;

	private final String germanName;

	Bundesland(String code, String germanName) {
		this.code = code;
		this.germanName = germanName;
	}

	public String code() {
		return this.code;
	}

	public String germanName() {
		return this.germanName;
	}

	public static Optional<Bundesland> ofCode(String code) {
		return Arrays.stream(values()).filter((land) -> land.code.equals(code)).findFirst();
	}

}
