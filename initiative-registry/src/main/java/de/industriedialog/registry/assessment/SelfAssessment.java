package de.industriedialog.registry.assessment;

import java.util.ArrayList;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The self-assessments of one initiative, every one kept: an initiative should see how it
 * moved over time, so a new assessment is appended, never overwrites. One document per
 * initiative (id = initiative id) keeps the append a single atomic write.
 */
@Document("assessments")
class SelfAssessment {

	@Id
	private String id;

	private List<AssessmentEntry> entries = new ArrayList<>();

	@Version
	private Long version;

	protected SelfAssessment() {
	}

	SelfAssessment(String initiativeId) {
		this.id = initiativeId;
	}

	void add(AssessmentEntry entry) {
		this.entries.add(entry);
	}

	/** Replaces the recorded author where it is the person (erasure on request). */
	boolean eraseAuthor(java.util.function.Predicate<String> isSubject, String replacement) {
		boolean changed = this.entries.stream().anyMatch((entry) -> isSubject.test(entry.by()));
		this.entries = new ArrayList<>(this.entries.stream()
			.map((entry) -> isSubject.test(entry.by()) ? new AssessmentEntry(entry.ratings(), replacement, entry.at())
					: entry)
			.toList());
		return changed;
	}

	List<AssessmentEntry> entries() {
		return List.copyOf(this.entries);
	}

}
