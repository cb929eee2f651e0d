package de.industriedialog.evaluation.kpi;

import java.text.Collator;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import de.industriedialog.evaluation.feedback.FeedbackProperties;
import de.industriedialog.evaluation.landscape.InitiativeFact;
import de.industriedialog.evaluation.landscape.InitiativeFacts;
import de.industriedialog.evaluation.landscape.InitiativeLandscape;
import de.industriedialog.evaluation.questionnaire.Questionnaire;
import de.industriedialog.evaluation.questionnaire.QuestionnaireItem;
import de.industriedialog.evaluation.questionnaire.StandardQuestionnaire;
import de.industriedialog.evaluation.results.FigureSet;
import de.industriedialog.evaluation.results.ResultsCalculator;

import org.springframework.stereotype.Service;

/**
 * The KPI views, rolled up at read time from the per-event counters of the
 * {@link KpiView} with the dimensions of the events and initiatives, filters applied.
 * Events are few compared with registrations and responses, so this is cheap; and it
 * keeps every table consistent with the overview. Cancelled events are left out
 * everywhere, as are counters of events whose {@code DialogueEvent*} has not arrived yet.
 */
@Service
public class KpiQueries {

	public static final List<Dimension> REACH_DIMENSIONS = List.of(Dimension.STATE, Dimension.EVENT, Dimension.FORMAT,
			Dimension.INITIATIVE, Dimension.MONTH);

	public static final List<Dimension> SATISFACTION_DIMENSIONS = List.of(Dimension.OVERALL, Dimension.EVENT,
			Dimension.FORMAT, Dimension.INITIATIVE, Dimension.STATE, Dimension.MONTH);

	static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	static final List<String> GOAL_CATEGORIES = List.of("ACCEPTANCE", "SKILLED_WORKERS", "INFRASTRUCTURE",
			"INDUSTRIAL_POLICY");

	private static final Questionnaire QUESTIONNAIRE = StandardQuestionnaire.DEFINITION;

	private final KpiView view;

	private final ResultsCalculator calculator;

	private final LocalDate campaignStart;

	private final Clock clock;

	KpiQueries(KpiView view, FeedbackProperties feedback, KpiProperties properties, Clock clock) {
		this.view = view;
		this.calculator = new ResultsCalculator(feedback.minGroupSize());
		this.campaignStart = properties.campaignStart();
		this.clock = clock;
	}

	public Overview overview(KpiFilter filter) {
		return this.view.read((state) -> {
			Totals totals = new Totals();
			selected(state, filter, false).forEach((event) -> totals.add(event, state.aggregates.get(event.eventId())));
			List<InitiativeFact> initiatives = initiatives(state, filter);
			return new Overview(this.clock.instant(), state.sequence,
					new Overview.Initiatives(initiatives.size(), newSinceCampaignStart(initiatives), this.campaignStart,
							totals.networkInitiatives.size()),
					new Overview.Events(totals.events, totals.held, totals.campaignSupported,
							totals.events - totals.campaignSupported),
					new Overview.Reach(GroupCounts.of(totals.registered), GroupCounts.of(totals.attended),
							totals.attended[0]),
					new Overview.Satisfaction(totals.responses, items(totals.answers)),
					state.newsletter.overview(filter));
		});
	}

	public ReachTable reach(Dimension by, KpiFilter filter) {
		return this.view.read((state) -> new ReachTable(by.code(),
				grouped(state, by, filter).stream()
					.map((g) -> new ReachTable.Row(g.key, g.label, g.totals.events, GroupCounts.of(g.totals.registered),
							GroupCounts.of(g.totals.attended)))
					.toList()));
	}

	public SatisfactionTable satisfaction(Dimension by, KpiFilter filter) {
		return this.view.read((state) -> new SatisfactionTable(by.code(),
				grouped(state, by, filter).stream()
					.map((g) -> new SatisfactionTable.Row(g.key, g.label, g.totals.responses, items(g.totals.answers)))
					.toList()));
	}

	/** {@code state} and {@code initiativeType} filter the initiatives here. */
	public LandscapeFigures landscape(KpiFilter filter) {
		return this.view.read((state) -> {
			List<InitiativeFact> initiatives = initiatives(state, filter);
			InitiativeLandscape tabelle1 = InitiativeFacts.landscapeOf(initiatives);
			Map<String, Long> byGoal = new LinkedHashMap<>();
			GOAL_CATEGORIES.forEach((goal) -> byGoal.put(goal, 0L));
			initiatives.forEach((fact) -> {
				if (fact.goalCategories() != null) {
					fact.goalCategories().forEach((goal) -> byGoal.merge(goal, 1L, Long::sum));
				}
			});
			Totals totals = new Totals();
			Map<String, Long> byFormat = new LinkedHashMap<>();
			Labels.FORMATS.keySet().forEach((format) -> byFormat.put(format, 0L));
			for (EventFact event : selected(state, filter, true)) {
				totals.add(event, state.aggregates.get(event.eventId()));
				byFormat.merge((event.format() != null) ? event.format() : Labels.UNKNOWN, 1L, Long::sum);
			}
			return new LandscapeFigures(
					new LandscapeFigures.Initiatives(tabelle1.total(), tabelle1.byLevel(), tabelle1.byType(),
							tabelle1.byLevelAndType(), tabelle1.byState(), tabelle1.byComposition(), byGoal,
							newSinceCampaignStart(initiatives), this.campaignStart, totals.networkInitiatives.size()),
					new LandscapeFigures.Events(byFormat, totals.campaignSupported,
							totals.events - totals.campaignSupported));
		});
	}

	public EventTable events(KpiFilter filter) {
		return this.view.read((state) -> new EventTable(selected(state, filter, false).stream()
			.sorted(Comparator.comparing(EventFact::start, Comparator.nullsLast(Comparator.reverseOrder()))
				.thenComparing(EventFact::eventId))
			.map((event) -> {
				Totals totals = new Totals();
				totals.add(event, state.aggregates.get(event.eventId()));
				List<ItemFigures> items = items(totals.answers);
				InitiativeFact initiative = state.initiatives.get(event.initiativeId());
				return new EventTable.Row(event.eventId(), event.title(), event.format(), Labels.format(event.format()),
						(event.start() != null) ? event.start().atZone(BERLIN).toOffsetDateTime() : null, event.city(),
						event.state(), Labels.state(event.state()), event.initiativeId(),
						(initiative != null) ? initiative.name() : null,
						(initiative != null) ? initiative.type() : null, event.campaignSupported(), event.status(),
						GroupCounts.of(totals.registered), GroupCounts.of(totals.attended), totals.responses,
						items.get(0).topTwoPercent(), items.get(1).topTwoPercent());
			})
			.toList()));
	}

	/** The standard items over the summed answer counts, in questionnaire order. */
	List<ItemFigures> items(Map<String, Map<String, Long>> answers) {
		List<ItemFigures> items = new ArrayList<>();
		for (QuestionnaireItem item : QUESTIONNAIRE.items()) {
			FigureSet figures = this.calculator.figures(item, answers.getOrDefault(item.id(), Map.of()));
			if (figures.suppressed()) {
				items.add(new ItemFigures(item.id(), item.text(), null, true,
						item.options()
							.stream()
							.map((option) -> new ItemFigures.Option(option.code(), option.label(), null, null))
							.toList(),
						null));
			}
			else {
				items.add(new ItemFigures(item.id(), item.text(), figures.n(), false,
						figures.options()
							.stream()
							.map((option) -> new ItemFigures.Option(option.code(), option.label(), option.count(),
									option.percent()))
							.toList(),
						figures.topTwoPercent()));
			}
		}
		return items;
	}

	private List<Group> grouped(KpiView.State state, Dimension by, KpiFilter filter) {
		Map<String, Group> groups = new HashMap<>();
		for (EventFact event : selected(state, filter, false)) {
			String[] keyAndLabel = keyAndLabel(state, by, event);
			groups.computeIfAbsent(keyAndLabel[0], (key) -> new Group(key, keyAndLabel[1])).totals.add(event,
					state.aggregates.get(event.eventId()));
		}
		List<Group> rows = new ArrayList<>(groups.values());
		if (by == Dimension.STATE || by == Dimension.MONTH) {
			rows.sort(Comparator.comparing((Group g) -> g.key));
		}
		else {
			Collator collator = Collator.getInstance(Locale.GERMAN);
			rows.sort(Comparator.comparing((Group g) -> g.label, collator).thenComparing((g) -> g.key));
		}
		return rows;
	}

	private static String[] keyAndLabel(KpiView.State state, Dimension by, EventFact event) {
		return switch (by) {
			case OVERALL -> new String[] { "overall", "Alle Veranstaltungen" };
			case EVENT -> new String[] { event.eventId(), (event.title() != null) ? event.title() : event.eventId() };
			case FORMAT -> new String[] { orUnknown(event.format()), Labels.format(event.format()) };
			case INITIATIVE -> {
				InitiativeFact initiative = state.initiatives.get(event.initiativeId());
				String key = orUnknown(event.initiativeId());
				yield new String[] { key, (initiative != null && initiative.name() != null) ? initiative.name() : key };
			}
			case STATE -> new String[] { orUnknown(event.state()), Labels.state(event.state()) };
			case MONTH -> {
				if (event.start() == null) {
					yield new String[] { Labels.UNKNOWN, Labels.UNKNOWN_LABEL };
				}
				YearMonth month = YearMonth.from(event.start().atZone(BERLIN));
				yield new String[] { month.toString(), Labels.month(month) };
			}
		};
	}

	private static String orUnknown(String code) {
		return (code != null) ? code : Labels.UNKNOWN;
	}

	/**
	 * The events the filter selects, not cancelled.
	 * @param byInitiativeState whether {@code state} means the initiative's Bundesland
	 */
	private static List<EventFact> selected(KpiView.State state, KpiFilter filter, boolean byInitiativeState) {
		return state.events.values()
			.stream()
			.filter((event) -> !event.cancelled())
			.filter(eventFilter(state, filter, byInitiativeState))
			.toList();
	}

	private static Predicate<EventFact> eventFilter(KpiView.State state, KpiFilter filter, boolean byInitiativeState) {
		return (event) -> {
			if (filter.from() != null || filter.to() != null) {
				if (event.start() == null) {
					return false;
				}
				LocalDate day = event.start().atZone(BERLIN).toLocalDate();
				if ((filter.from() != null && day.isBefore(filter.from()))
						|| (filter.to() != null && day.isAfter(filter.to()))) {
					return false;
				}
			}
			if (filter.format() != null && !filter.format().equals(event.format())) {
				return false;
			}
			InitiativeFact initiative = state.initiatives.get(event.initiativeId());
			if (filter.state() != null) {
				String eventState = byInitiativeState ? ((initiative != null) ? initiative.state() : null)
						: event.state();
				if (!filter.state().equals(eventState)) {
					return false;
				}
			}
			return filter.initiativeType() == null
					|| (initiative != null && filter.initiativeType().equals(initiative.type()));
		};
	}

	/** Published initiatives, filtered by their Bundesland and type. */
	private static List<InitiativeFact> initiatives(KpiView.State state, KpiFilter filter) {
		return state.initiatives.values()
			.stream()
			.filter(InitiativeFact::published)
			.filter((fact) -> filter.state() == null || filter.state().equals(fact.state()))
			.filter((fact) -> filter.initiativeType() == null || filter.initiativeType().equals(fact.type()))
			.toList();
	}

	private long newSinceCampaignStart(List<InitiativeFact> initiatives) {
		int year = this.campaignStart.getYear();
		return initiatives.stream().filter((f) -> f.foundingYear() != null && f.foundingYear() >= year).count();
	}

	/** Counters summed over events. */
	static final class Totals {

		long events;

		long held;

		long campaignSupported;

		final long[] registered = new long[4];

		final long[] attended = new long[4];

		long responses;

		final Map<String, Map<String, Long>> answers = new HashMap<>();

		final Set<String> networkInitiatives = new HashSet<>();

		void add(EventFact event, EventAggregate aggregate) {
			this.events++;
			this.held += event.held() ? 1 : 0;
			this.campaignSupported += event.campaignSupported() ? 1 : 0;
			boolean networkMeeting = Labels.NETWORK_MEETING.equals(event.format());
			if (networkMeeting && event.initiativeId() != null) {
				this.networkInitiatives.add(event.initiativeId());
			}
			if (aggregate == null) {
				return;
			}
			for (int i = 0; i < this.registered.length; i++) {
				this.registered[i] += aggregate.registered[i];
				this.attended[i] += aggregate.attended[i];
			}
			this.responses += aggregate.responses;
			aggregate.answers.forEach((item, counts) -> {
				Map<String, Long> sum = this.answers.computeIfAbsent(item, (i) -> new HashMap<>());
				counts.forEach((code, count) -> sum.merge(code, count, Long::sum));
			});
			if (networkMeeting) {
				aggregate.represented.forEach((initiative, count) -> {
					if (count > 0) {
						this.networkInitiatives.add(initiative);
					}
				});
			}
		}

	}

	private static final class Group {

		final String key;

		final String label;

		final Totals totals = new Totals();

		Group(String key, String label) {
			this.key = key;
			this.label = label;
		}

	}

}
