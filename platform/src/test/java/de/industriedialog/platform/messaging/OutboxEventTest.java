package de.industriedialog.platform.messaging;

import java.time.Instant;
import java.util.Date;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxEventTest {

	private static final Instant AT = Instant.parse("2026-12-03T10:15:30Z");

	@Test
	void documentCarriesEveryFieldTheRelayReadsIncludingTheTrace() {
		String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
		Document entry = new OutboxEvent("e-1", "dialog.registrations.v1", "RegistrationConfirmed", "r-1", "r-1",
				"{\"registrationId\":\"r-1\"}", AT, traceparent)
			.toDocument();

		assertThat(entry).containsEntry("id", "e-1")
			.containsEntry("topic", "dialog.registrations.v1")
			.containsEntry("eventType", "RegistrationConfirmed")
			.containsEntry("key", "r-1")
			.containsEntry("subject", "r-1")
			.containsEntry("payload", "{\"registrationId\":\"r-1\"}")
			.containsEntry("occurredAt", Date.from(AT))
			.containsEntry(OutboxTracing.TRACEPARENT, traceparent);
	}

	@Test
	void entryOutsideATraceHasNoTraceparent() {
		Document entry = new OutboxEvent("e-2", "t", "T", "k", "s", "{}", AT).toDocument();

		assertThat(entry).doesNotContainKey(OutboxTracing.TRACEPARENT);
	}

}
