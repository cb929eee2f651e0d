package de.industriedialog.evaluation.kpi;

import java.time.LocalDate;

import de.industriedialog.platform.web.GermanProblemDetails.FieldProblem;
import de.industriedialog.platform.web.InvalidInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class KpiFilterTest {

	@Test
	void shouldReadValidFiltersAndTreatBlankAsNone() {
		KpiFilter filter = KpiFilter.parse("2017-01-01", "2017-12-31", "DE-NW", "WELT_CAFE", "MIXED");
		assertThat(filter).isEqualTo(
				new KpiFilter(LocalDate.of(2017, 1, 1), LocalDate.of(2017, 12, 31), "DE-NW", "WELT_CAFE", "MIXED"));
		assertThat(KpiFilter.parse("", " ", null, "", null)).isEqualTo(KpiFilter.NONE);
	}

	@Test
	void shouldNameEveryInvalidParameter() {
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> KpiFilter.parse("30.06.2017", null, "NRW", "welt café", "BIG"))
			.satisfies((ex) -> {
				assertThat(ex.fieldProblems()).extracting(FieldProblem::field)
					.containsExactly("from", "state", "format", "initiativeType");
				assertThat(ex.getMessage())
					.isEqualTo("Bitte prüfen Sie die Filter: from, state, format, initiativeType.");
			});
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> KpiFilter.parse("2017-07-01", "2017-06-30", null, null, null))
			.satisfies((ex) -> assertThat(ex.fieldProblems()).extracting(FieldProblem::field).containsExactly("to"));
	}

	@Test
	void shouldRefuseAnUnknownDimension() {
		assertThat(Dimension.parse(null, KpiQueries.REACH_DIMENSIONS)).isEqualTo(Dimension.STATE);
		assertThat(Dimension.parse("month", KpiQueries.REACH_DIMENSIONS)).isEqualTo(Dimension.MONTH);
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> Dimension.parse("overall", KpiQueries.REACH_DIMENSIONS))
			.satisfies((ex) -> assertThat(ex.fieldProblems()).extracting(FieldProblem::field).containsExactly("by"));
	}

}
