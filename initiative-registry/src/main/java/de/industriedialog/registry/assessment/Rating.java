package de.industriedialog.registry.assessment;

/** How an initiative places itself on one criterion: 1 (weak) to 5 (strong). */
public record Rating(Criterion criterion, int score, String note) {

}
