package de.industriedialog.evaluation.kpi;

/**
 * One registration as its latest event on {@code dialog.registrations.v1} leaves it
 * ({@code kpi_registrations}). Every registration event is a snapshot of the
 * registration, so the fact is the event with the highest version.
 *
 * @param group PROFESSIONAL, TRAINEE_STUDENT or PUPIL, kept as text
 * @param status CONFIRMED, WAITLISTED or CANCELLED, kept as text
 * @param attended whether the latest event is a check-in (an undo or a cancellation after
 * it is a later version)
 * @param representedInitiativeId the initiative the participant came for (network
 * meetings), {@code null} where the event does not name one
 */
record RegistrationFact(String registrationId, String eventId, String group, String status, boolean attended,
		String representedInitiativeId, long version) {

	boolean confirmed() {
		return "CONFIRMED".equals(this.status);
	}

}
