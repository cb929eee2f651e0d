package de.industriedialog.newsletter.subscriber;

import de.industriedialog.contracts.Bundesland;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import de.industriedialog.platform.security.CurrentUser;
import de.industriedialog.platform.web.GermanProblemDetails.FieldProblem;
import de.industriedialog.platform.web.InvalidInputException;
import de.industriedialog.platform.web.NotFoundException;

import org.springframework.stereotype.Service;

/**
 * The subscriber list for staff. Filtered and counted in memory: the local store scans
 * for every non-id query anyway, and the list is some ten thousand small documents at
 * most.
 */
@Service
public class SubscriberQueries {

	/** The key under which subscribers without a Land (bundesweit) are counted. */
	public static final String NATIONWIDE = "BUNDESWEIT";

	static final int MAX_PAGE_SIZE = 200;

	private final SubscriberStore store;

	SubscriberQueries(SubscriberStore store) {
		this.store = store;
	}

	/**
	 * @param filter what to list; {@code state} matches like a segment: subscribers of
	 * the Land and those interested in all of Germany
	 */
	public Page list(CurrentUser user, Filter filter) {
		user.requireStaff();
		List<FieldProblem> problems = filter.problems();
		if (!problems.isEmpty()) {
			throw new InvalidInputException("Bitte prüfen Sie die Filter.", problems);
		}
		List<Subscriber> matching = this.store.all().stream().filter(filter::matches).toList();
		Map<String, Long> byStatus = new LinkedHashMap<>();
		for (SubscriberStatus status : SubscriberStatus.values()) {
			byStatus.put(status.name(), 0L);
		}
		Map<String, Long> byAudience = new LinkedHashMap<>();
		for (Audience audience : Audience.values()) {
			byAudience.put(audience.name(), 0L);
		}
		Map<String, Long> byState = new LinkedHashMap<>();
		for (Bundesland state : Bundesland.values()) {
			byState.put(state.code(), 0L);
		}
		byState.put(NATIONWIDE, 0L);
		for (Subscriber subscriber : matching) {
			byStatus.merge(subscriber.status().name(), 1L, Long::sum);
			subscriber.audiences().forEach((audience) -> byAudience.merge(audience, 1L, Long::sum));
			if (subscriber.states().isEmpty()) {
				byState.merge(NATIONWIDE, 1L, Long::sum);
			}
			subscriber.states().forEach((state) -> byState.merge(state, 1L, Long::sum));
		}
		int from = (int) Math.min((long) filter.page() * filter.size(), matching.size());
		int to = Math.min(from + filter.size(), matching.size());
		return new Page(new ArrayList<>(matching.subList(from, to)), matching.size(),
				new Counts(byStatus, byAudience, byState));
	}

	public Subscriber detail(CurrentUser user, String id) {
		user.requireStaff();
		return this.store.find(id)
			.orElseThrow(() -> new NotFoundException("Diese Abonnentin / diesen Abonnenten gibt es nicht."));
	}

	/**
	 * @param status {@code PENDING}, {@code CONFIRMED}, {@code UNSUBSCRIBED} or
	 * {@code null}
	 * @param audience an audience code or {@code null}
	 * @param state an ISO code or {@code null}
	 * @param q part of the address or name, ignoring case, or {@code null}
	 * @param page from 0
	 * @param size 1 to {@value #MAX_PAGE_SIZE}
	 */
	public record Filter(String status, String audience, String state, String q, int page, int size) {

		public Filter {
			status = blankToNull(status);
			audience = blankToNull(audience);
			state = blankToNull(state);
			q = (blankToNull(q) != null) ? q.strip().toLowerCase(Locale.ROOT) : null;
		}

		List<FieldProblem> problems() {
			List<FieldProblem> problems = new ArrayList<>();
			if (this.status != null
					&& Set.of(SubscriberStatus.values()).stream().noneMatch((s) -> s.name().equals(this.status))) {
				problems.add(new FieldProblem("status", "Erlaubt sind PENDING, CONFIRMED und UNSUBSCRIBED."));
			}
			if (this.audience != null && !Preferences.isAudience(this.audience)) {
				problems.add(new FieldProblem("audience", "Die Gruppe „" + this.audience + "“ gibt es nicht."));
			}
			if (this.state != null && Bundesland.ofCode(this.state).isEmpty()) {
				problems.add(new FieldProblem("state", "Das Bundesland „" + this.state + "“ kennen wir nicht."));
			}
			if (this.page < 0) {
				problems.add(new FieldProblem("page", "Die Seite zählt ab 0."));
			}
			if (this.size < 1 || this.size > MAX_PAGE_SIZE) {
				problems.add(new FieldProblem("size", "Pro Seite gehen 1 bis " + MAX_PAGE_SIZE + " Einträge."));
			}
			return problems;
		}

		boolean matches(Subscriber subscriber) {
			return (this.status == null || this.status.equals(subscriber.status().name()))
					&& (this.audience == null || subscriber.audiences().contains(this.audience))
					&& (this.state == null || subscriber.states().isEmpty() || subscriber.states().contains(this.state))
					&& (this.q == null || subscriber.emailKey().contains(this.q) || (subscriber.name() != null
							&& subscriber.name().toLowerCase(Locale.ROOT).contains(this.q)));
		}

		private static String blankToNull(String value) {
			return (value == null || value.isBlank()) ? null : value.strip();
		}

	}

	public record Page(List<Subscriber> items, long total, Counts counts) {
	}

	public record Counts(Map<String, Long> byStatus, Map<String, Long> byAudience, Map<String, Long> byState) {
	}

}
