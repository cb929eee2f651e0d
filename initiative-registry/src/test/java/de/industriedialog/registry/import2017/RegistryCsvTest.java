package de.industriedialog.registry.import2017;

import java.io.StringReader;

import de.industriedialog.registry.steckbrief.InitiativeType;
import de.industriedialog.registry.steckbrief.Level;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RegistryCsvTest {

	@Test
	void shouldReportMalformedRowsWithTheirLineNumberAndKeepTheRest() {
		String csv = """
				name,level,type,state
				Industriekreis Düsseldorf,LOCAL,NETWORK,DE-NW
				Broken Level,GALACTIC,NETWORK,DE-NW
				"Strategiewerkstatt \"\"Industrie der Zukunft\"\"\",STATE,MIXED,DE-SN
				Too,few,columns
				,LOCAL,NETWORK,DE-NW
				Unknown Land,LOCAL,NETWORK,DE-XX
				industry@work,REGIONAL,MEASURE,
				""";

		RegistryCsv.Result result = RegistryCsv.parse(new StringReader(csv));

		assertThat(result.rows()).extracting(RegistryCsv.Row::name)
			.containsExactly("Industriekreis Düsseldorf", "Strategiewerkstatt \"Industrie der Zukunft\"",
					"industry@work");
		assertThat(result.rows().get(2).state()).isNull();
		assertThat(result.rows().get(2).level()).isEqualTo(Level.REGIONAL);
		assertThat(result.rows().get(2).type()).isEqualTo(InitiativeType.MEASURE);
		assertThat(result.problems()).hasSize(4);
		assertThat(result.problems().get(0)).startsWith("line 3:").contains("level 'GALACTIC'");
		assertThat(result.problems().get(1)).startsWith("line 5:").contains("4 columns");
		assertThat(result.problems().get(2)).startsWith("line 6:").contains("name is empty");
		assertThat(result.problems().get(3)).startsWith("line 7:").contains("DE-XX");
	}

	@Test
	void shouldReadTheBundledRegistryOf2017Completely() throws Exception {
		try (var reader = new java.io.InputStreamReader(
				getClass().getResourceAsStream("/import2017/initiatives-2017.csv"),
				java.nio.charset.StandardCharsets.UTF_8)) {
			RegistryCsv.Result result = RegistryCsv.parse(reader);

			assertThat(result.problems()).isEmpty();
			assertThat(result.rows()).hasSize(40);
			// Every initiative with a known Bundesland has its seat; the two without stay
			// off the map.
			assertThat(result.rows()).filteredOn((row) -> row.state() != null)
				.hasSize(38)
				.allSatisfy((row) -> assertThat(row.coordinates()).isNotNull());
			assertThat(result.rows()).filteredOn((row) -> row.state() == null)
				.allSatisfy((row) -> assertThat(row.coordinates()).isNull());
			// The founding years the study names (IV, 2.5); only Rhein-Mosel was founded
			// after the campaign started ("unmittelbar durch das Projekt initiiert").
			assertThat(result.rows()).filteredOn((row) -> row.foundingYear() != null)
				.extracting(RegistryCsv.Row::name, RegistryCsv.Row::foundingYear)
				.contains(org.assertj.core.groups.Tuple.tuple("Industrievereinigung Odenwaldkreis", 1950),
						org.assertj.core.groups.Tuple.tuple("Initiativkreis Ruhr", 1989),
						org.assertj.core.groups.Tuple.tuple("Industriedialog Rhein-Mosel", 2017))
				.hasSize(8);
			assertThat(result.rows()).filteredOn((row) -> row.foundingYear() != null && row.foundingYear() >= 2017)
				.extracting(RegistryCsv.Row::name)
				.containsExactly("Industriedialog Rhein-Mosel");
		}
	}

	@Test
	void shouldRefuseAnImplausibleFoundingYearWithItsLine() {
		String csv = """
				name,level,type,state,foundingYear
				Industriekreis Düsseldorf,LOCAL,NETWORK,DE-NW,
				Zeitreisende Initiative,LOCAL,NETWORK,DE-NW,3017
				Schreibfehler-Initiative,LOCAL,NETWORK,DE-NW,zwanzig
				""";

		RegistryCsv.Result result = RegistryCsv.parse(new StringReader(csv));

		assertThat(result.rows()).extracting(RegistryCsv.Row::name).containsExactly("Industriekreis Düsseldorf");
		assertThat(result.rows().get(0).foundingYear()).isNull();
		assertThat(result.problems()).hasSize(2);
		assertThat(result.problems().get(0)).startsWith("line 3:").contains("foundingYear 3017");
		assertThat(result.problems().get(1)).startsWith("line 4:").contains("'zwanzig'");
	}

	@Test
	void shouldReadTheOptionalSeatColumnsByTheirHeaderNames() {
		String csv = """
				city,name,type,level,state,lon,lat
				Koblenz,Industriedialog Rhein-Mosel,MIXED,REGIONAL,DE-RP,7.5890,50.3569
				,industry@work,MEASURE,REGIONAL,,,
				Irgendwo,Vertauscht,MIXED,LOCAL,DE-BY,48.1,11.5
				Halb,Nur Breite,MIXED,LOCAL,DE-BY,,48.1
				""";

		RegistryCsv.Result result = RegistryCsv.parse(new StringReader(csv));

		assertThat(result.rows()).hasSize(2);
		assertThat(result.rows().get(0).city()).isEqualTo("Koblenz");
		assertThat(result.rows().get(0).coordinates())
			.isEqualTo(new de.industriedialog.registry.steckbrief.Coordinates(50.3569, 7.589));
		assertThat(result.rows().get(1).city()).isNull();
		assertThat(result.rows().get(1).coordinates()).isNull();
		assertThat(result.problems()).hasSize(2);
		assertThat(result.problems().get(0)).startsWith("line 4:").contains("not in Germany");
		assertThat(result.problems().get(1)).startsWith("line 5:").contains("together");
	}

	@Test
	void shouldRefuseAFileWithoutARequiredColumn() {
		RegistryCsv.Result result = RegistryCsv.parse(new StringReader("name,level,type\nA,LOCAL,NETWORK\n"));

		assertThat(result.rows()).isEmpty();
		assertThat(result.problems()).containsExactly("line 1: header lacks the columns [state]");
	}

}
