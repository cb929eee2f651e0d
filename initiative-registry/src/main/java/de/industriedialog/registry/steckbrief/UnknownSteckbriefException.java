package de.industriedialog.registry.steckbrief;

/** No Steckbrief with this id (answered with 404). */
public class UnknownSteckbriefException extends RuntimeException {

	public UnknownSteckbriefException(String id) {
		super("Einen Steckbrief mit der Kennung „" + id + "“ gibt es nicht.");
	}

}
