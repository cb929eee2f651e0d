package de.industriedialog.newsletter.content;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the Infobrief suggests ({@code industriedialog.newsletter.suggestions.*}).
 *
 * @param newSteckbriefWindow how long after its first publication a Steckbrief counts as
 * new
 * @param upcomingWindow how far ahead upcoming events are suggested
 * @param heldWindow how far back held events are suggested
 * @param minAnswers fewer answers to „Erwartungen getroffen" than this are not shown as a
 * percentage, so that nobody's answer can be singled out; the same threshold as the KPI
 * dashboard ({@code industriedialog.feedback.min-group-size} of evaluation-service), so
 * the Infobrief never shows a figure the dashboard hides
 */
@ConfigurationProperties("industriedialog.newsletter.suggestions")
public record SuggestionProperties(@DefaultValue("60d") Duration newSteckbriefWindow,
		@DefaultValue("90d") Duration upcomingWindow, @DefaultValue("90d") Duration heldWindow,
		@DefaultValue("5") int minAnswers) {

	public SuggestionProperties {
		minAnswers = Math.max(1, minAnswers);
	}

}
