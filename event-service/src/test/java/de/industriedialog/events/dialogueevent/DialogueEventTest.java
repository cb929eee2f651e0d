package de.industriedialog.events.dialogueevent;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DialogueEventTest {

	private static final Instant NOW = Instant.parse("2027-03-01T09:00:00Z");

	@Test
	void shouldStartPlannedAndWalkTheLifecycle() {
		DialogueEvent event = new DialogueEvent("e1", "ini", EventDetailsTest.valid(NOW), NOW, "staff");
		assertThat(event.status()).isEqualTo(EventStatus.PLANNED);
		assertThat(event.nextEventVersion()).isEqualTo(1);

		event.moveTo(EventStatus.OPEN, NOW);
		event.moveTo(EventStatus.CLOSED, NOW);
		event.moveTo(EventStatus.HELD, NOW);

		assertThat(event.status()).isEqualTo(EventStatus.HELD);
	}

	@Test
	void shouldRefuseAnIllegalStepInGerman() {
		DialogueEvent event = new DialogueEvent("e1", "ini", EventDetailsTest.valid(NOW), NOW, "staff");

		assertThatThrownBy(() -> event.moveTo(EventStatus.HELD, NOW)).isInstanceOf(EventConflictException.class)
			.hasMessageContaining("ist geplant")
			.hasMessageContaining("durchgeführt");
		assertThat(event.status()).isEqualTo(EventStatus.PLANNED);
	}

	@Test
	void shouldRefuseChangesOnceCancelled() {
		DialogueEvent event = new DialogueEvent("e1", "ini", EventDetailsTest.valid(NOW), NOW, "staff");
		event.moveTo(EventStatus.CANCELLED, NOW);
		EventDetails other = EventDetailsTest.valid(NOW);

		assertThatThrownBy(() -> event.change(other, NOW.plus(1, ChronoUnit.HOURS)))
			.isInstanceOf(EventConflictException.class)
			.hasMessageContaining("abgesagt");
		assertThatThrownBy(() -> event.moveTo(EventStatus.OPEN, NOW)).isInstanceOf(EventConflictException.class);
	}

	@Test
	void shouldKeepTheDetailsItWasGiven() {
		EventDetails details = EventDetailsTest.valid(NOW);
		DialogueEvent event = new DialogueEvent("e1", "ini", details, NOW, "staff");

		assertThat(event.details()).isEqualTo(details);
		assertThat(event.targetGroups()).isEqualTo(List.of(TargetGroup.PROFESSIONAL, TargetGroup.PUPIL));
	}

}
