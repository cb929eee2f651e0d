package de.industriedialog.newsletter.infobrief;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import de.industriedialog.contracts.Bundesland;
import de.industriedialog.newsletter.delivery.PreparedIssue;
import de.industriedialog.newsletter.infobrief.Infobrief.Section;
import de.industriedialog.newsletter.infobrief.Infobrief.SegmentSelection;
import de.industriedialog.newsletter.subscriber.Audience;
import de.industriedialog.platform.web.GermanProblemDetails.FieldProblem;
import de.industriedialog.platform.web.InvalidInputException;

/**
 * Checks a draft and brings it into its stored form (trimmed, the personal-token
 * placeholder removed), naming every offending field with a German message.
 */
final class InfobriefValidation {

	static final int SUBJECT_MAX = 200;

	static final int HEADING_MAX = 200;

	static final int TEXT_MAX = 5000;

	static final int LINK_LABEL_MAX = 100;

	static final int LINK_MAX = 2000;

	static final int SECTIONS_MAX = 30;

	static final Set<String> SOURCE_KINDS = Set.of("NEW_STECKBRIEF", "UPCOMING_EVENT", "HELD_EVENT");

	private InfobriefValidation() {
	}

	record Valid(String subject, String intro, List<Section> sections, SegmentSelection segment) {
	}

	static Valid check(InfobriefDraft draft) {
		if (draft == null) {
			throw new InvalidInputException("Bitte schicke den Infobrief mit Betreff und Inhalt.",
					List.of(new FieldProblem("subject", "Bitte gib einen Betreff ein.")));
		}
		List<FieldProblem> problems = new ArrayList<>();
		String subject = clean(draft.subject());
		if (subject.isEmpty()) {
			problems.add(new FieldProblem("subject", "Bitte gib einen Betreff ein."));
		}
		else if (subject.length() > SUBJECT_MAX) {
			problems
				.add(new FieldProblem("subject", "Der Betreff darf höchstens " + SUBJECT_MAX + " Zeichen lang sein."));
		}
		else if (subject.contains("\n") || subject.contains("\r")) {
			problems.add(new FieldProblem("subject", "Der Betreff muss in eine Zeile passen."));
		}
		String intro = clean(draft.intro());
		if (intro.length() > TEXT_MAX) {
			problems
				.add(new FieldProblem("intro", "Die Einleitung darf höchstens " + TEXT_MAX + " Zeichen lang sein."));
		}
		List<InfobriefDraft.SectionInput> inputs = (draft.sections() != null) ? draft.sections() : List.of();
		if (intro.isEmpty() && inputs.isEmpty()) {
			problems.add(new FieldProblem("intro",
					"Der Infobrief braucht eine Einleitung oder mindestens einen Abschnitt."));
		}
		if (inputs.size() > SECTIONS_MAX) {
			problems.add(new FieldProblem("sections", "Ein Infobrief hat höchstens " + SECTIONS_MAX + " Abschnitte."));
		}
		List<Section> sections = new ArrayList<>();
		for (int i = 0; i < inputs.size(); i++) {
			sections.add(section(inputs.get(i), "sections[" + i + "].", problems));
		}
		SegmentSelection segment = segment(draft.segment(), problems);
		if (!problems.isEmpty()) {
			throw new InvalidInputException(
					"Bitte prüfe die Angaben zum Infobrief: "
							+ String.join(", ", problems.stream().map(FieldProblem::field).distinct().toList()) + ".",
					problems);
		}
		return new Valid(subject, intro, sections, segment);
	}

	private static Section section(InfobriefDraft.SectionInput input, String prefix, List<FieldProblem> problems) {
		if (input == null) {
			problems.add(new FieldProblem(prefix + "heading", "Der Abschnitt ist leer."));
			return new Section("", "", null, null, null, null);
		}
		String heading = clean(input.heading());
		if (heading.isEmpty()) {
			problems.add(new FieldProblem(prefix + "heading", "Bitte gib dem Abschnitt eine Überschrift."));
		}
		else if (heading.length() > HEADING_MAX) {
			problems.add(new FieldProblem(prefix + "heading",
					"Die Überschrift darf höchstens " + HEADING_MAX + " Zeichen lang sein."));
		}
		String text = clean(input.text());
		if (text.length() > TEXT_MAX) {
			problems.add(new FieldProblem(prefix + "text",
					"Der Text eines Abschnitts darf höchstens " + TEXT_MAX + " Zeichen lang sein."));
		}
		String link = emptyToNull(clean(input.link()));
		if (link != null && !isWebLink(link)) {
			problems.add(new FieldProblem(prefix + "link",
					"Der Link muss eine vollständige Adresse sein, die mit http:// oder https:// beginnt."));
		}
		String linkLabel = emptyToNull(clean(input.linkLabel()));
		if (linkLabel != null && linkLabel.length() > LINK_LABEL_MAX) {
			problems.add(new FieldProblem(prefix + "linkLabel",
					"Der Linktext darf höchstens " + LINK_LABEL_MAX + " Zeichen lang sein."));
		}
		if (linkLabel != null && link == null) {
			problems.add(new FieldProblem(prefix + "link", "Zu einem Linktext gehört ein Link."));
		}
		String sourceKind = emptyToNull(clean(input.sourceKind()));
		if (sourceKind != null && !SOURCE_KINDS.contains(sourceKind)) {
			problems.add(new FieldProblem(prefix + "sourceKind",
					"Unbekannte Herkunft. Erlaubt sind NEW_STECKBRIEF, UPCOMING_EVENT und HELD_EVENT."));
		}
		String sourceId = emptyToNull(clean(input.sourceId()));
		if (sourceId != null && sourceId.length() > 100) {
			problems.add(new FieldProblem(prefix + "sourceId", "Die Kennung der Quelle ist zu lang."));
		}
		return new Section(heading, text, link, linkLabel, sourceKind, sourceId);
	}

	private static SegmentSelection segment(InfobriefDraft.SegmentInput input, List<FieldProblem> problems) {
		if (input == null) {
			return new SegmentSelection(List.of(), List.of());
		}
		Set<String> audiences = new LinkedHashSet<>();
		for (String code : (input.audiences() != null) ? input.audiences() : List.<String>of()) {
			try {
				audiences.add(Audience.valueOf(String.valueOf(code).strip()).name());
			}
			catch (IllegalArgumentException unknown) {
				problems.add(new FieldProblem("segment.audiences", "„" + code + "“ ist keine bekannte Zielgruppe."));
			}
		}
		Set<String> states = new LinkedHashSet<>();
		for (String code : (input.states() != null) ? input.states() : List.<String>of()) {
			String normalized = String.valueOf(code).strip().toUpperCase(Locale.ROOT);
			if (Bundesland.ofCode(normalized).isPresent()) {
				states.add(normalized);
			}
			else {
				problems.add(new FieldProblem("segment.states",
						"„" + code + "“ ist kein Bundesland-Code. Erlaubt sind DE-BW, DE-BY, … DE-TH."));
			}
		}
		return new SegmentSelection(List.copyOf(audiences), List.copyOf(states));
	}

	static boolean isWebLink(String link) {
		if (link.length() > LINK_MAX) {
			return false;
		}
		try {
			URI uri = new URI(link);
			String scheme = uri.getScheme();
			return scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
					&& uri.getHost() != null && !uri.getHost().isBlank();
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	/**
	 * Trims, unifies line ends and removes the personal-token placeholder, so staff text
	 * can never make the delivery put a recipient's token somewhere it does not belong.
	 */
	static String clean(String value) {
		if (value == null) {
			return "";
		}
		return value.replace(PreparedIssue.TOKEN_PLACEHOLDER, "").replace("\r\n", "\n").replace('\r', '\n').strip();
	}

	private static String emptyToNull(String value) {
		return value.isEmpty() ? null : value;
	}

}
