package de.industriedialog.gateway.privacy;

import java.util.Map;

/**
 * What a person calls each part of the system, for the progress and the export (the same
 * names as on datenschutz-anfrage.html).
 */
final class ServiceTitles {

	private static final Map<String, String> TITLES = Map.of("initiative-registry",
			"Initiativen-Register (Steckbrief-Kontakte)", "event-service", "Veranstaltungen (Anmeldungen)",
			"newsletter-service", "Infobrief", "gateway", "Konto und Einladungen");

	private ServiceTitles() {
	}

	static String of(String service) {
		return TITLES.getOrDefault(service, service);
	}

}
