package de.industriedialog.evaluation.results;

import java.util.List;

/**
 * The evaluation of one event for its organiser.
 *
 * @param responses how many responses were stored
 * @param minGroupSize figures over fewer answers are suppressed
 * @param items the standard items Q1–Q5
 * @param participantGroups who answered, by participant group
 * @param byParticipantGroup the standard items per participant group
 * @param customQuestions the organiser's closed questions (Likert, single choice)
 * @param channels how the responses reached the form
 */
public record EventResults(String eventId, String eventTitle, long responses, int minGroupSize, List<FigureSet> items,
		FigureSet participantGroups, List<GroupBreakdown> byParticipantGroup, List<FigureSet> customQuestions,
		FreeTexts freeTexts, Channels channels) {

	/**
	 * How many responses came through personal invitations and how many through the
	 * event's shared link, which anyone with the link or its QR code can use: many more
	 * of those than people present is a reason to read the figures with care. Counts
	 * only, no answers, so shown also below the minimum group size.
	 *
	 * @param personalLink through the single-use link mailed to checked-in participants
	 * @param eventLink through the event's shared link
	 */
	public record Channels(long personalLink, long eventLink) {

	}

}
