package de.industriedialog.contracts;

import java.util.Arrays;
import java.util.Optional;

/**
 * The sixteen German states by their ISO 3166-2 code, the way they travel on the wire
 * (the {@code bundesland} of the event schemas), with the German name people read. Part
 * of the contract because the code list is: every service validates the same codes.
 */
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

	/** The ISO 3166-2 code, e.g. {@code DE-NW}. */
	public String code() {
		return this.code;
	}

	/** The name as people read it, e.g. "Nordrhein-Westfalen". */
	public String germanName() {
		return this.germanName;
	}

	public static Optional<Bundesland> ofCode(String code) {
		return Arrays.stream(values()).filter((land) -> land.code.equals(code)).findFirst();
	}

}
