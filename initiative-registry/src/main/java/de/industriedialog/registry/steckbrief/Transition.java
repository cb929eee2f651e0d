package de.industriedialog.registry.steckbrief;

import java.time.Instant;

/**
 * One step of the review workflow: who moved the Steckbrief from where to where, when.
 */
public record Transition(SteckbriefStatus from, SteckbriefStatus to, String by, Instant at) {

}
