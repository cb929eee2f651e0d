package de.industriedialog.registry.steckbrief;

/** Groups of actors that take part in an initiative (study 2.1). */
public enum ActorGroup {

	COMPANIES, CHAMBERS, EMPLOYER_ASSOCIATIONS, UNIONS, POLITICS_ADMINISTRATION, EDUCATION, CIVIL_SOCIETY,
	AGENCIES_CONSULTANTS, PRIVATE_PERSONS

}
