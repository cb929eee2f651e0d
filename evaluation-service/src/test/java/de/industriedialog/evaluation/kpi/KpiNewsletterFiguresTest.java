package de.industriedialog.evaluation.kpi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import de.industriedialog.evaluation.feedback.FeedbackProperties;
import de.industriedialog.evaluation.kpi.SubscriberUpdate.Kind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Infobrief figures, fed with the fact changes the projection makes (before → after),
 * rolled up with the filters.
 */
class KpiNewsletterFiguresTest {

	private final KpiView view = new KpiView(null, null);

	private final KpiQueries queries = new KpiQueries(
			this.view, new FeedbackProperties(5, null, 300, null), new KpiProperties(LocalDate.of(2017, 1, 1),
					Duration.ofMinutes(30), Duration.ofSeconds(15), Duration.ofMillis(100)),
			Clock.fixed(Instant.parse("2026-11-26T20:00:00Z"), ZoneOffset.UTC));

	private final Map<String, SubscriberFact> subscribers = new HashMap<>();

	@Test
	void shouldCountActiveSubscribersByAudienceAndStateAndTheEndedOnesByReason() {
		confirmed("s1", List.of("COMPANY", "ASSOCIATION"), List.of("DE-NW"), "2017-11-20T10:00:00+01:00", 2);
		confirmed("s2", List.of("PUBLIC"), List.of(), "2017-12-10T10:00:00+01:00", 2);
		update(new SubscriberUpdate(Kind.PREFERENCES_CHANGED, "s2", List.of("PUBLIC", "UNION"), List.of("DE-BY"), null,
				null, null, 3));
		confirmed("s3", List.of("INITIATIVE_REPRESENTATIVE"), List.of("DE-BY"), "2017-11-01T10:00:00+01:00", 2);
		unsubscribed("s3", "UNSUBSCRIBED", "2018-01-10T18:30:00+01:00", 3);
		confirmed("s4", List.of("COMPANY"), List.of(), "2017-11-02T10:00:00+01:00", 2);
		unsubscribed("s4", "BOUNCED", "2018-02-01T08:00:00+01:00", 3);
		confirmed("s5", List.of("ALLIANCE_PARTNER"), List.of("DE-NW", "DE-BY"), "2018-03-01T10:00:00+01:00", 2);

		Overview.Newsletter all = this.queries.overview(KpiFilter.NONE).newsletter();
		assertThat(all.available()).isTrue();
		assertThat(all.activeSubscribers()).isEqualTo(3);
		assertThat(all.subscribersByAudience()).containsExactly(Map.entry("INITIATIVE_REPRESENTATIVE", 0L),
				Map.entry("ALLIANCE_PARTNER", 1L), Map.entry("COMPANY", 1L), Map.entry("ASSOCIATION", 1L),
				Map.entry("UNION", 1L), Map.entry("PUBLIC", 1L));
		assertThat(all.subscribersByState()).containsEntry("DE-NW", 2L)
			.containsEntry("DE-BY", 2L)
			.containsEntry("BUNDESWEIT", 0L)
			.hasSize(17);
		assertThat(all.unsubscribed()).isEqualTo(1);
		assertThat(all.bounced()).isEqualTo(1);
		assertThat(all.filtersNotApplied()).isEmpty();

		Overview.Newsletter bavaria = this.queries.overview(KpiFilter.parse(null, null, "DE-BY", null, null))
			.newsletter();
		assertThat(bavaria.activeSubscribers()).isEqualTo(2);
		assertThat(bavaria.unsubscribed()).isEqualTo(1);
		// s4 was interested in all of Germany, Bavaria included.
		assertThat(bavaria.bounced()).isEqualTo(1);
		assertThat(bavaria.subscribersByState()).containsEntry("DE-NW", 1L).containsEntry("DE-BY", 2L);

		Overview.Newsletter until2017 = this.queries.overview(KpiFilter.parse(null, "2017-12-31", null, null, null))
			.newsletter();
		assertThat(until2017.activeSubscribers()).isEqualTo(2);
		assertThat(until2017.unsubscribed()).isZero();
		assertThat(until2017.bounced()).isZero();

		// Confirming anew ends the unsubscription; the old profile is taken out exactly.
		confirmed("s3", List.of("INITIATIVE_REPRESENTATIVE"), List.of(), "2018-04-01T10:00:00+02:00", 5);
		Overview.Newsletter again = this.queries.overview(KpiFilter.NONE).newsletter();
		assertThat(again.activeSubscribers()).isEqualTo(4);
		assertThat(again.unsubscribed()).isZero();
		assertThat(again.subscribersByState()).containsEntry("BUNDESWEIT", 1L);
	}

	@Test
	void shouldSumTheInfobriefeOfThePeriodAndNameTheLatestAndTheFiltersThatDoNotApply() {
		infobrief("i1", "Infobrief Dezember 2017", "2017-12-05T09:00:00+01:00", 3, 3, 0, 3);
		infobrief("i2", "Infobrief Februar 2018", "2018-02-05T09:00:00+01:00", 4, 3, 1, 3);
		// A later version of the same issue replaces it.
		InfobriefFact corrected = new InfobriefFact("i1", "Infobrief Dezember 2017",
				OffsetDateTime.parse("2017-12-05T09:00:00+01:00").toInstant(), 3, 2, 1, List.of(), List.of(), 4);
		this.view.record((view) -> new FactChange.InfobriefChanged(null, corrected, Instant.now()), () -> {
		});

		Overview.Newsletter all = this.queries.overview(KpiFilter.NONE).newsletter();
		assertThat(all.infobriefeSent()).isEqualTo(2);
		assertThat(all.mailsDelivered()).isEqualTo(5);
		assertThat(all.mailsFailed()).isEqualTo(2);
		assertThat(all.lastInfobrief().subject()).isEqualTo("Infobrief Februar 2018");
		assertThat(all.lastInfobrief().sentAt()).isEqualTo(OffsetDateTime.parse("2018-02-05T09:00:00+01:00"));

		Overview.Newsletter december = this.queries
			.overview(KpiFilter.parse("2017-12-01", "2017-12-31", null, "TAGUNG", "MIXED"))
			.newsletter();
		assertThat(december.infobriefeSent()).isEqualTo(1);
		assertThat(december.mailsDelivered()).isEqualTo(2);
		assertThat(december.lastInfobrief().subject()).isEqualTo("Infobrief Dezember 2017");
		assertThat(december.filtersNotApplied()).containsExactly("format", "initiativeType");
		assertThat(this.queries.overview(KpiFilter.parse("2019-01-01", null, null, null, null))
			.newsletter()
			.lastInfobrief()).isNull();
	}

	private void confirmed(String id, List<String> audiences, List<String> states, String at, long version) {
		update(new SubscriberUpdate(Kind.CONFIRMED, id, audiences, states, OffsetDateTime.parse(at).toInstant(), null,
				null, version));
	}

	private void unsubscribed(String id, String reason, String at, long version) {
		update(new SubscriberUpdate(Kind.UNSUBSCRIBED, id, null, null, null, OffsetDateTime.parse(at).toInstant(),
				reason, version));
	}

	/** What KpiFacts reports: the fact before and after. */
	private void update(SubscriberUpdate update) {
		SubscriberFact before = this.subscribers.get(update.subscriberId());
		SubscriberFact after = update.applyTo(before);
		this.subscribers.put(update.subscriberId(), after);
		this.view.record((view) -> new FactChange.SubscriberChanged(before, after, Instant.now()), () -> {
		});
	}

	private void infobrief(String id, String subject, String sentAt, long recipients, long delivered, long failed,
			long version) {
		InfobriefFact fact = new InfobriefFact(id, subject, OffsetDateTime.parse(sentAt).toInstant(), recipients,
				delivered, failed, List.of(), List.of("DE-BY"), version);
		this.view.record((view) -> new FactChange.InfobriefChanged(null, fact, Instant.now()), () -> {
		});
	}

}
