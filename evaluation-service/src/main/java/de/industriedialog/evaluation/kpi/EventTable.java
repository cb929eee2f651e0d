package de.industriedialog.evaluation.kpi;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/** The dialogue events behind the figures, latest first. */
public record EventTable(List<Row> rows) {

	/**
	 * @param start in Europe/Berlin
	 * @param expectationsMetPercent top-two share of Q1, {@code null} when suppressed
	 * @param formatSuitablePercent top-two share of Q2, {@code null} when suppressed
	 */
	public record Row(String eventId, String title, String format, String formatLabel, OffsetDateTime start,
			String city, String state, String stateLabel, String initiativeId, String initiativeName,
			String initiativeType, boolean campaignSupported, String status, GroupCounts registered,
			GroupCounts attended, long responses, BigDecimal expectationsMetPercent, BigDecimal formatSuitablePercent) {

	}

}
