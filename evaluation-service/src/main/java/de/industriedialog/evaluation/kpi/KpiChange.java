package de.industriedialog.evaluation.kpi;

import java.time.Instant;

/**
 * One source event that changed the KPI view, as told to {@link KpiChangeListener}s.
 *
 * @param sequence the view's change counter after this change
 * @param occurredAt {@code ce_time} of the source event, {@code null} if unknown
 * @param eventId the dialogue event concerned, {@code null} for an initiative
 * @param responseId the response, for a {@code FeedbackSubmitted}; else {@code null}
 */
public record KpiChange(long sequence, Instant occurredAt, String eventId, String responseId) {

}
