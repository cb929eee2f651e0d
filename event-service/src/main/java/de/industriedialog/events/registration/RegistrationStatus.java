package de.industriedialog.events.registration;

/**
 * A registration holds a seat ({@code CONFIRMED}), waits for one in first-come order
 * ({@code WAITLISTED}) or is over ({@code CANCELLED}, final).
 */
public enum RegistrationStatus {

	CONFIRMED("bestätigt"), WAITLISTED("auf der Warteliste"), CANCELLED("storniert");

	private final String germanName;

	RegistrationStatus(String germanName) {
		this.germanName = germanName;
	}

	public String germanName() {
		return this.germanName;
	}

}
