package de.industriedialog.evaluation.results;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import de.industriedialog.evaluation.feedback.Channel;
import de.industriedialog.evaluation.feedback.StoredResponse;
import de.industriedialog.evaluation.questionnaire.AnswerOption;
import de.industriedialog.evaluation.questionnaire.CustomQuestion;
import de.industriedialog.evaluation.questionnaire.CustomQuestionType;
import de.industriedialog.evaluation.questionnaire.StandardQuestionnaire;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResultsCalculatorTest {

	private final ResultsCalculator calculator = new ResultsCalculator(5);

	/** The figures reported for all model-region events together (study 4.1). */
	@Test
	void shouldReproduceTheStudysFiguresForQ1AndQ2() {
		List<StoredResponse> responses = new ArrayList<>();
		addAnswers(responses, "Q1", Map.of("FULLY", 32, "MOSTLY", 61, "PARTLY", 14));
		// Q2 was answered by 67 of them; the other 40 skipped it.
		List<String> q2 = new ArrayList<>();
		q2.addAll(Collections.nCopies(36, "VERY_GOOD"));
		q2.addAll(Collections.nCopies(30, "GOOD"));
		q2.add("LESS_GOOD");
		for (int i = 0; i < q2.size(); i++) {
			responses.set(i, withAnswer(responses.get(i), "Q2", q2.get(i)));
		}

		EventResults results = calculate(responses);

		FigureSet q1 = results.items().get(0);
		assertThat(q1.n()).isEqualTo(107);
		assertThat(counts(q1)).containsExactly(32L, 61L, 14L, 0L);
		assertThat(percents(q1)).containsExactly("29.9", "57.0", "13.1", "0.0");
		assertThat(q1.topTwoPercent()).isEqualByComparingTo("86.9");
		FigureSet q2Figures = results.items().get(1);
		assertThat(q2Figures.n()).isEqualTo(67);
		assertThat(counts(q2Figures)).containsExactly(36L, 30L, 1L, 0L);
		assertThat(percents(q2Figures)).containsExactly("53.7", "44.8", "1.5", "0.0");
		assertThat(q2Figures.topTwoPercent()).isEqualByComparingTo("98.5");
		assertThat(q2Figures.options()).extracting(OptionFigure::label)
			.containsExactly("sehr gut", "gut", "weniger gut", "nicht geeignet");
	}

	@Test
	void shouldCountResponsesByChannelEvenBelowTheMinimumGroupSize() {
		List<StoredResponse> responses = new ArrayList<>();
		addAnswers(responses, "Q1", Map.of("FULLY", 3));
		responses.set(0, viaEventLink(responses.get(0)));
		responses.set(1, viaEventLink(responses.get(1)));

		EventResults results = calculate(responses);

		assertThat(results.items().get(0).suppressed()).isTrue();
		assertThat(results.channels()).isEqualTo(new EventResults.Channels(1, 2));
	}

	@Test
	void shouldRoundHalfUpOnceFromTheExactShare() {
		// 1/8 = 12.5 % exactly; 1/16 = 6.25 % → 6.3; 1/3 = 33.33… → 33.3; 2/3 → 66.7
		assertThat(ResultsCalculator.percent(1, 16)).isEqualTo(new BigDecimal("6.3"));
		assertThat(ResultsCalculator.percent(1, 8)).isEqualTo(new BigDecimal("12.5"));
		assertThat(ResultsCalculator.percent(1, 3)).isEqualTo(new BigDecimal("33.3"));
		assertThat(ResultsCalculator.percent(2, 3)).isEqualTo(new BigDecimal("66.7"));
		assertThat(ResultsCalculator.percent(0, 7)).isEqualTo(new BigDecimal("0.0"));
	}

	@Test
	void shouldSuppressEveryFigureSetWithFewerAnswersThanTheMinimum() {
		List<StoredResponse> responses = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			responses.add(response("PUPIL", Map.of("Q1", "FULLY"), Map.of(), "gut " + i, null));
		}

		EventResults results = calculate(responses);

		assertThat(results.responses()).isEqualTo(4);
		assertThat(results.items()).allSatisfy((item) -> {
			assertThat(item.suppressed()).isTrue();
			assertThat(item.label()).isEqualTo("weniger als 5");
			assertThat(item.n()).isNull();
			assertThat(item.options()).isNull();
			assertThat(item.topTwoPercent()).isNull();
		});
		assertThat(results.participantGroups().suppressed()).isTrue();
		assertThat(results.freeTexts().suppressed()).isTrue();
		assertThat(results.freeTexts().good()).isNull();
		assertThat(new ResultsCalculator(3).calculate("e", "t", StandardQuestionnaire.DEFINITION, List.of(), responses)
			.freeTexts()
			.label()).isNull();
		assertThat(new ResultsCalculator(10).calculate("e", "t", StandardQuestionnaire.DEFINITION, List.of(), responses)
			.items()
			.get(0)
			.label()).isEqualTo("weniger als 10");
	}

	@Test
	void shouldBreakEachStandardItemDownByGroupSuppressingSmallGroups() {
		List<StoredResponse> responses = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			responses.add(response("PUPIL", Map.of("Q1", (i < 4) ? "FULLY" : "PARTLY"), Map.of(), null, null));
		}
		responses.add(response("PROFESSIONAL", Map.of("Q1", "NOT_AT_ALL"), Map.of(), null, null));
		responses.add(response(null, Map.of("Q1", "MOSTLY"), Map.of(), null, null));

		EventResults results = calculate(responses);

		assertThat(results.items().get(0).n()).isEqualTo(8);
		assertThat(counts(results.participantGroups())).containsExactly(1L, 0L, 6L);
		assertThat(results.participantGroups().n()).isEqualTo(7);
		assertThat(results.participantGroups().topTwoPercent()).isNull();
		assertThat(results.byParticipantGroup()).extracting(GroupBreakdown::group)
			.containsExactly("PROFESSIONAL", "TRAINEE_STUDENT", "PUPIL");
		GroupBreakdown pupils = results.byParticipantGroup().get(2);
		assertThat(pupils.label()).isEqualTo("Schülerin / Schüler");
		assertThat(counts(pupils.items().get(0))).containsExactly(4L, 0L, 2L, 0L);
		assertThat(pupils.items().get(0).topTwoPercent()).isEqualByComparingTo("66.7");
		assertThat(pupils.items().get(1).suppressed()).isTrue();
		assertThat(results.byParticipantGroup().get(0).items().get(0).suppressed()).isTrue();
		assertThat(results.byParticipantGroup().get(0).items().get(0).label()).isEqualTo("weniger als 5");
	}

	@Test
	void shouldCountCustomClosedQuestionsAndListFreeTextsSortedAsPlainStrings() {
		CustomQuestion likert = new CustomQuestion("C1", CustomQuestionType.LIKERT, "Ich komme wieder",
				StandardQuestionnaire.AGREEMENT, null);
		CustomQuestion choice = new CustomQuestion("C2", CustomQuestionType.SINGLE_CHOICE, "Woher?",
				List.of(new AnswerOption("O1", "Schule"), new AnswerOption("O2", "Internet")), null);
		CustomQuestion text = new CustomQuestion("C3", CustomQuestionType.FREE_TEXT, "Sonst noch was?", List.of(),
				1000);
		List<StoredResponse> responses = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			responses.add(response(null, Map.of(), Map.of("C1", "MOSTLY", "C2", (i == 0) ? "O1" : "O2", "C3", "x" + i),
					(i == 0) ? "Zebra <b>fett</b>" : (i == 1) ? "Äpfel" : null, null));
		}

		EventResults results = new ResultsCalculator(5).calculate("e", "t", StandardQuestionnaire.DEFINITION,
				List.of(likert, choice, text), responses);

		assertThat(results.customQuestions()).extracting(FigureSet::id).containsExactly("C1", "C2");
		assertThat(results.customQuestions().get(0).topTwoPercent()).isEqualByComparingTo("100.0");
		assertThat(percents(results.customQuestions().get(1))).containsExactly("20.0", "80.0");
		assertThat(results.customQuestions().get(1).topTwoPercent()).isNull();
		assertThat(results.freeTexts().good()).containsExactly("Äpfel", "Zebra <b>fett</b>");
		assertThat(results.freeTexts().improve()).isEmpty();
		assertThat(results.freeTexts().customQuestions().get(0).answers()).containsExactly("x0", "x1", "x2", "x3",
				"x4");
	}

	private EventResults calculate(List<StoredResponse> responses) {
		return this.calculator.calculate("event", "Titel", StandardQuestionnaire.DEFINITION, List.of(), responses);
	}

	private static void addAnswers(List<StoredResponse> responses, String item, Map<String, Integer> counts) {
		counts.forEach((code, count) -> {
			for (int i = 0; i < count; i++) {
				responses.add(response(null, Map.of(item, code), Map.of(), null, null));
			}
		});
	}

	private static StoredResponse viaEventLink(StoredResponse response) {
		return new StoredResponse(response.id(), response.participantGroup(), response.answers(),
				response.customAnswers(), response.good(), response.improve(), Channel.EVENT_LINK);
	}

	private static StoredResponse withAnswer(StoredResponse response, String item, String code) {
		Map<String, String> answers = new HashMap<>(response.answers());
		answers.put(item, code);
		return new StoredResponse(response.id(), response.participantGroup(), answers, response.customAnswers(),
				response.good(), response.improve(), response.channel());
	}

	private static StoredResponse response(String group, Map<String, String> answers, Map<String, String> custom,
			String good, String improve) {
		return new StoredResponse(UUID.randomUUID().toString(), group, answers, custom, good, improve,
				Channel.PERSONAL_LINK);
	}

	private static List<Long> counts(FigureSet figures) {
		return figures.options().stream().map(OptionFigure::count).toList();
	}

	private static List<String> percents(FigureSet figures) {
		return figures.options().stream().map((option) -> option.percent().toPlainString()).toList();
	}

}
