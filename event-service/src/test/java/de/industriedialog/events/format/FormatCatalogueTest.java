package de.industriedialog.events.format;

import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class FormatCatalogueTest {

	private final FormatCatalogue catalogue = new FormatCatalogue(JsonMapper.builder().build());

	@Test
	void shouldHoldTheTwelveFormatsOfTheStudy() {
		assertThat(this.catalogue.all()).extracting(EventFormat::code)
			.containsExactly("ZUKUNFTSWERKSTATT", "WELT_CAFE", "DESIGN_THINKING_WORKSHOP", "ZUKUNFTSCAFE",
					"WERKSTATTGESPRAECH", "BROWN_BAG_LUNCH", "BRANCHENFORUM", "FORUM_INDUSTRIEPOLITIK", "TAGUNG",
					"TREFFEN_REGIONALER_INITIATIVEN", "TAG_DER_OFFENEN_TUER", "LANGE_NACHT_DER_INDUSTRIE");
	}

	@Test
	void shouldGiveEveryFormatAProfileARunSheetAndATimedChecklistWithTheirSource() {
		Set<String> sources = Set.of("STUDY", "PARTLY_STUDY", "NOT_FROM_STUDY");
		assertThat(this.catalogue.all()).allSatisfy((format) -> {
			assertThat(format.name()).isNotBlank();
			assertThat(format.profile().summary()).isNotBlank();
			assertThat(format.profile().uses()).isNotEmpty();
			assertThat(format.profile().conditions()).isNotEmpty();
			assertThat(format.runSheet().phases()).isNotEmpty()
				.allSatisfy((phase) -> assertThat(phase.minutes()).isPositive());
			assertThat(format.planningChecklist().items())
				.anySatisfy((item) -> assertThat(item.when()).isEqualTo("8 Wochen vorher"));
			assertThat(sources).contains(format.profile().source(), format.runSheet().source(),
					format.planningChecklist().source());
		});
	}

	@Test
	void shouldKeepTheThreePhasesOfTheZukunftswerkstattFromTheStudy() {
		EventFormat werkstatt = this.catalogue.find("ZUKUNFTSWERKSTATT").orElseThrow();

		assertThat(werkstatt.profile().source()).isEqualTo("STUDY");
		assertThat(werkstatt.runSheet().phases()).extracting(EventFormat.Phase::title)
			.anySatisfy((title) -> assertThat(title).startsWith("Bestandsaufnahme"))
			.anySatisfy((title) -> assertThat(title).startsWith("Vision"))
			.anySatisfy((title) -> assertThat(title).startsWith("Realisierung"));
		assertThat(this.catalogue.find("WERKSTATTGESPRAECH").orElseThrow().profile().source())
			.isEqualTo("NOT_FROM_STUDY");
		assertThat(this.catalogue.contains("KAFFEEKLATSCH")).isFalse();
		assertThat(this.catalogue.contains(null)).isFalse();
	}

}
