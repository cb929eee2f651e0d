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
		}
	}

}
