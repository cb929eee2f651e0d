package de.industriedialog.evaluation.kpi.web;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsvTest {

	@Test
	void shouldWriteGermanExcelCsvWithBomSemicolonsDecimalCommaAndCrlf() {
		Csv csv = new Csv().row("Bezeichnung", "Anteil (%)", "Anzahl", "Unterstützt")
			.row("Welt-Café", new BigDecimal("86.9"), 107L, true)
			.row(null, new BigDecimal("100.0"), 0, false);

		byte[] bytes = csv.bytes();
		assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
		assertThat(new String(bytes, StandardCharsets.UTF_8))
			.isEqualTo("\uFEFFBezeichnung;Anteil (%);Anzahl;Unterstützt\r\n" + "Welt-Café;86,9;107;ja\r\n"
					+ ";100,0;0;nein\r\n");
	}

	@Test
	void shouldQuoteSeparatorsQuotesAndLineBreaks() {
		assertThat(Csv.cell("Zukunft; Industrie")).isEqualTo("\"Zukunft; Industrie\"");
		assertThat(Csv.cell("„Unsere Industrie = Unsere Zukunft“")).isEqualTo("„Unsere Industrie = Unsere Zukunft“");
		assertThat(Csv.cell("Das \"Haus\"")).isEqualTo("\"Das \"\"Haus\"\"\"");
		assertThat(Csv.cell("zwei\r\nZeilen")).isEqualTo("\"zwei\r\nZeilen\"");
		assertThat(Csv.cell("")).isEmpty();
	}

	@Test
	void shouldDefuseCellsThatWouldRunAsFormulas() {
		assertThat(Csv.cell("=HYPERLINK(\"http://evil\")")).isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\")\"");
		assertThat(Csv.cell("+49 30 1234")).isEqualTo("'+49 30 1234");
		assertThat(Csv.cell("-2+3")).isEqualTo("'-2+3");
		assertThat(Csv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
		assertThat(Csv.cell("\tTab")).isEqualTo("'\tTab");
		// Numbers are numbers, even negative ones.
		assertThat(Csv.cell(-3L)).isEqualTo("-3");
		assertThat(Csv.cell(new BigDecimal("-1.5"))).isEqualTo("-1,5");
	}

}
