package de.industriedialog.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IncomingEventTest {

	@Test
	void shouldReadTheEnvelopeFromRawKafkaHeaders() {
		IncomingEvent event = IncomingEvent.from(message("ce_").build());

		assertThat(event.id()).isEqualTo("4f1c0d2e-0000-4000-8000-000000000001");
		assertThat(event.eventType()).isEqualTo("SteckbriefPublished");
		assertThat(event.source()).isEqualTo("/initiative-registry");
		assertThat(event.subject()).isEqualTo("initiative-1");
		assertThat(event.time()).isEqualTo(Instant.parse("2026-11-26T10:00:00Z"));
	}

	@Test
	void shouldReadTheEnvelopeUnderTheCanonicalPrefixToo() {
		assertThat(IncomingEvent.from(message("ce-").build()).id()).isEqualTo("4f1c0d2e-0000-4000-8000-000000000001");
	}

	@Test
	void shouldRejectARecordWithoutIdAsUnprocessable() {
		Message<byte[]> noId = MessageBuilder.withPayload("{}".getBytes(StandardCharsets.UTF_8))
			.setHeader("ce_type", "de.industriedialog.SteckbriefPublished")
			.build();

		assertThatThrownBy(() -> IncomingEvent.from(noId)).isInstanceOf(UnprocessableEventException.class)
			.hasMessageContaining("ce_id is missing");
	}

	@Test
	void shouldRejectAForeignTypeAndABrokenTimeAsUnprocessable() {
		assertThatThrownBy(() -> IncomingEvent.from(message("ce_").setHeader("ce_type", "com.example.Other").build()))
			.isInstanceOf(UnprocessableEventException.class)
			.hasMessageContaining("unknown ce_type");
		assertThatThrownBy(() -> IncomingEvent.from(message("ce_").setHeader("ce_time", "yesterday").build()))
			.isInstanceOf(UnprocessableEventException.class)
			.hasMessageContaining("ce_time");
	}

	@Test
	void shouldReportUnreadableDataAsUnprocessable() {
		IncomingEvent event = IncomingEvent.from(message("ce_").build());
		IncomingEvent broken = new IncomingEvent(event.id(), event.eventType(), event.source(), event.subject(),
				event.time(), "{not json");

		assertThatThrownBy(() -> broken.data(JsonMapper.builder().build(), Facts.class))
			.isInstanceOf(UnprocessableEventException.class)
			.hasMessageContaining("unreadable");
		assertThat(event.data(JsonMapper.builder().build(), Facts.class).initiativeId()).isEqualTo("initiative-1");
	}

	private static MessageBuilder<byte[]> message(String prefix) {
		return MessageBuilder
			.withPayload("{\"initiativeId\":\"initiative-1\",\"extra\":1}".getBytes(StandardCharsets.UTF_8))
			.setHeader(prefix + "id", "4f1c0d2e-0000-4000-8000-000000000001".getBytes(StandardCharsets.UTF_8))
			.setHeader(prefix + "type", "de.industriedialog.SteckbriefPublished")
			.setHeader(prefix + "source", "/initiative-registry")
			.setHeader(prefix + "subject", "initiative-1")
			.setHeader(prefix + "time", "2026-11-26T10:00:00Z");
	}

	record Facts(String initiativeId) {
	}

}
