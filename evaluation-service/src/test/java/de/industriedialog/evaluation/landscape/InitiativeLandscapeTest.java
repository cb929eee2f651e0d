package de.industriedialog.evaluation.landscape;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InitiativeLandscapeTest {

	@Test
	void shouldListEveryCategoryWithZeroWhenNothingIsCounted() {
		InitiativeLandscape landscape = InitiativeLandscape.of(List.of());

		assertThat(landscape.total()).isZero();
		assertThat(landscape.byLevel()).containsOnlyKeys("LOCAL", "REGIONAL", "STATE")
			.allSatisfy((k, v) -> assertThat(v).isZero());
		assertThat(landscape.byState()).hasSize(17).containsEntry("DE-MV", 0L).containsEntry("UNKNOWN", 0L);
		assertThat(landscape.byLevelAndType().get("STATE")).containsOnlyKeys("NETWORK", "MEASURE", "MIXED");
	}

	@Test
	void shouldCountBlankStateAndMissingCompositionAsUnknown() {
		InitiativeLandscape landscape = InitiativeLandscape.of(List.of(fact("a", "LOCAL", "MIXED", null, null),
				fact("b", "STATE", "NETWORK", "DE-NW", "TRIPARTITE"), fact("c", "STATE", "NETWORK", "", "DUO")));

		assertThat(landscape.total()).isEqualTo(3);
		assertThat(landscape.byState()).containsEntry("UNKNOWN", 2L).containsEntry("DE-NW", 1L);
		assertThat(landscape.byComposition()).containsEntry("UNKNOWN", 1L)
			.containsEntry("TRIPARTITE", 1L)
			.containsEntry("DUO", 1L)
			.containsEntry("MONO", 0L);
		assertThat(landscape.byLevelAndType().get("STATE")).containsEntry("NETWORK", 2L).containsEntry("MIXED", 0L);
		assertThat(landscape.byType()).containsEntry("NETWORK", 2L).containsEntry("MIXED", 1L);
	}

	private static InitiativeFact fact(String id, String level, String type, String state, String composition) {
		return new InitiativeFact(id, "Initiative " + id, null, level, type, state, composition, List.of(), true, 1,
				List.of());
	}

}
