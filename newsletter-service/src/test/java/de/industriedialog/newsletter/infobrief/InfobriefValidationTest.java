package de.industriedialog.newsletter.infobrief;

import java.util.List;

import de.industriedialog.newsletter.infobrief.InfobriefDraft.SectionInput;
import de.industriedialog.newsletter.infobrief.InfobriefDraft.SegmentInput;
import de.industriedialog.platform.web.GermanProblemDetails.FieldProblem;
import de.industriedialog.platform.web.InvalidInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class InfobriefValidationTest {

	@Test
	void shouldCleanTheDraftAndRemoveThePlaceholder() {
		InfobriefValidation.Valid valid = InfobriefValidation.check(new InfobriefDraft("  Betreff %%PERSONAL_TOKEN%% ",
				"a\r\nb", List.of(new SectionInput(" Titel ", "Text", " https://example.org/x ", null, null, null)),
				new SegmentInput(List.of("COMPANY", "COMPANY"), List.of("de-bw"))));
		assertThat(valid.subject()).isEqualTo("Betreff");
		assertThat(valid.intro()).isEqualTo("a\nb");
		assertThat(valid.sections().get(0).link()).isEqualTo("https://example.org/x");
		assertThat(valid.segment().audiences()).containsExactly("COMPANY");
		assertThat(valid.segment().states()).containsExactly("DE-BW");
	}

	@Test
	void shouldAcceptOnlyWebLinks() {
		assertThat(InfobriefValidation.isWebLink("https://industriedialog.de/a?b=c")).isTrue();
		assertThat(InfobriefValidation.isWebLink("http://localhost:8080/")).isTrue();
		assertThat(InfobriefValidation.isWebLink("javascript:alert(1)")).isFalse();
		assertThat(InfobriefValidation.isWebLink("mailto:a@b.de")).isFalse();
		assertThat(InfobriefValidation.isWebLink("https://")).isFalse();
		assertThat(InfobriefValidation.isWebLink("industriedialog.de")).isFalse();
	}

	@Test
	void shouldNameTheSubjectWhenTooLong() {
		InvalidInputException ex = catchThrowableOfType(InvalidInputException.class,
				() -> InfobriefValidation.check(new InfobriefDraft("x".repeat(201), "Text", List.of(), null)));
		assertThat(ex.fieldProblems()).extracting(FieldProblem::field).containsExactly("subject");
		assertThat(ex.fieldProblems().get(0).message()).contains("200 Zeichen");
	}

}
