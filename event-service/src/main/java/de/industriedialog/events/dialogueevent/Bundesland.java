package de.industriedialog.events.dialogueevent;

import java.util.Arrays;
import java.util.Optional;

/**
 * The sixteen German states with their ISO 3166-2 codes. This service's own copy:
 * services share the wire contract, not Java types (docs/adr/0004).
 */
public enum Bundesland {

	BW("DE-BW"), BY("DE-BY"), BE("DE-BE"), BB("DE-BB"), HB("DE-HB"), HH("DE-HH"), HE("DE-HE"), MV("DE-MV"), NI("DE-NI"),
	NW("DE-NW"), RP("DE-RP"), SL("DE-SL"), SN("DE-SN"), ST("DE-ST"), SH("DE-SH"), TH("DE-TH");

	private final String code;

	Bundesland(String code) {
		this.code = code;
	}

	public String code() {
		return this.code;
	}

	public static Optional<Bundesland> ofCode(String code) {
		return Arrays.stream(values()).filter((land) -> land.code.equals(code)).findFirst();
	}

}
