package de.industriedialog.platform.messaging;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the event consumers wait out a failure ({@code industriedialog.consumers.*}).
 *
 * @param initialBackoff the wait before the first redelivery of a failed record
 * @param maxBackoff the longest wait between two redeliveries (the wait doubles until
 * then); well below {@code max.poll.interval.ms}, since the consumer thread waits
 * @param maxRetryTime how long a record that keeps failing is retried before it goes to
 * the dead-letter topic after all; zero (the default) means until it succeeds: a store,
 * broker or mail server that is away must never dead-letter a valid event
 * @param unhealthyAfter how long a record may keep failing before the {@code consumers}
 * health indicator reports the binding as stuck
 */
@ConfigurationProperties("industriedialog.consumers")
public record ConsumerRetryProperties(@DefaultValue("200ms") Duration initialBackoff,
		@DefaultValue("30s") Duration maxBackoff, @DefaultValue("0s") Duration maxRetryTime,
		@DefaultValue("30s") Duration unhealthyAfter) {
}
