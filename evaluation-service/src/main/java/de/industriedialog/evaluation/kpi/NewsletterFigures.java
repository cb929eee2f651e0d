package de.industriedialog.evaluation.kpi;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Infobrief figures in memory: subscribers counted per profile (active, audiences,
 * states, day of confirmation, reason and day of the end), which is all the filters ask
 * about, so many subscribers share a counter; and the sent issues, which are few. Moved
 * by the exact delta of every fact write (old profile −1, new profile +1), rolled up with
 * the filters at read time, like the per-event counters of the {@link KpiView}. Only
 * touched while holding the view's monitor.
 */
final class NewsletterFigures {

	private static final ZoneId BERLIN = KpiQueries.BERLIN;

	private final Map<Profile, Long> subscribers = new HashMap<>();

	private final Map<String, InfobriefFact> infobriefe = new HashMap<>();

	void subscriber(SubscriberFact fact, int delta) {
		if (fact == null) {
			return;
		}
		Profile profile = Profile.of(fact);
		long count = this.subscribers.getOrDefault(profile, 0L) + delta;
		if (count == 0) {
			this.subscribers.remove(profile);
		}
		else {
			this.subscribers.put(profile, count);
		}
	}

	InfobriefFact infobrief(String issueId) {
		return this.infobriefe.get(issueId);
	}

	void infobrief(InfobriefFact fact) {
		this.infobriefe.put(fact.issueId(), fact);
	}

	/**
	 * The newsletter part of the overview. {@code from}/{@code to} select the issues by
	 * the day they were sent and the ends of subscriptions by their day; active
	 * subscribers are those confirmed until {@code to} (a subscriber whose confirmation
	 * is not known counts). {@code state} narrows the subscribers to those interested in
	 * that Bundesland, including those interested in all of Germany; it does not narrow
	 * the issues, whose deliveries are not known per Bundesland. {@code format} and
	 * {@code initiativeType} do not apply and are named in
	 * {@link Overview.Newsletter#filtersNotApplied()}.
	 */
	Overview.Newsletter overview(KpiFilter filter) {
		Map<String, Long> byAudience = new LinkedHashMap<>();
		Labels.AUDIENCES.keySet().forEach((code) -> byAudience.put(code, 0L));
		Map<String, Long> byState = new LinkedHashMap<>();
		Labels.STATES.keySet().forEach((code) -> byState.put(code, 0L));
		byState.put(Labels.NATIONWIDE, 0L);
		long active = 0;
		long unsubscribed = 0;
		long bounced = 0;
		for (Map.Entry<Profile, Long> entry : this.subscribers.entrySet()) {
			Profile profile = entry.getKey();
			long count = entry.getValue();
			if (!profile.interestedIn(filter.state())) {
				continue;
			}
			if (profile.active()) {
				if (filter.to() != null && profile.confirmedOn() != null
						&& profile.confirmedOn().isAfter(filter.to())) {
					continue;
				}
				active += count;
				profile.audiences().forEach((code) -> byAudience.merge(code, count, Long::sum));
				if (profile.states().isEmpty()) {
					byState.merge(Labels.NATIONWIDE, count, Long::sum);
				}
				else {
					profile.states().forEach((code) -> byState.merge(code, count, Long::sum));
				}
			}
			else if (profile.reason() != null && inPeriod(profile.endedOn(), filter)) {
				if ("BOUNCED".equals(profile.reason())) {
					bounced += count;
				}
				else {
					unsubscribed += count;
				}
			}
		}
		long sent = 0;
		long delivered = 0;
		long failed = 0;
		InfobriefFact last = null;
		Comparator<InfobriefFact> latest = Comparator
			.comparing(InfobriefFact::sentAt, Comparator.nullsFirst(Comparator.naturalOrder()))
			.thenComparing(InfobriefFact::issueId);
		for (InfobriefFact issue : this.infobriefe.values()) {
			if (!inPeriod(day(issue.sentAt()), filter)) {
				continue;
			}
			sent++;
			delivered += issue.delivered();
			failed += issue.failed();
			if (last == null || latest.compare(issue, last) > 0) {
				last = issue;
			}
		}
		List<String> notApplied = new ArrayList<>();
		if (filter.format() != null) {
			notApplied.add("format");
		}
		if (filter.initiativeType() != null) {
			notApplied.add("initiativeType");
		}
		return new Overview.Newsletter(true, active, byAudience, byState, unsubscribed, bounced, sent, delivered,
				failed,
				(last != null) ? new Overview.LastInfobrief(last.subject(),
						(last.sentAt() != null) ? last.sentAt().atZone(BERLIN).toOffsetDateTime() : null,
						last.recipients(), last.delivered()) : null,
				notApplied);
	}

	/** Without a period everything counts; with one, only what has a day inside it. */
	private static boolean inPeriod(LocalDate day, KpiFilter filter) {
		if (filter.from() == null && filter.to() == null) {
			return true;
		}
		if (day == null) {
			return false;
		}
		return !(filter.from() != null && day.isBefore(filter.from()))
				&& !(filter.to() != null && day.isAfter(filter.to()));
	}

	private static LocalDate day(Instant instant) {
		return (instant != null) ? instant.atZone(BERLIN).toLocalDate() : null;
	}

	/** What the filters may ask about a subscriber; equal profiles share a counter. */
	private record Profile(boolean active, List<String> audiences, List<String> states, LocalDate confirmedOn,
			String reason, LocalDate endedOn) {

		static Profile of(SubscriberFact fact) {
			return new Profile(fact.active(), fact.audiences().stream().sorted().distinct().toList(),
					fact.states().stream().sorted().distinct().toList(), day(fact.confirmedAt()), fact.reason(),
					day(fact.unsubscribedAt()));
		}

		boolean interestedIn(String state) {
			return state == null || this.states.isEmpty() || this.states.contains(state);
		}

	}

}
