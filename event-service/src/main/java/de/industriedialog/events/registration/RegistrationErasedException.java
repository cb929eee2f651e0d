package de.industriedialog.events.registration;

/**
 * A personal link or a registration whose personal data was removed (after the retention
 * period, or on request). Answered with 410 Gone: the link was genuine, but there is
 * nothing left to show or change, and the person should know why.
 */
public class RegistrationErasedException extends RuntimeException {

	public RegistrationErasedException() {
		// One text for both causes: the link cannot tell which, and both are final.
		super("Die persönlichen Angaben dieser Anmeldung wurden gelöscht – nach Ablauf der Aufbewahrungsfrist "
				+ "oder auf Wunsch der angemeldeten Person. Der Link kann nicht mehr verwendet werden.");
	}

}
