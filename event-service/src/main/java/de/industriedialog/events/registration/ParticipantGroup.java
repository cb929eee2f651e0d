package de.industriedialog.events.registration;

/**
 * The three groups the study counts participants in (4.3, Abbildung 10).
 */
public enum ParticipantGroup {

	PROFESSIONAL("Fachpublikum (Verbände, Unternehmen, Gewerkschaften, Politik, Lehrkräfte)"),
	TRAINEE_STUDENT("Auszubildende / Studierende"), PUPIL("Schülerinnen und Schüler");

	private final String germanName;

	ParticipantGroup(String germanName) {
		this.germanName = germanName;
	}

	public String germanName() {
		return this.germanName;
	}

}
