package de.industriedialog.localstack;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo data reproduce the figures the study reports (4.3, DOMAIN.md). */
class DemoPlanTest {

	private final List<DemoPlan.Questionnaire> sheets = IntStream.range(0, DemoPlan.EVENTS.size())
		.boxed()
		.flatMap((index) -> DemoPlan.questionnaires(index).stream())
		.toList();

	@Test
	void shouldHoldTheElevenModelRegionEventsOf2017() {
		assertThat(DemoPlan.EVENTS).hasSize(11);
		assertThat(DemoPlan.EVENTS).extracting(DemoPlan.Event::title).doesNotHaveDuplicates();
		assertThat(DemoPlan.EVENTS).extracting((event) -> event.start().getYear()).containsOnly(2017, 2018);
		assertThat(DemoPlan.EVENTS).filteredOn(DemoPlan.Event::campaignSupported).hasSizeBetween(6, 10);
		assertThat(DemoPlan.EVENTS).filteredOn((event) -> event.format().equals("TREFFEN_REGIONALER_INITIATIVEN"))
			.extracting(DemoPlan.Event::city)
			.containsExactly("Berlin", "Berlin");
		assertThat(DemoPlan.EVENTS).allSatisfy((event) -> {
			assertThat(event.capacity()).isGreaterThanOrEqualTo(event.attendees());
			assertThat(event.targetGroups()).isNotEmpty();
		});
	}

	@Test
	void shouldCount405AttendingMultipliers() {
		assertThat(DemoPlan.EVENTS.stream().mapToInt((event) -> event.attendees("PROFESSIONAL")).sum()).isEqualTo(405);
		assertThat(IntStream.range(0, DemoPlan.EVENTS.size())
			.mapToLong((index) -> DemoPlan.attendees(index)
				.stream()
				.filter((attendee) -> attendee.group().equals("PROFESSIONAL"))
				.count())
			.sum()).isEqualTo(405);
	}

	@Test
	void shouldReproduceTheReportedAnswersOfQ1AndQ2() {
		assertThat(this.sheets).hasSize(107);
		assertThat(count(DemoPlan.Questionnaire::q1))
			.containsExactlyInAnyOrderEntriesOf(Map.of("FULLY", 32L, "MOSTLY", 61L, "PARTLY", 14L));
		assertThat(count(DemoPlan.Questionnaire::q2))
			.containsExactlyInAnyOrderEntriesOf(Map.of("VERY_GOOD", 36L, "GOOD", 30L, "LESS_GOOD", 1L));
		assertThat(this.sheets).filteredOn((sheet) -> sheet.q2() == null).hasSize(40);
		// As the study rounds them: shares of those who answered the item.
		assertThat(percent(32, 107)).isEqualTo("29.9");
		assertThat(percent(61, 107)).isEqualTo("57.0");
		assertThat(percent(14, 107)).isEqualTo("13.1");
		assertThat(percent(32 + 61, 107)).isEqualTo("86.9");
		assertThat(percent(36, 67)).isEqualTo("53.7");
		assertThat(percent(30, 67)).isEqualTo("44.8");
		assertThat(percent(1, 67)).isEqualTo("1.5");
		assertThat(percent(36 + 30, 67)).isEqualTo("98.5");
	}

	@Test
	void shouldReproduceTheReportedSharesOfQ3ToQ5() {
		assertThat(this.sheets)
			.allSatisfy((sheet) -> assertThat(List.of(sheet.q3(), sheet.q4(), sheet.q5())).doesNotContainNull());
		double q3 = share(DemoPlan.Questionnaire::q3);
		double q4 = share(DemoPlan.Questionnaire::q4);
		double q5 = share(DemoPlan.Questionnaire::q5);
		assertThat(q3).as("Q3 voll und ganz").isGreaterThan(70.0);
		assertThat(q4).as("Q4 voll und ganz").isBetween(63.5, 64.5);
		assertThat(q5).as("Q5 voll und ganz").isGreaterThan(50.0);
	}

	@Test
	void shouldGiveEveryEventAtLeastFiveQuestionnairesFromPeopleWhoWereThere() {
		for (int index = 0; index < DemoPlan.EVENTS.size(); index++) {
			DemoPlan.Event event = DemoPlan.EVENTS.get(index);
			List<DemoPlan.Questionnaire> mine = DemoPlan.questionnaires(index);
			assertThat(mine).as(event.title()).hasSizeGreaterThanOrEqualTo(5).hasSizeLessThanOrEqualTo(60);
			for (String group : DemoPlan.GROUPS) {
				assertThat(mine.stream().filter((sheet) -> sheet.participantGroup().equals(group)).count())
					.as(event.title() + " " + group)
					.isLessThanOrEqualTo(event.attendees(group));
			}
			for (int[] item : List.of(event.q3(), event.q4(), event.q5())) {
				assertThat(IntStream.of(item).sum()).as(event.title()).isEqualTo(mine.size());
			}
			assertThat(IntStream.of(event.q2()).sum()).isIn(0, mine.size(), mine.size() - 2);
		}
	}

	@Test
	void shouldNameEveryAttendeeOnceAndLetTheNetworkMeetingsReachEveryInitiative() {
		Set<Integer> represented = new HashSet<>();
		for (int index = 0; index < DemoPlan.EVENTS.size(); index++) {
			List<DemoPlan.Attendee> attendees = DemoPlan.attendees(index);
			assertThat(attendees).hasSize(DemoPlan.EVENTS.get(index).attendees());
			assertThat(attendees).extracting(DemoPlan.Attendee::name).doesNotHaveDuplicates();
			List<Integer> mine = attendees.stream()
				.map(DemoPlan.Attendee::representedIndex)
				.filter((i) -> i >= 0)
				.toList();
			assertThat(mine).doesNotHaveDuplicates().allSatisfy((i) -> assertThat(i).isBetween(0, 39));
			represented.addAll(mine);
		}
		assertThat(represented).hasSize(40);
	}

	@Test
	void shouldWriteRequestBodiesTheApiReads() {
		DemoPlan.Event event = DemoPlan.EVENTS.get(1);
		Object body = JsonReader.parse(DemoData.eventJson(event, "ini-1"));
		assertThat(JsonReader.string(body, "start")).isEqualTo("2017-05-04T09:00+02:00");
		assertThat(JsonReader.string(body, "end")).isEqualTo("2017-05-04T15:00+02:00");
		assertThat(JsonReader.at(body, "recordedAfterwards")).isEqualTo(Boolean.TRUE);
		assertThat(JsonReader.list(body, "targetGroups")).containsExactly("PROFESSIONAL", "PUPIL");

		Object walkIn = JsonReader.parse(DemoData.walkInJson(DemoPlan.attendees(0).get(0), "ini-7"));
		assertThat(JsonReader.string(walkIn, "representedInitiativeId")).isEqualTo("ini-7");
		assertThat(JsonReader.at(walkIn, "email")).isNull();

		DemoPlan.Questionnaire sheet = DemoPlan.questionnaires(1).get(0);
		Object feedback = JsonReader.parse(DemoData.feedbackJson("link-token", sheet));
		assertThat(JsonReader.string(feedback, "answers", "Q1")).isEqualTo("FULLY");
		assertThat(JsonReader.at(feedback, "answers", "Q2")).isNull();
		assertThat(JsonReader.string(feedback, "deviceId")).matches("[0-9a-f-]{36}");
	}

	private Map<String, Long> count(Function<DemoPlan.Questionnaire, String> item) {
		return this.sheets.stream()
			.map(item)
			.filter((answer) -> answer != null)
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
	}

	private double share(Function<DemoPlan.Questionnaire, String> item) {
		return 100.0 * count(item).getOrDefault("FULLY", 0L) / this.sheets.size();
	}

	private static String percent(long part, long whole) {
		return String.format(java.util.Locale.ROOT, "%.1f", 100.0 * part / whole);
	}

}
