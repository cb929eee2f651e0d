package de.industriedialog.evaluation.kpi;

import java.time.Instant;

/**
 * The dimensions of one dialogue event as the latest {@code DialogueEvent*} snapshot
 * names them ({@code kpi_events}).
 *
 * @param status PLANNED, OPEN, CLOSED, HELD or CANCELLED, kept as text
 */
record EventFact(String eventId, String initiativeId, String title, String format, Instant start, String city,
		String state, boolean campaignSupported, String status, long version) {

	boolean cancelled() {
		return "CANCELLED".equals(this.status);
	}

	boolean held() {
		return "HELD".equals(this.status);
	}

}
