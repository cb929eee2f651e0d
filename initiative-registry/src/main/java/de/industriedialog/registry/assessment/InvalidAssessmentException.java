package de.industriedialog.registry.assessment;

/** A self-assessment that breaks a rule of the grid (answered with 400 and the field). */
public class InvalidAssessmentException extends RuntimeException {

	private final String field;

	public InvalidAssessmentException(String field, String germanMessage) {
		super(germanMessage);
		this.field = field;
	}

	public String field() {
		return this.field;
	}

}
