package de.industriedialog.evaluation.questionnaire;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import de.industriedialog.platform.web.GermanProblemDetails.FieldProblem;
import de.industriedialog.platform.web.InvalidInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CustomQuestionRulesTest {

	@Test
	void shouldNumberQuestionsAndOptionsAndGiveLikertTheAgreementScale() {
		List<CustomQuestion> questions = CustomQuestionRules
			.questions(List.of(new CustomQuestionDraft("LIKERT", " Ich komme wieder ", null),
					new CustomQuestionDraft("SINGLE_CHOICE", "Woher?", List.of("Schule", " Internet ")),
					new CustomQuestionDraft("FREE_TEXT", "Noch was?", List.of())));

		assertThat(questions).extracting(CustomQuestion::id).containsExactly("C1", "C2", "C3");
		assertThat(questions.get(0).text()).isEqualTo("Ich komme wieder");
		assertThat(questions.get(0).options()).isEqualTo(StandardQuestionnaire.AGREEMENT);
		assertThat(questions.get(1).options()).containsExactly(new AnswerOption("O1", "Schule"),
				new AnswerOption("O2", "Internet"));
		assertThat(questions.get(2).options()).isEmpty();
		assertThat(questions.get(2).maxLength()).isEqualTo(1000);
		assertThat(CustomQuestionRules.questions(List.of())).isEmpty();
	}

	@Test
	void shouldRefuseMoreThanFiveQuestions() {
		List<CustomQuestionDraft> six = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			six.add(new CustomQuestionDraft("FREE_TEXT", "Frage " + i, null));
		}
		assertThat(fields(six)).containsExactly("questions");
	}

	@Test
	void shouldNameEveryBrokenRule() {
		List<String> fields = fields(List.of(new CustomQuestionDraft("RATING", "x".repeat(201), null),
				new CustomQuestionDraft("SINGLE_CHOICE", " ", List.of("nur eine")),
				new CustomQuestionDraft("SINGLE_CHOICE", "Farbe?", Arrays.asList("Rot", "rot", "y".repeat(101), null)),
				new CustomQuestionDraft("LIKERT", "Gut?", List.of("ja"))));

		assertThat(fields).containsExactly("questions[0].type", "questions[0].text", "questions[1].text",
				"questions[1].options", "questions[2].options[1]", "questions[2].options[2]", "questions[2].options[3]",
				"questions[3].options");
	}

	private static List<String> fields(List<CustomQuestionDraft> drafts) {
		InvalidInputException ex = catchThrowableOfType(InvalidInputException.class,
				() -> CustomQuestionRules.questions(drafts));
		assertThat(ex).isNotNull();
		assertThat(ex.fieldProblems()).allSatisfy((problem) -> assertThat(problem.message()).isNotBlank());
		return ex.fieldProblems().stream().map(FieldProblem::field).toList();
	}

}
