package de.industriedialog.evaluation.results;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The free-text answers as plain strings, sorted alphabetically so that their order says
 * nothing about who wrote them or when. Withheld while the event has fewer responses than
 * the minimum group size.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FreeTexts(boolean suppressed, String label, List<String> good, List<String> improve,
		List<CustomFreeTexts> customQuestions) {

	/** The answers to one free-text question of the organiser. */
	public record CustomFreeTexts(String questionId, String text, List<String> answers) {

	}

}
