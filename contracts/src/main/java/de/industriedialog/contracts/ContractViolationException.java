package de.industriedialog.contracts;

import java.util.List;

/**
 * Thrown when an event payload does not satisfy the JSON Schema of its event type. Such
 * an event must not be published.
 */
public class ContractViolationException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String eventType;

	private final List<String> violations;

	public ContractViolationException(String eventType, List<String> violations) {
		super(message(eventType, violations));
		this.eventType = eventType;
		this.violations = List.copyOf(violations);
	}

	private static String message(String eventType, List<String> violations) {
		return "Payload violates the contract of " + eventType + ": " + String.join("; ", violations);
	}

	/**
	 * The event type whose schema was violated.
	 * @return the event type, e.g. {@code SteckbriefPublished}
	 */
	public String getEventType() {
		return this.eventType;
	}

	/**
	 * The violations, each a human-readable English message starting with the JSON path.
	 * @return the violations, never empty
	 */
	public List<String> getViolations() {
		return this.violations;
	}

}
