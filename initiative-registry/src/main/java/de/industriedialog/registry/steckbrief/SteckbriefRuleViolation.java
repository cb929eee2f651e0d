package de.industriedialog.registry.steckbrief;

/**
 * Input that is well-formed but breaks a rule only the registry can check (a link to an
 * initiative that does not exist, a founding year in the future). Answered with 400; the
 * message is German and names the field.
 */
public class SteckbriefRuleViolation extends RuntimeException {

	private final String field;

	public SteckbriefRuleViolation(String field, String germanMessage) {
		super(germanMessage);
		this.field = field;
	}

	public String field() {
		return this.field;
	}

}
