package de.industriedialog.evaluation.kpi;

import java.time.Instant;
import java.time.LocalDate;
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

	/** Newsletter reach: not available in this service yet. */
	public record Newsletter(boolean available, Long subscribers, Map<String, Long> subscribersByAudience,
			Long infobriefeSent, Long deliveries) {

		static final Newsletter UNAVAILABLE = new Newsletter(false, null, Map.of(), null, null);

	}

}
