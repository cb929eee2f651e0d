package de.industriedialog.evaluation.kpi;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The counters of one dialogue event, kept in memory and moved by the exact deltas of the
 * fact writes: registered and attended per participant group, responses and answer counts
 * per item and option, and the initiatives its attended participants represent. Not
 * thread-safe: {@link KpiView} guards it.
 */
final class EventAggregate {

	/** The participant groups in the order of the reports; index {@link #TOTAL} = all. */
	static final List<String> GROUPS = List.of("PROFESSIONAL", "TRAINEE_STUDENT", "PUPIL");

	static final int TOTAL = 3;

	final long[] registered = new long[4];

	final long[] attended = new long[4];

	long responses;

	/** item → answer code → count. */
	final Map<String, Map<String, Long>> answers = new HashMap<>();

	/** represented initiative → attended participants who named it. */
	final Map<String, Long> represented = new HashMap<>();

	/** Adds ({@code sign} 1) or removes ({@code sign} -1) what a registration counts. */
	void registration(RegistrationFact fact, int sign) {
		if (fact.confirmed()) {
			count(this.registered, fact.group(), sign);
			if (fact.attended()) {
				count(this.attended, fact.group(), sign);
				if (fact.representedInitiativeId() != null) {
					this.represented.merge(fact.representedInitiativeId(), (long) sign, Long::sum);
					this.represented.remove(fact.representedInitiativeId(), 0L);
				}
			}
		}
	}

	void feedback(FeedbackFact fact) {
		this.responses++;
		fact.answers()
			.forEach((item, code) -> this.answers.computeIfAbsent(item, (i) -> new HashMap<>())
				.merge(code, 1L, Long::sum));
	}

	private static void count(long[] counts, String group, int sign) {
		int index = GROUPS.indexOf(group);
		if (index >= 0) {
			counts[index] += sign;
		}
		counts[TOTAL] += sign;
	}

}
