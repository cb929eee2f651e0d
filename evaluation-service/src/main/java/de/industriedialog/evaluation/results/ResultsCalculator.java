package de.industriedialog.evaluation.results;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.Collator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import de.industriedialog.evaluation.feedback.Channel;
import de.industriedialog.evaluation.feedback.StoredResponse;
import de.industriedialog.evaluation.questionnaire.AnswerOption;
import de.industriedialog.evaluation.questionnaire.CustomQuestion;
import de.industriedialog.evaluation.questionnaire.CustomQuestionType;
import de.industriedialog.evaluation.questionnaire.Questionnaire;
import de.industriedialog.evaluation.questionnaire.QuestionnaireItem;

/**
 * Counts responses into figures as the study reports them: shares of those who answered
 * the item, one decimal, rounded half up once from the exact fraction (so the top-two
 * share is computed from the counts, not added up from rounded shares).
 */
public final class ResultsCalculator {

	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	private final int minGroupSize;

	private final String suppressedLabel;

	public ResultsCalculator(int minGroupSize) {
		this.minGroupSize = Math.max(1, minGroupSize);
		this.suppressedLabel = "weniger als " + this.minGroupSize;
	}

	EventResults calculate(String eventId, String eventTitle, Questionnaire questionnaire,
			List<CustomQuestion> customQuestions, List<StoredResponse> responses) {
		List<FigureSet> items = standardItems(questionnaire, responses);
		QuestionnaireItem groups = questionnaire.participantGroup();
		FigureSet participantGroups = figures(groups, answers(responses, StoredResponse::participantGroup));
		List<GroupBreakdown> byGroup = new ArrayList<>();
		for (AnswerOption group : groups.options()) {
			List<StoredResponse> members = responses.stream()
				.filter((response) -> group.code().equals(response.participantGroup()))
				.toList();
			byGroup.add(new GroupBreakdown(group.code(), group.label(), standardItems(questionnaire, members)));
		}
		List<FigureSet> custom = customQuestions.stream()
			.filter((question) -> question.type() != CustomQuestionType.FREE_TEXT)
			.map((question) -> figures(question.asItem(),
					answers(responses, (response) -> response.customAnswers().get(question.id()))))
			.toList();
		long viaEventLink = responses.stream().filter((response) -> response.channel() == Channel.EVENT_LINK).count();
		return new EventResults(eventId, eventTitle, responses.size(), this.minGroupSize, items, participantGroups,
				byGroup, custom, freeTexts(customQuestions, responses),
				new EventResults.Channels(responses.size() - viaEventLink, viaEventLink));
	}

	/**
	 * The figures of one item from the codes given (unanswered ones left out; codes the
	 * item does not offer are not counted).
	 */
	FigureSet figures(QuestionnaireItem item, List<String> codes) {
		Map<String, Long> counts = new HashMap<>();
		codes.forEach((code) -> counts.merge(code, 1L, Long::sum));
		return figures(item, counts);
	}

	/**
	 * The figures of one item from counts per answer code, e.g. summed up over many
	 * events for the KPIs (codes the item does not offer are not counted).
	 */
	public FigureSet figures(QuestionnaireItem item, Map<String, Long> counts) {
		long n = item.options().stream().mapToLong((option) -> counts.getOrDefault(option.code(), 0L)).sum();
		if (n < this.minGroupSize) {
			return new FigureSet(item.id(), item.text(), true, this.suppressedLabel, null, null, null);
		}
		List<OptionFigure> options = new ArrayList<>();
		for (AnswerOption option : item.options()) {
			long count = counts.getOrDefault(option.code(), 0L);
			options.add(new OptionFigure(option.code(), option.label(), count, percent(count, n)));
		}
		BigDecimal topTwo = (item.topTwo() && options.size() >= 2)
				? percent(options.get(0).count() + options.get(1).count(), n) : null;
		return new FigureSet(item.id(), item.text(), false, null, n, options, topTwo);
	}

	public static BigDecimal percent(long count, long n) {
		return BigDecimal.valueOf(count).multiply(HUNDRED).divide(BigDecimal.valueOf(n), 1, RoundingMode.HALF_UP);
	}

	private List<FigureSet> standardItems(Questionnaire questionnaire, List<StoredResponse> responses) {
		return questionnaire.items()
			.stream()
			.map((item) -> figures(item, answers(responses, (response) -> response.answers().get(item.id()))))
			.toList();
	}

	private FreeTexts freeTexts(List<CustomQuestion> customQuestions, List<StoredResponse> responses) {
		if (responses.size() < this.minGroupSize) {
			return new FreeTexts(true, this.suppressedLabel, null, null, null);
		}
		List<FreeTexts.CustomFreeTexts> custom = customQuestions.stream()
			.filter((question) -> question.type() == CustomQuestionType.FREE_TEXT)
			.map((question) -> new FreeTexts.CustomFreeTexts(question.id(), question.text(),
					sorted(answers(responses, (response) -> response.customAnswers().get(question.id())))))
			.toList();
		return new FreeTexts(false, null, sorted(answers(responses, StoredResponse::good)),
				sorted(answers(responses, StoredResponse::improve)), custom);
	}

	private static List<String> answers(List<StoredResponse> responses, Function<StoredResponse, String> answer) {
		return responses.stream().map(answer).filter(Objects::nonNull).toList();
	}

	private static List<String> sorted(List<String> texts) {
		List<String> sorted = new ArrayList<>(texts);
		sorted.sort(Collator.getInstance(Locale.GERMAN));
		return sorted;
	}

}
