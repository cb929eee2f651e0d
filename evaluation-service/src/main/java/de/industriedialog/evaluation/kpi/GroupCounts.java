package de.industriedialog.evaluation.kpi;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Participants per group of the study (4.3) and in total. */
@JsonPropertyOrder({ "PROFESSIONAL", "TRAINEE_STUDENT", "PUPIL", "total" })
public record GroupCounts(@JsonProperty("PROFESSIONAL") long professional,
		@JsonProperty("TRAINEE_STUDENT") long traineeStudent, @JsonProperty("PUPIL") long pupil, long total) {

	static GroupCounts of(long[] counts) {
		return new GroupCounts(counts[0], counts[1], counts[2], counts[EventAggregate.TOTAL]);
	}

}
