package de.industriedialog.registry.steckbrief;

/** What an initiative aims at (study 2.5). */
public enum GoalCategory {

	ACCEPTANCE, SKILLED_WORKERS, INFRASTRUCTURE, INDUSTRIAL_POLICY

}
