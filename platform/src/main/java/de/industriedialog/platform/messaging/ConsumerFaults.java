package de.industriedialog.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * One error handling for every event consumer of every service, in the listener container
 * instead of the binder: a record whose handler fails is redelivered with an exponential
 * back-off (the consumer keeps polling between attempts, so the group does not rebalance)
 * and the partition does not move on until it succeeds. Only a record that can never be
 * processed ({@link UnprocessableEventException}: unreadable, invalid, contradicting an
 * invariant; unparsable JSON) goes to the binding's dead-letter topic, at once. A store,
 * broker or mail server that is away therefore delays events, visible as consumer lag, as
 * {@code events.retried} and in the {@code consumers} health indicator, and loses none of
 * them.
 * <p>
 * Bindings keep {@code enable-dlq} and {@code dlq-name} in their configuration; the
 * binder's {@code max-attempts} and {@code back-off-*} are not used.
 */
public class ConsumerFaults implements ListenerContainerWithDlqAndRetryCustomizer, HealthIndicator {

	/** The header of a dead-lettered record that names the topic it came from. */
	public static final String ORIGINAL_TOPIC = "x-original-topic";

	private static final Logger log = LoggerFactory.getLogger(ConsumerFaults.class);

	private final KafkaOperations<byte[], byte[]> deadLetters;

	private final ConsumerRetryProperties properties;

	private final MeterRegistry meterRegistry;

	private final Clock clock;

	/** Records failing right now, by group and partition. */
	private final Map<String, Failing> failing = new ConcurrentHashMap<>();

	public ConsumerFaults(KafkaOperations<byte[], byte[]> deadLetters, ConsumerRetryProperties properties,
			MeterRegistry meterRegistry, Clock clock) {
		this.deadLetters = deadLetters;
		this.properties = properties;
		this.meterRegistry = meterRegistry;
		this.clock = clock;
	}

	@Override
	public boolean retryAndDlqInBinding(String destinationName, String group) {
		return false;
	}

	@Override
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
			@Nullable BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver,
			@Nullable BackOff ignored) {
		DefaultErrorHandler handler = new DefaultErrorHandler(recoverer(destinationName, group, dlqDestinationResolver),
				backOff());
		// The binder wraps what the function threw; the classifier looks at the causes.
		handler.addNotRetryableExceptions(UnprocessableEventException.class, JacksonException.class);
		handler.setRetryListeners(new Listener(group));
		handler.setLogLevel(org.springframework.kafka.KafkaException.Level.DEBUG);
		container.setCommonErrorHandler(handler);
		RecordInterceptor interceptor = new RecordInterceptor() {

			@Override
			public ConsumerRecord intercept(ConsumerRecord record, Consumer consumer) {
				return record;
			}

			@Override
			public void success(ConsumerRecord record, Consumer consumer) {
				Failing healed = ConsumerFaults.this.failing.remove(key(group, record));
				if (healed != null) {
					log.info("Consumer {} on {}-{} goes on after {} failed attempts over {}", group, record.topic(),
							record.partition(), healed.attempts(),
							Duration.between(healed.since(), ConsumerFaults.this.clock.instant()));
				}
			}

		};
		((AbstractMessageListenerContainer) container).setRecordInterceptor(interceptor);
	}

	private BackOff backOff() {
		ExponentialBackOff backOff = new ExponentialBackOff(this.properties.initialBackoff().toMillis(), 2.0);
		backOff.setMaxInterval(this.properties.maxBackoff().toMillis());
		if (!this.properties.maxRetryTime().isZero()) {
			backOff.setMaxElapsedTime(this.properties.maxRetryTime().toMillis());
		}
		return backOff;
	}

	private @Nullable DeadLetterPublishingRecoverer recoverer(String destination, String group,
			@Nullable BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> resolver) {
		if (resolver == null) {
			return null;
		}
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(this.deadLetters, (record, ex) -> {
			this.meterRegistry.counter("events.dead.lettered", "topic", destination, "group", group).increment();
			TopicPartition target = resolver.apply(record, ex);
			log.warn("Record {}-{}@{} of consumer {} cannot be processed, parked in {}: {}", record.topic(),
					record.partition(), record.offset(), group, target.topic(), rootMessage(ex));
			this.failing.remove(key(group, record));
			return target;
		});
		recoverer.setHeaderNamesSupplier(ConsumerFaults::binderHeaderNames);
		// The reason, not the binder's wrapper around it ("Listener failed; …").
		recoverer.setExceptionHeadersCreator((headers, ex, isKey, names) -> {
			Throwable reason = reason(ex);
			headers.add("x-exception-fqcn", reason.getClass().getName().getBytes(StandardCharsets.UTF_8));
			headers.add("x-exception-message", String.valueOf(reason.getMessage()).getBytes(StandardCharsets.UTF_8));
		});
		return recoverer;
	}

	/**
	 * The header names the binder's own dead-lettering used ({@code x-original-topic},
	 * {@code x-exception-message}, …), so records parked before and after this handler
	 * read alike for operators and {@code DeadLetters}.
	 */
	static DeadLetterPublishingRecoverer.HeaderNames binderHeaderNames() {
		return DeadLetterPublishingRecoverer.HeaderNames.Builder.original()
			.topicHeader(ORIGINAL_TOPIC)
			.partitionHeader("x-original-partition")
			.offsetHeader("x-original-offset")
			.timestampHeader("x-original-timestamp")
			.timestampTypeHeader("x-original-timestamp-type")
			.consumerGroupHeader("x-original-consumer-group")
			.exception()
			.exceptionFqcn("x-exception-fqcn")
			.exceptionCauseFqcn("x-exception-cause-fqcn")
			.exceptionMessage("x-exception-message")
			.exceptionStacktrace("x-exception-stacktrace")
			.keyExceptionFqcn("x-key-exception-fqcn")
			.keyExceptionMessage("x-key-exception-message")
			.keyExceptionStacktrace("x-key-exception-stacktrace")
			.build();
	}

	@Override
	public Health health() {
		Instant now = this.clock.instant();
		Map<String, Object> stuck = new LinkedHashMap<>();
		this.failing.forEach((key, failure) -> {
			if (Duration.between(failure.since(), now).compareTo(this.properties.unhealthyAfter()) >= 0) {
				stuck.put(key, Map.of("since", failure.since().toString(), "attempts", failure.attempts(), "offset",
						failure.offset(), "error", failure.error()));
			}
		});
		Health.Builder health = stuck.isEmpty() ? Health.up() : Health.down();
		return health.withDetail("failing", this.failing.size()).withDetail("stuck", stuck).build();
	}

	private static String key(String group, ConsumerRecord<?, ?> record) {
		return group + "/" + record.topic() + "-" + record.partition();
	}

	/** The {@link UnprocessableEventException} in the chain, else its root cause. */
	static Throwable reason(Throwable failure) {
		Throwable root = failure;
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof UnprocessableEventException) {
				return cause;
			}
			root = cause;
		}
		return root;
	}

	private static String rootMessage(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ((root.getMessage() != null) ? ": " + root.getMessage() : "");
	}

	private final class Listener implements RetryListener {

		private final String group;

		Listener(String group) {
			this.group = group;
		}

		@Override
		public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
			Instant now = ConsumerFaults.this.clock.instant();
			String error = rootMessage(ex);
			ConsumerFaults.this.failing.merge(key(this.group, record),
					new Failing(now, record.offset(), deliveryAttempt, error),
					(old, next) -> (old.offset() == next.offset())
							? new Failing(old.since(), next.offset(), next.attempts(), next.error()) : next);
			ConsumerFaults.this.meterRegistry.counter("events.retried", "topic", record.topic(), "group", this.group)
				.increment();
			log.warn("Consumer {} failed on {}-{}@{} (attempt {}), retrying: {}", this.group, record.topic(),
					record.partition(), record.offset(), deliveryAttempt, error);
		}

	}

	record Failing(Instant since, long offset, int attempts, String error) {
	}

}
