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
 * @param batchSize the number of aggregates read per collection and poll
 * @param hintedCollections collections whose writers call {@link OutboxRelay#hint}: the
 * relay publishes their new entries by id right away and scans them only every
 * {@code safetyScanInterval}, for hints lost in a crash. For collections that grow large
 * (one document per registration), where a scan every poll would cost more than the
 * writes themselves.
 * @param safetyScanInterval how often the hinted collections are scanned all the same
 */
@ConfigurationProperties("industriedialog.outbox")
public record OutboxProperties(List<String> collections, @DefaultValue("200ms") Duration pollInterval,
		@DefaultValue("200") int batchSize, List<String> hintedCollections,
		@DefaultValue("30s") Duration safetyScanInterval) {

	public OutboxProperties {
		collections = (collections != null) ? List.copyOf(collections) : List.of();
		hintedCollections = (hintedCollections != null) ? List.copyOf(hintedCollections) : List.of();
	}

}
