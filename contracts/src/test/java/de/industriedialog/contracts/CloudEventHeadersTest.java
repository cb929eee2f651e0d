package de.industriedialog.contracts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CloudEventHeadersTest {

	@Test
	void shouldUseTheKafkaBinaryModeHeaderNames() {
		assertThat(CloudEventHeaders.ID).isEqualTo("ce_id");
		assertThat(CloudEventHeaders.TYPE).isEqualTo("ce_type");
		assertThat(CloudEventHeaders.SOURCE).isEqualTo("ce_source");
		assertThat(CloudEventHeaders.TIME).isEqualTo("ce_time");
		assertThat(CloudEventHeaders.SUBJECT).isEqualTo("ce_subject");
		assertThat(CloudEventHeaders.SPEC_VERSION).isEqualTo("ce_specversion");
		assertThat(CloudEventHeaders.CONTENT_TYPE).isEqualTo("content-type");
		assertThat(CloudEventHeaders.SPEC_VERSION_1_0).isEqualTo("1.0");
	}

	@Test
	void shouldMapEventTypesToCeTypesAndBack() {
		assertThat(CloudEventHeaders.ceType("SteckbriefPublished")).isEqualTo("de.industriedialog.SteckbriefPublished");
		assertThat(CloudEventHeaders.eventType("de.industriedialog.SteckbriefPublished"))
			.isEqualTo("SteckbriefPublished");
		for (String eventType : EventContracts.fromClasspath().eventTypes()) {
			assertThat(CloudEventHeaders.eventType(CloudEventHeaders.ceType(eventType))).isEqualTo(eventType);
		}
	}

	@Test
	void shouldRejectACeTypeWithTheWrongPrefix() {
		assertThatIllegalArgumentException().isThrownBy(() -> CloudEventHeaders.eventType("com.example.Other"));
		assertThatIllegalArgumentException().isThrownBy(() -> CloudEventHeaders.eventType("de.industriedialog."));
		assertThatIllegalArgumentException().isThrownBy(() -> CloudEventHeaders.eventType(null));
		assertThatIllegalArgumentException().isThrownBy(() -> CloudEventHeaders.ceType(" "));
	}

	@Test
	void shouldNameTheDeadLetterTopic() {
		assertThat(Topics.deadLetter(Topics.INITIATIVES_V1, "event-service"))
			.isEqualTo("dialog.initiatives.v1.event-service.dlt");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Topics.deadLetter("dialog.initiatives.v1.event-service.dlt", "event-service"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Topics.deadLetter(Topics.INITIATIVES_V1, "Event Service"));
	}

}
