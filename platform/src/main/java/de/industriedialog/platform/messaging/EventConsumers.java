package de.industriedialog.platform.messaging;

import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.messaging.Message;

/**
 * Builds the functional bindings of the services: read the CloudEvent envelope, hand the
 * event to a handler, and count what goes to the dead-letter topic.
 */
public final class EventConsumers {

	private EventConsumers() {
	}

	/**
	 * A consumer for a binding. An {@link UnprocessableEventException} is counted in
	 * {@code events.unprocessable} and rethrown, so the binder parks the record in the
	 * binding's dead-letter topic with the reason.
	 */
	public static Consumer<Message<byte[]>> of(String binding, Consumer<IncomingEvent> handler,
			MeterRegistry meterRegistry) {
		return (message) -> {
			try {
				handler.accept(IncomingEvent.from(message));
			}
			catch (UnprocessableEventException ex) {
				meterRegistry.counter("events.unprocessable", "binding", binding).increment();
				throw ex;
			}
		};
	}

}
