package de.industriedialog.evaluation.kpi;

import java.time.Instant;
import java.util.List;

/**
 * One Infobrief issue as {@code InfobriefSent} reports it ({@code kpi_infobriefe}), a
 * snapshot: the fact is the event with the highest version.
 *
 * @param sentAt when the send started (the issue's date)
 * @param segmentAudiences the segment's audiences, empty for all
 * @param segmentStates the segment's Bundesländer, empty for all
 */
record InfobriefFact(String issueId, String subject, Instant sentAt, long recipients, long delivered, long failed,
		List<String> segmentAudiences, List<String> segmentStates, long version) {

	InfobriefFact {
		segmentAudiences = (segmentAudiences != null) ? List.copyOf(segmentAudiences) : List.of();
		segmentStates = (segmentStates != null) ? List.copyOf(segmentStates) : List.of();
	}

}
