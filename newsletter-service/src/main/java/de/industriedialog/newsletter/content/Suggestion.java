package de.industriedialog.newsletter.content;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A section the staff can take over into an Infobrief as it is.
 *
 * @param kind what it is about
 * @param sourceId the initiative id or the event id
 * @param heading German heading, ready to paste
 * @param text German text, ready to paste
 * @param link the public page of the initiative or event on the gateway
 * @param date first publication of the Steckbrief, or the day of the event
 * (Europe/Berlin)
 * @param figures for held events only
 */
public record Suggestion(SuggestionKind kind, String sourceId, String heading, String text, String link, LocalDate date,
		@JsonInclude(JsonInclude.Include.NON_NULL) Figures figures) {

	/**
	 * The figures of a held event, the same as on the KPI dashboard.
	 *
	 * @param attended participants checked in
	 * @param responses evaluation forms submitted
	 * @param expectationsMetPercent share who found their expectations met („voll und
	 * ganz" or „überwiegend"), one decimal; {@code null} when too few answered
	 */
	public record Figures(long attended, long responses, BigDecimal expectationsMetPercent) {

	}

}
