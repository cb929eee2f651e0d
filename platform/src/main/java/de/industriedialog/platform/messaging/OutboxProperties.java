package de.industriedialog.platform.messaging;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the {@link OutboxRelay} looks for pending events and how often.
 *
 * @param collections the collections whose documents carry an {@code outbox} array
 * @param pollInterval the pause between two polls
 * @param batchSize the number of aggregates read and sent together; while a batch comes
 * back full the relay reads the next one right away
 * @param hintedCollections collections whose writers call {@link OutboxRelay#hint}: the
 * relay publishes their new entries by id right away and scans them only every
 * {@code safetyScanInterval}, for hints lost in a crash. For collections that grow large
 * (one document per registration), where a scan every poll would cost more than the
 * writes themselves.
 * @param safetyScanInterval how often the hinted collections are scanned all the same
 * @param backlogInterval how often the relay counts the pending entries for the
 * {@code outbox.backlog} gauge; the count reads every document with entries, so it is
 * cached rather than taken per scrape
 */
@ConfigurationProperties("industriedialog.outbox")
public record OutboxProperties(List<String> collections, @DefaultValue("200ms") Duration pollInterval,
		@DefaultValue("200") int batchSize, List<String> hintedCollections,
		@DefaultValue("30s") Duration safetyScanInterval, @DefaultValue("15s") Duration backlogInterval) {

	public OutboxProperties {
		collections = (collections != null) ? List.copyOf(collections) : List.of();
		hintedCollections = (hintedCollections != null) ? List.copyOf(hintedCollections) : List.of();
		backlogInterval = (backlogInterval != null) ? backlogInterval : Duration.ofSeconds(15);
	}

}
