package de.industriedialog.registry.assessment;

import de.industriedialog.registry.steckbrief.InitiativeType;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class CriteriaCatalogueTest {

	private final CriteriaCatalogue catalogue = new CriteriaCatalogue(JsonMapper.builder().build());

	@Test
	void shouldListTheTenCriteriaOfTheStudyInItsOrderWithGermanNames() {
		assertThat(this.catalogue.criteria()).extracting(CriteriaCatalogue.CriterionInfo::key)
			.containsExactly(Criterion.values());
		assertThat(this.catalogue.criteria()).extracting(CriteriaCatalogue.CriterionInfo::name)
			.startsWith("Längerfristige Zusammenarbeit", "Protagonisten und Treiber")
			.endsWith("Vernetzung mit anderen Initiativen");
		assertThat(this.catalogue.criteria()).allSatisfy((info) -> assertThat(info.description()).isNotBlank());
	}

	@Test
	void shouldCarryTabelle2PerTypeAndBothColumnsForTheMixedType() {
		CriteriaCatalogue.CriterionInfo education = this.catalogue.criteria().get(6);

		assertThat(education.relevance().get(InitiativeType.NETWORK))
			.containsExactly("Kontakt zu Bildungseinrichtungen oft nur gering ausgeprägt");
		assertThat(education.relevance().get(InitiativeType.MEASURE))
			.startsWith("Starke und direkte Schnittstelle zu Bildungseinrichtungen");
		assertThat(education.relevance().get(InitiativeType.MIXED)).hasSize(3)
			.startsWith("Netzwerkorientiert: Kontakt zu Bildungseinrichtungen oft nur gering ausgeprägt");
		assertThat(this.catalogue.source()).contains("Tabelle 2");
		assertThat(this.catalogue.scale()).contains("keine Stufen");
	}

}
