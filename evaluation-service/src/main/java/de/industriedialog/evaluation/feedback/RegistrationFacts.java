package de.industriedialog.evaluation.feedback;

/**
 * The fields of {@code ParticipantCheckedIn} and {@code ParticipantCheckInUndone} this
 * service reads (tolerant reader).
 */
record RegistrationFacts(String eventId, String initiativeId, String feedbackTokenHash, Long version) {

}
