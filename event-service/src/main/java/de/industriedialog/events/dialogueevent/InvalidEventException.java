package de.industriedialog.events.dialogueevent;

import java.util.List;

/** The details of an event break rules of the domain; answered with 400. */
public class InvalidEventException extends RuntimeException {

	private final List<EventProblem> problems;

	public InvalidEventException(List<EventProblem> problems) {
		super("Bitte prüfen Sie die Angaben in den Feldern: "
				+ String.join(", ", problems.stream().map(EventProblem::field).distinct().toList()) + ".");
		this.problems = List.copyOf(problems);
	}

	public List<EventProblem> problems() {
		return this.problems;
	}

}
