package de.industriedialog.registry.steckbrief;

/** Handlungsebene: where an initiative acts (study 2.2). */
public enum Level {

	LOCAL, REGIONAL, STATE

}
