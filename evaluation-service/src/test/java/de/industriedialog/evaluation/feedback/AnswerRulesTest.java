package de.industriedialog.evaluation.feedback;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import de.industriedialog.evaluation.questionnaire.AnswerOption;
import de.industriedialog.evaluation.questionnaire.CustomQuestion;
import de.industriedialog.evaluation.questionnaire.CustomQuestionType;
import de.industriedialog.evaluation.questionnaire.FormRevision;
import de.industriedialog.evaluation.questionnaire.StandardQuestionnaire;
import de.industriedialog.platform.web.GermanProblemDetails.FieldProblem;
import de.industriedialog.platform.web.InvalidInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class AnswerRulesTest {

	private static final FormRevision NO_CUSTOM = new FormRevision(0, List.of());

	private static final FormRevision CUSTOM = new FormRevision(3,
			List.of(new CustomQuestion("C1", CustomQuestionType.SINGLE_CHOICE, "Woher?",
					List.of(new AnswerOption("O1", "Schule"), new AnswerOption("O2", "Internet")), null),
					new CustomQuestion("C2", CustomQuestionType.FREE_TEXT, "Noch was?", List.of(), 1000)));

	@Test
	void shouldKeepKnownCodesAndLeaveOutWhatWasSkipped() {
		Map<String, String> answers = new HashMap<>();
		answers.put("Q1", "FULLY");
		answers.put("Q2", "");
		answers.put("Q3", null);
		ValidAnswers valid = AnswerRules.check(submission("PUPIL", answers, Map.of("C1", "O2"), null, "  "), CUSTOM);

		assertThat(valid.answers()).containsExactly(Map.entry("Q1", "FULLY"));
		assertThat(valid.customAnswers()).containsExactly(Map.entry("C1", "O2"));
		assertThat(valid.participantGroup()).isEqualTo("PUPIL");
		assertThat(valid.improve()).isNull();
	}

	@Test
	void shouldKeepFreeTextExactlyAsTyped() {
		String typed = "  <script>alert('x')</script> & \"gut\" \n  ";
		ValidAnswers valid = AnswerRules.check(submission(null, Map.of(), Map.of("C2", typed), typed, null), CUSTOM);

		assertThat(valid.good()).isEqualTo(typed);
		assertThat(valid.customAnswers()).containsEntry("C2", typed);
	}

	@Test
	void shouldCountCharactersNotCodeUnitsAgainstTheLimit() {
		String emojis = "😀".repeat(StandardQuestionnaire.FREE_TEXT_MAX);
		assertThat(AnswerRules.check(submission(null, Map.of(), Map.of(), emojis, null), NO_CUSTOM).good())
			.isEqualTo(emojis);

		InvalidInputException tooLong = catchThrowableOfType(InvalidInputException.class,
				() -> AnswerRules.check(submission(null, Map.of(), Map.of(), null, "x".repeat(1001)), NO_CUSTOM));
		assertThat(tooLong.fieldProblems()).extracting(FieldProblem::field).containsExactly("improve");
		assertThat(tooLong.fieldProblems().get(0).message()).contains("höchstens 1000 Zeichen", "1001");
		assertThat(tooLong.getMessage()).contains("höchstens 1000 Zeichen");
	}

	@Test
	void shouldNameEveryUnknownItemAndCode() {
		InvalidInputException ex = catchThrowableOfType(InvalidInputException.class,
				() -> AnswerRules.check(submission("TEACHER", Map.of("Q1", "SUPER", "Q9", "FULLY", "Q2", "FULLY"),
						Map.of("C1", "O3", "C7", "x"), null, null), CUSTOM));

		assertThat(ex.fieldProblems()).extracting(FieldProblem::field)
			.containsExactly("answers.Q1", "answers.Q2", "answers.Q9", "customAnswers.C1", "customAnswers.C7",
					"participantGroup");
		assertThat(ex.fieldProblems().get(1).message()).contains("VERY_GOOD", "NOT_SUITABLE");
	}

	@Test
	void shouldRefuseAFormWithoutAnyAnswer() {
		assertThatThrownBy(() -> AnswerRules.check(submission(null, Map.of(), Map.of(), " ", null), NO_CUSTOM))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("mindestens eine Frage");
		assertThat(AnswerRules.check(submission("PROFESSIONAL", null, null, null, null), NO_CUSTOM).participantGroup())
			.isEqualTo("PROFESSIONAL");
	}

	private static FeedbackSubmission submission(String group, Map<String, String> answers, Map<String, String> custom,
			String good, String improve) {
		return new FeedbackSubmission("token", null, null, group, answers, custom, good, improve);
	}

}
