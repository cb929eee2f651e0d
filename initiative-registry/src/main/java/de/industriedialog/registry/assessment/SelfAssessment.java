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

	List<AssessmentEntry> entries() {
		return List.copyOf(this.entries);
	}

}
