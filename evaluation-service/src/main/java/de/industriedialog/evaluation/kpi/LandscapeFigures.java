package de.industriedialog.evaluation.kpi;

import java.time.LocalDate;
import java.util.Map;

/** The landscape of initiatives and their events. */
public record LandscapeFigures(Initiatives initiatives, Events events) {

	/**
	 * The fields of Tabelle 1 (landscape/InitiativeLandscape) and more.
	 */
	public record Initiatives(long total, Map<String, Long> byLevel, Map<String, Long> byType,
			Map<String, Map<String, Long>> byLevelAndType, Map<String, Long> byState, Map<String, Long> byComposition,
			Map<String, Long> byGoalCategory, long newSinceCampaignStart, LocalDate campaignStart,
			long inNetworkMeetings) {

	}

	/**
	 * Dialogue events (not cancelled) of the initiatives.
	 *
	 * @param byFormat every known format, then unknown codes
	 */
	public record Events(Map<String, Long> byFormat, long campaignSupported, long selfOrganised) {

	}

}
