package de.industriedialog.newsletter.privacy;

import java.util.List;

import de.industriedialog.newsletter.infobrief.InfobriefAuthors;
import de.industriedialog.platform.privacy.PersonalData;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The Infobriefe a staff member created, which name the author's account (their address).
 * Erasure removes the author, the issues and their reports stay.
 */
@Component
@Order(3)
class InfobriefAuthorPersonalData implements PersonalData {

	private final InfobriefAuthors authors;

	InfobriefAuthorPersonalData(InfobriefAuthors authors) {
		this.authors = authors;
	}

	@Override
	public String name() {
		return "infobriefAuthorship";
	}

	@Override
	public String title() {
		return "Von Ihnen angelegte Infobriefe";
	}

	@Override
	public int count(String subjectKey) {
		return this.authors.countOfSubject(subjectKey);
	}

	@Override
	public List<?> export(String subjectKey) {
		return this.authors.ofSubject(subjectKey);
	}

	@Override
	public int erase(String subjectKey) {
		return this.authors.erase(subjectKey);
	}

}
