package de.industriedialog.evaluation.landscape;

import java.time.Instant;

/**
 * Published (as a Spring application event) after a Steckbrief event changed an
 * {@link InitiativeFact}, so that views kept in memory can follow without polling.
 *
 * @param occurredAt {@code ce_time} of the Steckbrief event, {@code null} if it had none
 */
public record InitiativeFactChanged(String initiativeId, Instant occurredAt) {

}
