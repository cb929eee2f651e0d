package de.industriedialog.newsletter.infobrief;

import java.util.List;

/**
 * What staff write: the body of {@code POST} and {@code PUT /api/infobriefe}. Checked by
 * {@link InfobriefValidation}, which names every offending field in German.
 */
record InfobriefDraft(String subject, String intro, List<SectionInput> sections, SegmentInput segment) {

	record SectionInput(String heading, String text, String link, String linkLabel, String sourceKind,
			String sourceId) {
	}

	record SegmentInput(List<String> audiences, List<String> states) {
	}

}
