package de.industriedialog.evaluation.kpi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import de.industriedialog.evaluation.feedback.FeedbackProperties;
import de.industriedialog.evaluation.landscape.InitiativeFact;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The roll-up of the per-event counters, fed with fact changes as the projection makes
 * them.
 */
class KpiQueriesTest {

	private final KpiView view = new KpiView(null, null);

	private final KpiQueries queries = new KpiQueries(
			this.view, new FeedbackProperties(5, null, 300, null), new KpiProperties(LocalDate.of(2017, 1, 1),
					Duration.ofMinutes(30), Duration.ofSeconds(15), Duration.ofMillis(100)),
			Clock.fixed(Instant.parse("2026-11-26T20:00:00Z"), ZoneOffset.UTC));

	/**
	 * The study's answers (4.1) spread over three events of different formats and
	 * regions.
	 */
	@Test
	void shouldReproduceTheStudysFiguresRolledUpOverSeveralEvents() {
		initiative("ini-nw", "Zukunftsinitiative NRW", 2014, "NETWORK", "DE-NW");
		event("e1", "ini-nw", "ZUKUNFTSWERKSTATT", "2017-06-30T14:00:00+02:00", "DE-NW", "HELD", true);
		event("e2", "ini-nw", "WELT_CAFE", "2017-07-04T17:00:00+02:00", "DE-RP", "HELD", true);
		event("e3", "ini-nw", "TAGUNG", "2017-09-07T10:00:00+02:00", "DE-HE", "HELD", false);
		// Q1 32/61/14/0 (107 answered), Q2 36/30/1/0 (67 answered, 40 skipped it).
		List<Map<String, String>> answers = new ArrayList<>();
		add(answers, "Q1", "FULLY", 32);
		add(answers, "Q1", "MOSTLY", 61);
		add(answers, "Q1", "PARTLY", 14);
		String[] q2 = new String[67];
		java.util.Arrays.fill(q2, 0, 36, "VERY_GOOD");
		java.util.Arrays.fill(q2, 36, 66, "GOOD");
		q2[66] = "LESS_GOOD";
		for (int i = 0; i < q2.length; i++) {
			answers.get(i * 107 / 67).put("Q2", q2[i]);
		}
		for (int i = 0; i < answers.size(); i++) {
			feedback("e" + (1 + i % 3), "PUPIL", answers.get(i));
		}

		Overview overview = this.queries.overview(KpiFilter.NONE);

		assertThat(overview.satisfaction().responses()).isEqualTo(107);
		ItemFigures q1 = overview.satisfaction().items().get(0);
		assertThat(q1.n()).isEqualTo(107);
		assertThat(q1.options()).extracting(ItemFigures.Option::count).containsExactly(32L, 61L, 14L, 0L);
		assertThat(q1.options()).extracting((o) -> o.percent().toPlainString())
			.containsExactly("29.9", "57.0", "13.1", "0.0");
		assertThat(q1.topTwoPercent()).isEqualByComparingTo("86.9");
		ItemFigures q2Figures = overview.satisfaction().items().get(1);
		assertThat(q2Figures.n()).isEqualTo(67);
		assertThat(q2Figures.options()).extracting((o) -> o.percent().toPlainString())
			.containsExactly("53.7", "44.8", "1.5", "0.0");
		assertThat(q2Figures.topTwoPercent()).isEqualByComparingTo("98.5");
		assertThat(q2Figures.options()).extracting(ItemFigures.Option::label)
			.containsExactly("sehr gut", "gut", "weniger gut", "nicht geeignet");
		// By format, each third of the answers; the rows add up to the whole.
		SatisfactionTable byFormat = this.queries.satisfaction(Dimension.FORMAT, KpiFilter.NONE);
		assertThat(byFormat.rows()).extracting(SatisfactionTable.Row::label)
			.containsExactly("Tagung", "Welt-Café", "Zukunftswerkstatt");
		assertThat(byFormat.rows().stream().mapToLong(SatisfactionTable.Row::responses).sum()).isEqualTo(107);
		assertThat(this.queries.satisfaction(Dimension.OVERALL, KpiFilter.NONE).rows()).singleElement()
			.satisfies((row) -> assertThat(row.items().get(0).topTwoPercent()).isEqualByComparingTo("86.9"));
	}

	@Test
	void shouldSuppressItemsWithFewerAnswersThanTheMinimumButKeepTheOptions() {
		event("e1", null, "WELT_CAFE", "2017-07-04T17:00:00+02:00", "DE-RP", "HELD", true);
		for (int i = 0; i < 4; i++) {
			feedback("e1", "PUPIL", Map.of("Q1", "FULLY"));
		}

		ItemFigures q1 = this.queries.overview(KpiFilter.NONE).satisfaction().items().get(0);

		assertThat(q1.suppressed()).isTrue();
		assertThat(q1.n()).isNull();
		assertThat(q1.topTwoPercent()).isNull();
		assertThat(q1.options()).hasSize(4).allSatisfy((option) -> {
			assertThat(option.count()).isNull();
			assertThat(option.percent()).isNull();
		});
		assertThat(this.queries.events(KpiFilter.NONE).rows()).singleElement().satisfies((row) -> {
			assertThat(row.responses()).isEqualTo(4);
			assertThat(row.expectationsMetPercent()).isNull();
		});
	}

	@Test
	void shouldCountTheCurrentStateOfEachRegistrationByItsExactDeltas() {
		event("e1", "ini", "WELT_CAFE", "2017-07-04T17:00:00+02:00", "DE-RP", "HELD", true);
		registration("r1", "e1", "PROFESSIONAL", "CONFIRMED", false, 1);
		registration("r1", "e1", "PROFESSIONAL", "CONFIRMED", true, 2);
		registration("r2", "e1", "PUPIL", "CONFIRMED", true, 2);
		registration("r2", "e1", "PUPIL", "CONFIRMED", false, 3);
		registration("r3", "e1", "TRAINEE_STUDENT", "WAITLISTED", false, 1);
		registration("r4", "e1", "PUPIL", "CONFIRMED", false, 1);
		registration("r4", "e1", "PUPIL", "CANCELLED", false, 2);
		registration("r5", "e1", "PUPIL", "CONFIRMED", true, 2);

		Overview.Reach reach = this.queries.overview(KpiFilter.NONE).reach();

		assertThat(reach.registered()).isEqualTo(new GroupCounts(1, 0, 2, 3));
		assertThat(reach.attended()).isEqualTo(new GroupCounts(1, 0, 1, 2));
		assertThat(reach.multipliers()).isEqualTo(1);
	}

	@Test
	void shouldApplyTheFiltersToEventsAndInitiatives() {
		initiative("ini-nw", "Zukunft durch Industrie", 1989, "NETWORK", "DE-NW");
		initiative("ini-rp", "Industriedialog Rhein-Mosel", 2017, "MIXED", "DE-RP");
		// 23:30 in Berlin on 30 June is 21:30 UTC: the day counts in Berlin time.
		event("late", "ini-nw", "ZUKUNFTSWERKSTATT", "2017-06-30T23:30:00+02:00", "DE-NW", "HELD", true);
		event("koblenz", "ini-rp", "WELT_CAFE", "2017-07-04T17:00:00+02:00", "DE-RP", "HELD", false);
		event("cancelled", "ini-rp", "WELT_CAFE", "2017-07-05T17:00:00+02:00", "DE-RP", "CANCELLED", true);
		event("unknown-initiative", "ini-x", "TAGUNG", "2017-11-14T10:00:00+01:00", "DE-BW", "PLANNED", true);
		registration("r1", "late", "PUPIL", "CONFIRMED", true, 2);
		registration("r2", "koblenz", "PROFESSIONAL", "CONFIRMED", true, 2);
		registration("r3", "cancelled", "PROFESSIONAL", "CONFIRMED", true, 2);
		// Counters of an event whose DialogueEvent* has not arrived are not shown.
		registration("r4", "not-yet-known", "PUPIL", "CONFIRMED", true, 2);

		assertThat(this.queries.overview(KpiFilter.NONE).events()).isEqualTo(new Overview.Events(3, 2, 2, 1));
		assertThat(this.queries.overview(KpiFilter.NONE).reach().attended().total()).isEqualTo(2);
		assertThat(eventIds(filter(null, "2017-06-30", null, null, null))).containsExactly("late");
		assertThat(eventIds(filter("2017-07-01", "2017-07-31", null, null, null))).containsExactly("koblenz");
		assertThat(eventIds(filter(null, null, "DE-RP", null, null))).containsExactly("koblenz");
		assertThat(eventIds(filter(null, null, null, "TAGUNG", null))).containsExactly("unknown-initiative");
		assertThat(eventIds(filter(null, null, null, null, "MIXED"))).containsExactly("koblenz");
		Overview mixed = this.queries.overview(filter(null, null, null, null, "MIXED"));
		assertThat(mixed.initiatives().published()).isEqualTo(1);
		assertThat(mixed.initiatives().newSinceCampaignStart()).isEqualTo(1);
		assertThat(mixed.reach().multipliers()).isEqualTo(1);
		Overview all = this.queries.overview(KpiFilter.NONE);
		assertThat(all.initiatives().published()).isEqualTo(2);
		assertThat(all.initiatives().newSinceCampaignStart()).isEqualTo(1);
		assertThat(all.initiatives().campaignStart()).isEqualTo("2017-01-01");
		// Latest first.
		assertThat(eventIds(KpiFilter.NONE)).containsExactly("unknown-initiative", "koblenz", "late");
	}

	@Test
	void shouldGroupReachByMonthAndStateSortedByKeyAndByInitiativeSortedByName() {
		initiative("ini-b", "Bündnis Zukunft", 2016, "NETWORK", "DE-TH");
		initiative("ini-a", "Allianz Industrie", 2012, "MEASURE", "DE-NW");
		event("e1", "ini-b", "BRANCHENFORUM", "2017-09-26T10:00:00+02:00", "DE-TH", "HELD", true);
		event("e2", "ini-a", "ZUKUNFTSWERKSTATT", "2017-06-30T14:00:00+02:00", "DE-NW", "HELD", true);
		event("e3", "ini-a", "ZUKUNFTSWERKSTATT", "2017-06-01T14:00:00+02:00", "DE-NW", "HELD", true);
		registration("r1", "e2", "PUPIL", "CONFIRMED", true, 2);
		registration("r2", "e3", "PROFESSIONAL", "CONFIRMED", false, 1);

		ReachTable byMonth = this.queries.reach(Dimension.MONTH, KpiFilter.NONE);
		assertThat(byMonth.by()).isEqualTo("month");
		assertThat(byMonth.rows()).extracting(ReachTable.Row::key).containsExactly("2017-06", "2017-09");
		assertThat(byMonth.rows()).extracting(ReachTable.Row::label).containsExactly("Juni 2017", "September 2017");
		assertThat(byMonth.rows().get(0).events()).isEqualTo(2);
		assertThat(byMonth.rows().get(0).registered()).isEqualTo(new GroupCounts(1, 0, 1, 2));
		assertThat(byMonth.rows().get(0).attended()).isEqualTo(new GroupCounts(0, 0, 1, 1));
		assertThat(this.queries.reach(Dimension.STATE, KpiFilter.NONE).rows()).extracting(ReachTable.Row::label)
			.containsExactly("Nordrhein-Westfalen", "Thüringen");
		assertThat(this.queries.reach(Dimension.INITIATIVE, KpiFilter.NONE).rows()).extracting(ReachTable.Row::label)
			.containsExactly("Allianz Industrie", "Bündnis Zukunft");
		assertThat(this.queries.reach(Dimension.FORMAT, KpiFilter.NONE).rows()).extracting(ReachTable.Row::label)
			.containsExactly("Branchenforum", "Zukunftswerkstatt");
	}

	@Test
	void shouldCountInitiativesThatRanOrWereRepresentedAtNetworkMeetings() {
		initiative("host", "Gastgeber", 2010, "NETWORK", "DE-BE");
		event("meeting", "host", Labels.NETWORK_MEETING, "2017-04-05T10:00:00+02:00", "DE-BE", "HELD", true);
		event("other", "host", "TAGUNG", "2017-04-06T10:00:00+02:00", "DE-BE", "HELD", true);
		representing("r1", "meeting", "ini-a", true);
		representing("r2", "meeting", "ini-a", true);
		representing("r3", "meeting", "ini-b", false);
		representing("r4", "meeting", "host", true);
		representing("r5", "other", "ini-c", true);
		representing("r6", "meeting", "ini-d", true);
		// An undone check-in no longer counts.
		this.view.record((view) -> view.change(
				new RegistrationFact("r6", "meeting", "PROFESSIONAL", "CONFIRMED", false, "ini-d", 3), Instant.now()),
				() -> {
				});

		assertThat(this.queries.overview(KpiFilter.NONE).initiatives().inNetworkMeetings()).isEqualTo(2);
		assertThat(this.queries.landscape(KpiFilter.NONE).initiatives().inNetworkMeetings()).isEqualTo(2);
	}

	@Test
	void shouldCountTheLandscapeOfTheFilteredInitiativesAndTheirEvents() {
		initiative("ini-nw", "A", 2017, "NETWORK", "DE-NW");
		initiative("ini-rp", "B", 2000, "MIXED", "DE-RP");
		event("e1", "ini-nw", "ZUKUNFTSWERKSTATT", "2017-06-30T14:00:00+02:00", "DE-RP", "HELD", true);
		event("e2", "ini-rp", "NEUES_FORMAT", "2017-07-04T17:00:00+02:00", "DE-RP", "HELD", false);

		LandscapeFigures all = this.queries.landscape(KpiFilter.NONE);
		assertThat(all.initiatives().total()).isEqualTo(2);
		assertThat(all.initiatives().byGoalCategory()).containsExactly(Map.entry("ACCEPTANCE", 2L),
				Map.entry("SKILLED_WORKERS", 0L), Map.entry("INFRASTRUCTURE", 0L), Map.entry("INDUSTRIAL_POLICY", 0L));
		assertThat(all.events().byFormat()).containsEntry("ZUKUNFTSWERKSTATT", 1L)
			.containsEntry("NEUES_FORMAT", 1L)
			.containsEntry("WELT_CAFE", 0L);
		assertThat(all.events().campaignSupported()).isEqualTo(1);
		assertThat(all.events().selfOrganised()).isEqualTo(1);
		// Here the Bundesland is the initiative's: e1 takes place in DE-RP but belongs to
		// NRW.
		LandscapeFigures nrw = this.queries.landscape(filter(null, null, "DE-NW", null, null));
		assertThat(nrw.initiatives().total()).isEqualTo(1);
		assertThat(nrw.initiatives().newSinceCampaignStart()).isEqualTo(1);
		assertThat(nrw.events().byFormat()).containsEntry("ZUKUNFTSWERKSTATT", 1L).doesNotContainKey("NEUES_FORMAT");
	}

	private static KpiFilter filter(String from, String to, String state, String format, String type) {
		return KpiFilter.parse(from, to, state, format, type);
	}

	private List<String> eventIds(KpiFilter filter) {
		return this.queries.events(filter).rows().stream().map(EventTable.Row::eventId).toList();
	}

	private void initiative(String id, String name, int foundingYear, String type, String state) {
		InitiativeFact fact = new InitiativeFact(id, name, foundingYear, "REGIONAL", type, state, null,
				List.of("ACCEPTANCE"), true, 1, List.of());
		this.view.record((view) -> new FactChange.InitiativeChanged(id, fact, Instant.now()), () -> {
		});
	}

	private void event(String id, String initiativeId, String format, String start, String state, String status,
			boolean campaignSupported) {
		EventFact fact = new EventFact(id, initiativeId, "Veranstaltung " + id, format,
				OffsetDateTime.parse(start).toInstant(), "Ort", state, campaignSupported, status, 1);
		this.view.record((view) -> new FactChange.EventChanged(null, fact, Instant.now()), () -> {
		});
	}

	private void registration(String id, String eventId, String group, String status, boolean attended, long version) {
		this.view.record((view) -> view
			.change(new RegistrationFact(id, eventId, group, status, attended, null, version), Instant.now()), () -> {
			});
	}

	private void representing(String id, String eventId, String initiativeId, boolean attended) {
		this.view.record((view) -> view.change(
				new RegistrationFact(id, eventId, "PROFESSIONAL", "CONFIRMED", attended, initiativeId, 2),
				Instant.now()), () -> {
				});
	}

	private void feedback(String eventId, String group, Map<String, String> answers) {
		FeedbackFact fact = new FeedbackFact(UUID.randomUUID().toString(), eventId, group, answers);
		this.view.record((view) -> new FactChange.FeedbackAdded(fact, Instant.now()), () -> {
		});
	}

	private static void add(List<Map<String, String>> answers, String item, String code, int times) {
		for (int i = 0; i < times; i++) {
			Map<String, String> answer = new HashMap<>();
			answer.put(item, code);
			answers.add(answer);
		}
	}

}
