package de.industriedialog.evaluation.kpi;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * The headline figures of the campaign.
 *
 * @param sequence the view's change counter (the id of the live-stream messages)
 */
public record Overview(Instant asOf, long sequence, Initiatives initiatives, Events events, Reach reach,
		Satisfaction satisfaction, Newsletter newsletter) {

	/**
	 * @param published published initiatives (filtered by their Bundesland and type)
	 * @param newSinceCampaignStart of them founded in the campaign's start year or later
	 * @param inNetworkMeetings distinct initiatives that ran or were represented at a
	 * network meeting (Treffen regionaler Industrieinitiativen)
	 */
	public record Initiatives(long published, long newSinceCampaignStart, LocalDate campaignStart,
			long inNetworkMeetings) {

	}

	/**
	 * Dialogue events that were not cancelled.
	 *
	 * @param selfOrganised run by the initiative on its own (Eigeninitiative)
	 */
	public record Events(long total, long held, long campaignSupported, long selfOrganised) {

	}

	/**
	 * @param registered confirmed registrations (not cancelled, not waitlisted)
	 * @param attended checked in (an undone check-in does not count)
	 * @param multipliers attended professionals (the study's multipliers)
	 */
	public record Reach(GroupCounts registered, GroupCounts attended, long multipliers) {

	}

	public record Satisfaction(long responses, List<ItemFigures> items) {

	}

	/**
	 * The Infobrief's reach, from {@code dialog.newsletter.v1}. The period filter selects
	 * issues by the day they were sent and ends of subscriptions by their day, and counts
	 * as active only subscribers confirmed until {@code to}; the Bundesland filter
	 * narrows the subscribers to those interested in it or in all of Germany, not the
	 * issues.
	 *
	 * @param available always {@code true} since this service reads the topic (kept for
	 * clients of the earlier placeholder)
	 * @param activeSubscribers confirmed and not unsubscribed
	 * @param subscribersByAudience active subscribers per audience code (one subscriber
	 * may belong to several)
	 * @param subscribersByState active subscribers per Bundesland code of interest, and
	 * {@code BUNDESWEIT} for those interested in all of Germany
	 * @param unsubscribed subscriptions ended by the subscriber (or a complaint)
	 * @param bounced subscriptions ended because the address bounced for good
	 * @param infobriefeSent issues sent
	 * @param mailsDelivered mails of those issues the mail server accepted
	 * @param mailsFailed recipients of those issues who could not be reached
	 * @param lastInfobrief the latest of those issues, {@code null} if none
	 * @param filtersNotApplied the filters of the request that do not apply to these
	 * figures ({@code format}, {@code initiativeType}): the figures are not narrowed by
	 * them
	 */
	public record Newsletter(boolean available, long activeSubscribers, Map<String, Long> subscribersByAudience,
			Map<String, Long> subscribersByState, long unsubscribed, long bounced, long infobriefeSent,
			long mailsDelivered, long mailsFailed, LastInfobrief lastInfobrief, List<String> filtersNotApplied) {

	}

	/**
	 * @param sentAt when the send started, in Europe/Berlin
	 * @param recipients recipients in the segment when the send started
	 * @param delivered mails the mail server accepted
	 */
	public record LastInfobrief(String subject, OffsetDateTime sentAt, long recipients, long delivered) {

	}

}
