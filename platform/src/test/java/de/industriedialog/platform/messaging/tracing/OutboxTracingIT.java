package de.industriedialog.platform.messaging.tracing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import de.industriedialog.localstack.LocalKafka;
import de.industriedialog.localstack.LocalMongoServer;
import de.industriedialog.platform.messaging.EventConsumers;
import de.industriedialog.platform.messaging.IncomingEvent;
import de.industriedialog.platform.messaging.OutboxEvent;
import de.industriedialog.platform.messaging.OutboxEvents;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.messaging.Message;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One trace from a change to the consumers, through the outbox: an entry written under a
 * request's span (a {@code traceparent} chosen here, as a client would send it) is
 * published later by the real {@link de.industriedialog.platform.messaging.OutboxRelay}
 * from its own thread to a real broker, and the consumer of a Spring Cloud Stream binding
 * (observation on, as in the services) runs in the same trace, its ECS log line carrying
 * the trace id. That consumer writes a follow-up entry (as projections publishing further
 * events do), and the consumer of that one is still in the same trace.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "spring.application.name=tracing-test", "spring.cloud.function.definition=first;second",
				"spring.cloud.stream.bindings.first-in-0.destination=" + OutboxTracingIT.FIRST,
				"spring.cloud.stream.bindings.first-in-0.group=tracing-test",
				"spring.cloud.stream.bindings.second-in-0.destination=" + OutboxTracingIT.SECOND,
				"spring.cloud.stream.bindings.second-in-0.group=tracing-test",
				"spring.cloud.stream.kafka.default.consumer.start-offset=earliest",
				"spring.cloud.stream.kafka.default.producer.sync=true",
				// What the services set: the binder's consumers continue the trace of the
				// record's traceparent header.
				"spring.cloud.stream.kafka.binder.enable-observation=true",
				"management.tracing.sampling.probability=1.0", "logging.structured.format.console=ecs",
				"industriedialog.outbox.enabled=true",
				"industriedialog.outbox.collections=" + OutboxTracingIT.COLLECTION,
				"industriedialog.outbox.poll-interval=50ms" })
class OutboxTracingIT {

	static final String FIRST = "dialog.tracing-first.v1";

	static final String SECOND = "dialog.tracing-second.v1";

	static final String COLLECTION = "traced_aggregates";

	static final LocalMongoServer store = LocalMongoServer.inMemory();

	static final LocalKafka kafka = startKafka();

	@Autowired
	Tracer tracer;

	@Autowired
	Propagator propagator;

	@Autowired
	OutboxEvents outboxEvents;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	Seen seen;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry properties) {
		properties.add("spring.mongodb.uri", () -> store.connectionString() + "/tracing_it");
		properties.add("spring.kafka.bootstrap-servers", kafka::bootstrapServers);
		properties.add("spring.cloud.stream.kafka.binder.brokers", kafka::bootstrapServers);
	}

	@AfterAll
	static void stop() {
		kafka.close();
		store.close();
	}

	@Test
	void shouldContinueTheTraceOfTheWriterInTheConsumersAndTheirLogLines(CapturedOutput output) {
		String traceId = HexFormat.of().formatHex(randomBytes(16));
		String traceparent = "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01";
		// Two entries: the relay sends each topic's first record through the binding
		// (to provision the topic) and the rest with its own producer; both must carry
		// the trace.
		OutboxEvent one;
		OutboxEvent two;
		Span request = this.propagator.extract(Map.of("traceparent", traceparent), Map::get)
			.name("http post /api/registrations")
			.kind(Span.Kind.SERVER)
			.start();
		try (Tracer.SpanInScope scope = this.tracer.withSpan(request)) {
			one = withdrawn("ini-one");
			two = withdrawn("ini-two");
			this.mongo.insert(new Aggregate("one", List.of(one)));
			this.mongo.insert(new Aggregate("two", List.of(two)));
		}
		finally {
			request.end();
		}
		assertThat(one.traceparent()).startsWith("00-" + traceId + "-");

		await().atMost(Duration.ofSeconds(60)).until(() -> this.seen.second.size() == 2 && this.seen.first.size() == 2);
		assertThat(this.seen.first).containsEntry(one.id(), traceId).containsEntry(two.id(), traceId);
		assertThat(this.seen.firstLogged).containsEntry(one.id(), traceId).containsEntry(two.id(), traceId);
		assertThat(this.seen.second.values()).containsOnly(traceId);
		// The consumer's ECS JSON line carries the ids Micrometer Tracing puts in the
		// MDC.
		assertThat(output.getOut().lines().filter((line) -> line.contains("\"message\":\"projected " + one.id())))
			.singleElement()
			.asString()
			.contains("\"traceId\":\"" + traceId + "\"")
			.containsPattern("\"spanId\":\"[0-9a-f]{16}\"");
	}

	private OutboxEvent withdrawn(String initiativeId) {
		return this.outboxEvents.create(FIRST, "SteckbriefWithdrawn", initiativeId,
				Map.of("initiativeId", initiativeId, "version", 2, "occurredAt", "2026-12-03T10:00:00Z"),
				Instant.now());
	}

	private static byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		ThreadLocalRandom.current().nextBytes(bytes);
		bytes[0] |= 1;
		return bytes;
	}

	private static LocalKafka startKafka() {
		try {
			return LocalKafka.start(Files.createTempDirectory("outbox-tracing-kafka"), freePort(), freePort());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/** The trace ids the consumers ran in, by event id. */
	static class Seen {

		final Map<String, String> first = new ConcurrentHashMap<>();

		final Map<String, String> firstLogged = new ConcurrentHashMap<>();

		final Map<String, String> second = new ConcurrentHashMap<>();

	}

	@Document(COLLECTION)
	record Aggregate(@Id String id, List<OutboxEvent> outbox) {
	}

	@SpringBootApplication
	static class App {

		private static final Logger log = LoggerFactory.getLogger(App.class);

		@Bean
		Seen seen() {
			return new Seen();
		}

		/** A projection that publishes a further event, as the services' do. */
		@Bean
		Consumer<Message<byte[]>> first(Seen seen, Tracer tracer, OutboxEvents outboxEvents, MongoTemplate mongo,
				MeterRegistry meterRegistry) {
			return EventConsumers.of("first", (IncomingEvent event) -> {
				log.info("projected {}", event.id());
				seen.first.put(event.id(), traceId(tracer));
				seen.firstLogged.put(event.id(), String.valueOf(MDC.get("traceId")));
				OutboxEvent next = outboxEvents.create(SECOND, "SteckbriefWithdrawn", event.subject(),
						Map.of("initiativeId", event.subject(), "version", 3, "occurredAt", "2026-12-03T10:00:01Z"),
						Instant.now());
				mongo.insert(new Aggregate(UUID.randomUUID().toString(), List.of(next)));
			}, meterRegistry);
		}

		@Bean
		Consumer<Message<byte[]>> second(Seen seen, Tracer tracer, MeterRegistry meterRegistry) {
			return EventConsumers.of("second", (IncomingEvent event) -> seen.second.put(event.id(), traceId(tracer)),
					meterRegistry);
		}

		private static String traceId(Tracer tracer) {
			Span current = tracer.currentSpan();
			return (current != null) ? current.context().traceId() : "none";
		}

	}

}
