package de.industriedialog.evaluation.feedback;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the feedback.
 *
 * @param minGroupSize fewer answers than this are not shown as figures (and free texts
 * not at all), so that nobody's answer can be singled out
 * @param eventLinkRateLimit how many submissions one client address may send per event
 * through the shared event link
 * @param eventLinkMaxAnswers how many answers an event takes through its shared link in
 * all; personal invitations are not counted
 * @param unfinishedGrace how long a response whose right was spent may wait for its
 * request to store it before the recovery does (see {@code UnfinishedResponses})
 */
@ConfigurationProperties("industriedialog.feedback")
public record FeedbackProperties(@DefaultValue("5") int minGroupSize, @DefaultValue RateLimit eventLinkRateLimit,
		@DefaultValue("300") int eventLinkMaxAnswers, @DefaultValue("30s") Duration unfinishedGrace) {

	/**
	 * @param maxSubmissions submissions per event and client address within the window;
	 * generous because a school class shares one address
	 * @param window the sliding window
	 */
	public record RateLimit(@DefaultValue("60") int maxSubmissions, @DefaultValue("10m") Duration window) {

	}

}
