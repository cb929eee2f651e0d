package de.industriedialog.registry.steckbrief;

/** The type of an initiative (study 2.3). */
public enum InitiativeType {

	/** Netzwerkorientiert: dialogue among the members. */
	NETWORK,
	/** Maßnahmenorientiert: dialogue with civil society. */
	MEASURE,
	/** Mischtyp. */
	MIXED

}
