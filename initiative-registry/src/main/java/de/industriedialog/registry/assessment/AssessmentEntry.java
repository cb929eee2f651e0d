package de.industriedialog.registry.assessment;

import java.time.Instant;
import java.util.List;

/** One self-assessment as it was given: all ten ratings, who gave it, when. */
public record AssessmentEntry(List<Rating> ratings, String by, Instant at) {

}
