package de.industriedialog.evaluation.feedback;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import de.industriedialog.evaluation.questionnaire.AnswerOption;
import de.industriedialog.evaluation.questionnaire.CustomQuestion;
import de.industriedialog.evaluation.questionnaire.CustomQuestionType;
import de.industriedialog.evaluation.questionnaire.FormRevision;
import de.industriedialog.evaluation.questionnaire.Questionnaire;
import de.industriedialog.evaluation.questionnaire.QuestionnaireItem;
import de.industriedialog.evaluation.questionnaire.StandardQuestionnaire;
import de.industriedialog.platform.web.GermanProblemDetails.FieldProblem;
import de.industriedialog.platform.web.InvalidInputException;

/**
 * Checks a filled-in form against the questionnaire and the event's custom questions.
 * Every item is optional (a pupil may skip what they cannot judge), but an empty form is
 * refused. Free text is kept exactly as typed: it is only ever shown as text, so markup
 * in it is harmless characters, and changing it would change what the person said.
 */
final class AnswerRules {

	private static final Questionnaire STANDARD = StandardQuestionnaire.DEFINITION;

	private AnswerRules() {
	}

	/**
	 * @throws InvalidInputException naming every offending field
	 */
	static ValidAnswers check(FeedbackSubmission submission, FormRevision form) {
		List<FieldProblem> problems = new ArrayList<>();
		Map<String, String> answers = standardAnswers(orEmpty(submission.answers()), problems);
		Map<String, String> customAnswers = customAnswers(orEmpty(submission.customAnswers()), form, problems);
		String group = choice("participantGroup", STANDARD.participantGroup(), submission.participantGroup(), problems);
		String good = freeText("good", submission.good(), problems);
		String improve = freeText("improve", submission.improve(), problems);
		if (problems.isEmpty() && answers.isEmpty() && customAnswers.isEmpty() && group == null && good == null
				&& improve == null) {
			problems.add(new FieldProblem("answers",
					"Bitte beantworte mindestens eine Frage, bevor du den Bogen abschickst."));
		}
		if (!problems.isEmpty()) {
			problems.sort(Comparator.comparing(FieldProblem::field));
			throw new InvalidInputException(
					"Bitte prüfe deine Angaben: " + String.join("; ",
							problems.stream().map((problem) -> problem.field() + ": " + problem.message()).toList()),
					problems);
		}
		return new ValidAnswers(group, answers, customAnswers, good, improve);
	}

	private static Map<String, String> standardAnswers(Map<String, String> given, List<FieldProblem> problems) {
		given.keySet()
			.stream()
			.filter((id) -> STANDARD.item(id).isEmpty())
			.forEach((id) -> problems.add(new FieldProblem("answers." + id, "Diese Frage gibt es im Bogen nicht.")));
		Map<String, String> answers = new LinkedHashMap<>();
		for (QuestionnaireItem item : STANDARD.items()) {
			String code = choice("answers." + item.id(), item, given.get(item.id()), problems);
			if (code != null) {
				answers.put(item.id(), code);
			}
		}
		return answers;
	}

	private static Map<String, String> customAnswers(Map<String, String> given, FormRevision form,
			List<FieldProblem> problems) {
		given.keySet()
			.stream()
			.filter((id) -> form.question(id).isEmpty())
			.forEach((id) -> problems.add(new FieldProblem("customAnswers." + id,
					"Diese Frage gibt es bei dieser Veranstaltung nicht. Bitte lade die Seite neu.")));
		Map<String, String> answers = new LinkedHashMap<>();
		for (CustomQuestion question : form.customQuestions()) {
			String field = "customAnswers." + question.id();
			String value = given.get(question.id());
			String answer = (question.type() == CustomQuestionType.FREE_TEXT) ? freeText(field, value, problems)
					: choice(field, question.asItem(), value, problems);
			if (answer != null) {
				answers.put(question.id(), answer);
			}
		}
		return answers;
	}

	/**
	 * @return the code, or {@code null} when not answered or wrong
	 */
	private static String choice(String field, QuestionnaireItem item, String code, List<FieldProblem> problems) {
		if (code == null || code.isBlank()) {
			return null;
		}
		if (!item.offers(code)) {
			problems.add(new FieldProblem(field, "Diese Antwort gibt es bei dieser Frage nicht. Möglich sind: "
					+ String.join(", ", item.options().stream().map(AnswerOption::code).toList()) + "."));
			return null;
		}
		return code;
	}

	/**
	 * @return the text as typed, or {@code null} when empty or too long
	 */
	private static String freeText(String field, String text, List<FieldProblem> problems) {
		if (text == null || text.isBlank()) {
			return null;
		}
		int length = text.codePointCount(0, text.length());
		if (length > StandardQuestionnaire.FREE_TEXT_MAX) {
			problems.add(new FieldProblem(field, "Bitte schreibe höchstens " + StandardQuestionnaire.FREE_TEXT_MAX
					+ " Zeichen (jetzt: " + length + ")."));
			return null;
		}
		return text;
	}

	private static Map<String, String> orEmpty(Map<String, String> map) {
		return Optional.ofNullable(map).orElse(Map.of());
	}

}
