package de.industriedialog.platform.web;

import java.util.List;

import de.industriedialog.platform.web.GermanProblemDetails.FieldProblem;

/**
 * Input that passed bean validation but breaks a rule of the domain. Answered with status
 * 400; the message is German and shown to the user.
 */
public class InvalidInputException extends RuntimeException {

	private final List<FieldProblem> fieldProblems;

	public InvalidInputException(String germanMessage, List<FieldProblem> fieldProblems) {
		super(germanMessage);
		this.fieldProblems = List.copyOf(fieldProblems);
	}

	public List<FieldProblem> fieldProblems() {
		return this.fieldProblems;
	}

}
