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
 */
public record EventResults(String eventId, String eventTitle, long responses, int minGroupSize, List<FigureSet> items,
		FigureSet participantGroups, List<GroupBreakdown> byParticipantGroup, List<FigureSet> customQuestions,
		FreeTexts freeTexts) {

}
