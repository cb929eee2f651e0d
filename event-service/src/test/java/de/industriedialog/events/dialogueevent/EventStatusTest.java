package de.industriedialog.events.dialogueevent;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class EventStatusTest {

	@Test
	void shouldAllowExactlyTheStepsOfTheLifecycle() {
		assertThat(allowedFrom(EventStatus.PLANNED)).containsExactlyInAnyOrder(EventStatus.OPEN, EventStatus.CANCELLED);
		assertThat(allowedFrom(EventStatus.OPEN)).containsExactlyInAnyOrder(EventStatus.CLOSED, EventStatus.CANCELLED);
		assertThat(allowedFrom(EventStatus.CLOSED)).containsExactlyInAnyOrder(EventStatus.HELD, EventStatus.CANCELLED);
		assertThat(allowedFrom(EventStatus.HELD)).isEmpty();
		assertThat(allowedFrom(EventStatus.CANCELLED)).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(EventStatus.class)
	void shouldNeverLeadBackToPlanned(EventStatus from) {
		assertThat(from.canMoveTo(EventStatus.PLANNED)).isFalse();
	}

	@Test
	void shouldTreatHeldAndCancelledAsFinal() {
		assertThat(EnumSet.allOf(EventStatus.class).stream().filter(EventStatus::isFinal))
			.containsExactlyInAnyOrder(EventStatus.HELD, EventStatus.CANCELLED);
	}

	private static Set<EventStatus> allowedFrom(EventStatus from) {
		Set<EventStatus> allowed = EnumSet.noneOf(EventStatus.class);
		for (EventStatus target : EventStatus.values()) {
			if (from.canMoveTo(target)) {
				allowed.add(target);
			}
		}
		return allowed;
	}

}
