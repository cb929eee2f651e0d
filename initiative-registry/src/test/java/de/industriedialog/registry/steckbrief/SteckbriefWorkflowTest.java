package de.industriedialog.registry.steckbrief;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SteckbriefWorkflowTest {

	private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");

	@ParameterizedTest(name = "{0} → {1}: {2}")
	@CsvSource({ "DRAFT, IN_REVIEW, true", "DRAFT, PUBLISHED, false", "DRAFT, WITHDRAWN, false", "DRAFT, DRAFT, false",
			"IN_REVIEW, PUBLISHED, true", "IN_REVIEW, DRAFT, true", "IN_REVIEW, WITHDRAWN, false",
			"IN_REVIEW, IN_REVIEW, false", "PUBLISHED, WITHDRAWN, true", "PUBLISHED, DRAFT, false",
			"PUBLISHED, IN_REVIEW, false", "PUBLISHED, PUBLISHED, false", "WITHDRAWN, DRAFT, true",
			"WITHDRAWN, PUBLISHED, false", "WITHDRAWN, IN_REVIEW, false", "WITHDRAWN, WITHDRAWN, false" })
	void shouldAllowExactlyTheMovesOfTheReviewWorkflow(SteckbriefStatus from, SteckbriefStatus to, boolean allowed) {
		assertThat(from.mayMoveTo(to)).isEqualTo(allowed);
	}

	@Test
	void shouldKeepWithdrawnProfilesFromBeingEditedUntilReworked() {
		assertThat(SteckbriefStatus.WITHDRAWN.isEditable()).isFalse();
		assertThat(List.of(SteckbriefStatus.DRAFT, SteckbriefStatus.IN_REVIEW, SteckbriefStatus.PUBLISHED))
			.allMatch(SteckbriefStatus::isEditable);
	}

	@Test
	void shouldRecordWhoMovedTheSteckbriefWhereAndWhen() {
		Steckbrief steckbrief = Steckbrief.draft("ini-1", data(Set.of(ActorGroup.UNIONS)), "test", NOW);

		steckbrief.moveTo(SteckbriefStatus.IN_REVIEW, "contact@ini-1", NOW.plusSeconds(60));
		steckbrief.moveTo(SteckbriefStatus.PUBLISHED, "staff", NOW.plusSeconds(120));
		steckbrief.moveTo(SteckbriefStatus.WITHDRAWN, "staff", NOW.plusSeconds(180));
		steckbrief.moveTo(SteckbriefStatus.DRAFT, "staff", NOW.plusSeconds(240));

		assertThat(steckbrief.status()).isEqualTo(SteckbriefStatus.DRAFT);
		assertThat(steckbrief.transitions()).containsExactly(
				new Transition(SteckbriefStatus.DRAFT, SteckbriefStatus.IN_REVIEW, "contact@ini-1",
						NOW.plusSeconds(60)),
				new Transition(SteckbriefStatus.IN_REVIEW, SteckbriefStatus.PUBLISHED, "staff", NOW.plusSeconds(120)),
				new Transition(SteckbriefStatus.PUBLISHED, SteckbriefStatus.WITHDRAWN, "staff", NOW.plusSeconds(180)),
				new Transition(SteckbriefStatus.WITHDRAWN, SteckbriefStatus.DRAFT, "staff", NOW.plusSeconds(240)));
		assertThat(steckbrief.publishedAt()).isEqualTo(NOW.plusSeconds(120));
	}

	@Test
	void shouldRefuseAnIllegalMoveInGermanAndChangeNothing() {
		Steckbrief steckbrief = Steckbrief.draft("ini-1", data(Set.of()), "test", NOW);

		assertThatThrownBy(() -> steckbrief.moveTo(SteckbriefStatus.PUBLISHED, "staff", NOW))
			.isInstanceOf(IllegalTransitionException.class)
			.hasMessage("Ein Steckbrief im Status „Entwurf“ kann nicht in den Status „veröffentlicht“ wechseln. "
					+ "Möglich ist von hier: „in Prüfung“.");
		assertThat(steckbrief.status()).isEqualTo(SteckbriefStatus.DRAFT);
		assertThat(steckbrief.transitions()).isEmpty();
	}

	@Test
	void shouldDeriveCompositionFromActorGroupsAndCountFoundersAsTakingPart() {
		SteckbriefData data = new SteckbriefData("Bündnis", null, new Contact("A", "a@example.org", null), "DE-TH",
				"Erfurt", null, Level.STATE, InitiativeType.NETWORK, 2016, null, null,
				Set.of(ActorGroup.UNIONS, ActorGroup.CHAMBERS), Set.of(ActorGroup.POLITICS_ADMINISTRATION), Set.of(),
				List.of(), null, List.of());

		Steckbrief steckbrief = Steckbrief.draft("ini-2", data, "test", NOW);

		assertThat(steckbrief.actorGroups()).containsExactlyInAnyOrder(ActorGroup.UNIONS, ActorGroup.CHAMBERS,
				ActorGroup.POLITICS_ADMINISTRATION);
		assertThat(steckbrief.founderGroups()).containsExactly(ActorGroup.POLITICS_ADMINISTRATION);
		assertThat(steckbrief.composition()).isEqualTo(Composition.TRIPARTITE);
		assertThat(steckbrief.isBuendnis()).isTrue();
	}

	@Test
	void shouldSeeAContactOnlyChangeAsNoPublicChange() {
		Steckbrief steckbrief = Steckbrief.draft("ini-3", data(Set.of()), "test", NOW);
		SteckbriefEvents.SteckbriefSnapshot before = SteckbriefEvents.publicContent(steckbrief);
		SteckbriefData other = data(Set.of());

		steckbrief.apply(
				new SteckbriefData(other.name(), other.website(), new Contact("B", "b@example.org", "0"), other.state(),
						other.city(), other.coordinates(), other.level(), other.type(), other.foundingYear(),
						other.legalForm(), other.office(), other.actorGroups(), other.founderGroups(),
						other.goalCategories(), other.activities(), other.financing(), other.linkedInitiativeIds()),
				NOW);

		assertThat(SteckbriefEvents.publicContent(steckbrief)).isEqualTo(before);
	}

	private static SteckbriefData data(Set<ActorGroup> groups) {
		return new SteckbriefData("Initiative", "https://example.org", new Contact("A", "a@example.org", null), "DE-HE",
				"Kassel", new Coordinates(51.3, 9.5), Level.LOCAL, InitiativeType.MIXED, 2012, "e.V.", "IHK", groups,
				Set.of(), Set.of(GoalCategory.ACCEPTANCE), List.of("Tag der offenen Tür"), "Beiträge", List.of());
	}

}
