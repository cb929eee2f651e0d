package de.industriedialog.platform.messaging;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import de.industriedialog.contracts.CloudEventHeaders;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * Carries the trace of a change through the outbox. The entry is written in the request
 * (or the consumer) that made the change, but published later by the relay's own thread,
 * whose current span has nothing to do with it: so the W3C {@code traceparent} of the
 * writer is stored in the entry, and the relay continues that trace with a producer span
 * of its own and sends the span's {@code traceparent} as a record header. A consumer with
 * observation enabled picks it up and continues the same trace.
 */
public class OutboxTracing {

	/** The W3C trace context header, as promised by the AsyncAPI document. */
	public static final String TRACEPARENT = "traceparent";

	/**
	 * Without a tracer: nothing is recorded, and what an entry already carries (written
	 * by a traced replica) goes out unchanged.
	 */
	public static final OutboxTracing NONE = new OutboxTracing(null, null);

	private final Tracer tracer;

	private final Propagator propagator;

	public OutboxTracing(Tracer tracer, Propagator propagator) {
		this.tracer = tracer;
		this.propagator = propagator;
	}

	/** The {@code traceparent} of the current span, {@code null} outside a trace. */
	String currentTraceparent() {
		if (this.tracer == null || this.propagator == null) {
			return null;
		}
		TraceContext context = this.tracer.currentTraceContext().context();
		if (context == null) {
			return null;
		}
		Map<String, String> carrier = new HashMap<>();
		this.propagator.inject(context, carrier, Map::put);
		return carrier.get(TRACEPARENT);
	}

	/**
	 * Sends one entry within a producer span that continues {@code traceparent} (a new
	 * trace when it is {@code null}), with the span's context in {@code headers}. The
	 * span ends with the broker's acknowledgement.
	 */
	CompletableFuture<Void> publish(String traceparent, String topic, Map<String, String> headers,
			Function<Map<String, String>, CompletableFuture<Void>> send) {
		if (this.tracer == null || this.propagator == null) {
			if (traceparent != null) {
				headers.put(TRACEPARENT, traceparent);
			}
			return send.apply(headers);
		}
		Map<String, String> stored = (traceparent != null) ? Map.of(TRACEPARENT, traceparent) : Map.of();
		Span span = this.propagator.extract(stored, (carrier, key) -> carrier.get(key))
			.name(topic + " publish")
			.kind(Span.Kind.PRODUCER)
			.tag("messaging.system", "kafka")
			.tag("messaging.destination.name", topic)
			.tag("messaging.message.id", String.valueOf(headers.get(CloudEventHeaders.ID)))
			.start();
		// In scope while sending, so that an instrumented sender (the binding's template
		// with observation on) makes its span a child of this one instead of a new trace.
		try (Tracer.SpanInScope scope = this.tracer.withSpan(span)) {
			this.propagator.inject(span.context(), headers, Map::put);
			CompletableFuture<Void> acknowledgement = send.apply(headers);
			acknowledgement.whenComplete((ignored, ex) -> {
				if (ex != null) {
					span.error(ex);
				}
				span.end();
			});
			return acknowledgement;
		}
		catch (RuntimeException ex) {
			span.error(ex);
			span.end();
			throw ex;
		}
	}

}
