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
 */
@ConfigurationProperties("industriedialog.outbox")
public record OutboxProperties(List<String> collections, @DefaultValue("200ms") Duration pollInterval,
		@DefaultValue("200") int batchSize) {

	public OutboxProperties {
		collections = (collections != null) ? List.copyOf(collections) : List.of();
	}

}
