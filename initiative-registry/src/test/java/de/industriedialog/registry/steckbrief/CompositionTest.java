package de.industriedialog.registry.steckbrief;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CompositionTest {

	@Test
	void shouldBeUnknownWhenNoActorGroupIsKnown() {
		assertThat(Composition.of(Set.of())).isNull();
	}

	@Test
	void shouldCountTheBusinessSideOnceWhateverItsMembers() {
		assertThat(Composition.of(List.of(ActorGroup.COMPANIES, ActorGroup.CHAMBERS, ActorGroup.EMPLOYER_ASSOCIATIONS,
				ActorGroup.EDUCATION)))
			.isEqualTo(Composition.MONO);
	}

	@Test
	void shouldBeDuoWithTwoOfTheThreePartners() {
		assertThat(Composition.of(List.of(ActorGroup.CHAMBERS, ActorGroup.UNIONS))).isEqualTo(Composition.DUO);
		assertThat(Composition.of(List.of(ActorGroup.POLITICS_ADMINISTRATION, ActorGroup.COMPANIES)))
			.isEqualTo(Composition.DUO);
	}

	@Test
	void shouldBeABuendnisOnlyWhenPoliticsBusinessAndUnionsTakePart() {
		Composition composition = Composition
			.of(List.of(ActorGroup.POLITICS_ADMINISTRATION, ActorGroup.EMPLOYER_ASSOCIATIONS, ActorGroup.UNIONS));
		assertThat(composition).isEqualTo(Composition.TRIPARTITE);
		assertThat(composition.isBuendnis()).isTrue();
		assertThat(Composition.DUO.isBuendnis()).isFalse();
	}

}
