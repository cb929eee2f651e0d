package de.industriedialog.evaluation.questionnaire;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import de.industriedialog.platform.web.GermanProblemDetails.FieldProblem;
import de.industriedialog.platform.web.InvalidInputException;

/**
 * Turns an organiser's drafts into {@link CustomQuestion}s or refuses them with every
 * offending field. Texts are trimmed: they are labels on a form, not answers.
 */
final class CustomQuestionRules {

	static final int MAX_QUESTIONS = 5;

	static final int MAX_TEXT = 200;

	static final int MAX_OPTION = 100;

	static final int MIN_OPTIONS = 2;

	static final int MAX_OPTIONS = 6;

	private CustomQuestionRules() {
	}

	/**
	 * @throws InvalidInputException naming each field that breaks a rule
	 */
	static List<CustomQuestion> questions(List<CustomQuestionDraft> drafts) {
		if (drafts == null) {
			throw invalid(List.of(new FieldProblem("questions", "Bitte senden Sie die Liste der Fragen (auch leer).")));
		}
		List<FieldProblem> problems = new ArrayList<>();
		if (drafts.size() > MAX_QUESTIONS) {
			problems.add(new FieldProblem("questions",
					"Höchstens " + MAX_QUESTIONS + " eigene Fragen je Veranstaltung (jetzt: " + drafts.size() + ")."));
			throw invalid(problems);
		}
		List<CustomQuestion> questions = new ArrayList<>();
		for (int i = 0; i < drafts.size(); i++) {
			CustomQuestion question = question(i, drafts.get(i), problems);
			if (question != null) {
				questions.add(question);
			}
		}
		if (!problems.isEmpty()) {
			throw invalid(problems);
		}
		return questions;
	}

	private static CustomQuestion question(int index, CustomQuestionDraft draft, List<FieldProblem> problems) {
		String at = "questions[" + index + "]";
		if (draft == null) {
			problems.add(new FieldProblem(at, "Bitte geben Sie die Frage an."));
			return null;
		}
		CustomQuestionType type = type(draft.type());
		if (type == null) {
			problems.add(new FieldProblem(at + ".type", "Bitte wählen Sie LIKERT, SINGLE_CHOICE oder FREE_TEXT."));
		}
		String text = (draft.text() != null) ? draft.text().strip() : "";
		if (text.isEmpty()) {
			problems.add(new FieldProblem(at + ".text", "Bitte geben Sie den Fragetext ein."));
		}
		else if (text.length() > MAX_TEXT) {
			problems.add(new FieldProblem(at + ".text",
					"Höchstens " + MAX_TEXT + " Zeichen (jetzt: " + text.length() + ")."));
		}
		List<String> options = (draft.options() != null) ? draft.options() : List.of();
		List<AnswerOption> answerOptions = (type == CustomQuestionType.SINGLE_CHOICE) ? choices(at, options, problems)
				: noChoices(at, type, options, problems);
		if (type == null) {
			return null;
		}
		return new CustomQuestion("C" + (index + 1), type, text, answerOptions,
				(type == CustomQuestionType.FREE_TEXT) ? StandardQuestionnaire.FREE_TEXT_MAX : null);
	}

	private static List<AnswerOption> choices(String at, List<String> options, List<FieldProblem> problems) {
		if (options.size() < MIN_OPTIONS || options.size() > MAX_OPTIONS) {
			problems.add(new FieldProblem(at + ".options", "Bitte geben Sie " + MIN_OPTIONS + " bis " + MAX_OPTIONS
					+ " Antwortmöglichkeiten an (jetzt: " + options.size() + ")."));
			return List.of();
		}
		List<AnswerOption> result = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < options.size(); i++) {
			String label = (options.get(i) != null) ? options.get(i).strip() : "";
			String field = at + ".options[" + i + "]";
			if (label.isEmpty()) {
				problems.add(new FieldProblem(field, "Bitte geben Sie die Antwortmöglichkeit ein."));
			}
			else if (label.length() > MAX_OPTION) {
				problems.add(new FieldProblem(field,
						"Höchstens " + MAX_OPTION + " Zeichen (jetzt: " + label.length() + ")."));
			}
			else if (!seen.add(label.toLowerCase(Locale.GERMAN))) {
				problems.add(new FieldProblem(field, "Diese Antwortmöglichkeit steht schon in der Liste."));
			}
			result.add(new AnswerOption("O" + (i + 1), label));
		}
		return result;
	}

	private static List<AnswerOption> noChoices(String at, CustomQuestionType type, List<String> options,
			List<FieldProblem> problems) {
		if (!options.isEmpty()) {
			problems.add(new FieldProblem(at + ".options",
					"Nur Fragen vom Typ SINGLE_CHOICE haben eigene Antwortmöglichkeiten."));
		}
		return (type == CustomQuestionType.LIKERT) ? StandardQuestionnaire.AGREEMENT : List.of();
	}

	private static CustomQuestionType type(String type) {
		if (type == null) {
			return null;
		}
		try {
			return CustomQuestionType.valueOf(type.strip());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static InvalidInputException invalid(List<FieldProblem> problems) {
		return new InvalidInputException(
				"Bitte prüfen Sie die eigenen Fragen: "
						+ String.join(", ", problems.stream().map(FieldProblem::field).distinct().toList()) + ".",
				problems);
	}

}
