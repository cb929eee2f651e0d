package de.industriedialog.registry.privacy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import de.industriedialog.platform.privacy.PersonalData;
import de.industriedialog.registry.assessment.SelfAssessments;
import de.industriedialog.registry.steckbrief.Contact;
import de.industriedialog.registry.steckbrief.Steckbrief;
import de.industriedialog.registry.steckbrief.Steckbriefe;

import org.springframework.stereotype.Component;

/**
 * The contact person of a Steckbrief (docs/adr/0015): the only personal data the registry
 * holds, besides the account subject (the address) recorded as the actor in the workflow
 * history and on self-assessments. Erasure clears the contact and those records; the
 * Steckbrief stays published, and nothing is announced, as for any change of the contact
 * (it is never public).
 */
@Component
class SteckbriefContactPersonalData implements PersonalData {

	/** What the history shows instead of an erased person. */
	static final String ERASED = "gelöscht";

	private final Steckbriefe steckbriefe;

	private final SelfAssessments assessments;

	SteckbriefContactPersonalData(Steckbriefe steckbriefe, SelfAssessments assessments) {
		this.steckbriefe = steckbriefe;
		this.assessments = assessments;
	}

	@Override
	public String name() {
		return "steckbriefContacts";
	}

	@Override
	public String title() {
		return "Kontaktperson im Steckbrief einer Initiative";
	}

	@Override
	public int count(String subjectKey) {
		return this.steckbriefe.withContact(subjectKey).size();
	}

	@Override
	public List<?> export(String subjectKey) {
		return this.steckbriefe.withContact(subjectKey).stream().map((s) -> export(s, subjectKey)).toList();
	}

	private Map<String, Object> export(Steckbrief steckbrief, String subjectKey) {
		Contact contact = steckbrief.contact();
		Map<String, Object> record = new LinkedHashMap<>();
		record.put("initiativeId", steckbrief.id());
		record.put("initiative", steckbrief.name());
		record.put("status", steckbrief.status().name());
		record.put("name", contact.name());
		record.put("email", contact.email());
		record.put("phone", contact.phone());
		record.put("contactSetAt", steckbrief.contactSetAt());
		record.put("workflowSteps",
				steckbrief.transitions()
					.stream()
					.filter((step) -> this.steckbriefe.isSubject(step.by(), subjectKey))
					.map((step) -> Map.of("from", String.valueOf(step.from()), "to", step.to().name(), "at", step.at()))
					.toList());
		return record;
	}

	@Override
	public int erase(String subjectKey) {
		List<String> ids = this.steckbriefe.withContact(subjectKey).stream().map(Steckbrief::id).toList();
		int erased = this.steckbriefe.eraseContact(subjectKey, ERASED);
		for (String id : ids) {
			this.assessments.eraseAuthor(id, (actor) -> this.steckbriefe.isSubject(actor, subjectKey), ERASED);
		}
		return erased;
	}

}
