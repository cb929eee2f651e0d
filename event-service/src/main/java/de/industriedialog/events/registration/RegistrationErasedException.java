package de.industriedialog.events.registration;

/**
 * A personal link or a registration whose personal data was removed (after the retention
 * period, or on request). Answered with 410 Gone: the link was genuine, but there is
 * nothing left to show or change, and the person should know why.
 */
public class RegistrationErasedException extends RuntimeException {

	public RegistrationErasedException() {
		super("Diese Anmeldung wurde nach Ablauf der Aufbewahrungsfrist gelöscht. Die persönlichen Angaben sind "
				+ "nicht mehr gespeichert; der Link kann nicht mehr verwendet werden.");
	}

}
