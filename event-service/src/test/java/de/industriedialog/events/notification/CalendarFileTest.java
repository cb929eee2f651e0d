package de.industriedialog.events.notification;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CalendarFileTest {

	private final CalendarFile file = new CalendarFile("reg-1@industriedialog", Instant.parse("2026-03-01T08:00:00Z"),
			Instant.parse("2026-03-14T09:00:00Z"), Instant.parse("2026-03-14T15:00:00Z"),
			"Zukunftswerkstatt; Industrie, Heimat \\ Welt", "Haus der Wirtschaft, Stuttgart",
			"https://industriedialog.test/anmeldung.html?token=abc.def",
			"Zeile eins\r\nZeile zwei\nÄÖÜ – " + "ß".repeat(80));

	@Test
	void shouldWriteOneEventInUtcWithCrlfLines() {
		String ics = this.file.render();

		assertThat(ics).startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n").endsWith("END:VCALENDAR\r\n");
		assertThat(ics.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
		assertThat(ics).contains("\r\nMETHOD:PUBLISH\r\n", "\r\nUID:reg-1@industriedialog\r\n",
				"\r\nDTSTAMP:20260301T080000Z\r\n", "\r\nDTSTART:20260314T090000Z\r\n",
				"\r\nDTEND:20260314T150000Z\r\n",
				"\r\nURL:https://industriedialog.test/anmeldung.html?token=abc.def\r\n");
	}

	@Test
	void shouldEscapeText() {
		String unfolded = this.file.render().replace("\r\n ", "");

		assertThat(unfolded).contains("SUMMARY:Zukunftswerkstatt\\; Industrie\\, Heimat \\\\ Welt\r\n")
			.contains("LOCATION:Haus der Wirtschaft\\, Stuttgart\r\n")
			.contains("DESCRIPTION:Zeile eins\\nZeile zwei\\nÄÖÜ – ");
		assertThat(CalendarFile.text("a\u0007b\tc")).isEqualTo("ab\tc");
	}

	@Test
	void shouldFoldAfter75OctetsWithoutSplittingACharacter() {
		String ics = this.file.render();

		String[] lines = ics.split("\r\n");
		assertThat(lines).allSatisfy(
				(line) -> assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75));
		assertThat(Arrays.stream(lines).filter((line) -> line.startsWith(" "))).isNotEmpty();
		// Unfolding gives back the value exactly, ß for ß (two octets each, never split).
		assertThat(ics.replace("\r\n ", "")).contains("ÄÖÜ – " + "ß".repeat(80) + "\r\n");
	}

}
