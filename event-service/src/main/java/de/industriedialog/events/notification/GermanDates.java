package de.industriedialog.events.notification;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Dates and times in mails: German, in Europe/Berlin, where the events take place. */
final class GermanDates {

	static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE, d. MMMM yyyy", Locale.GERMAN);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.GERMAN);

	private GermanDates() {
	}

	/** e.g. {@code Samstag, 14. März 2026} */
	static String day(Instant instant) {
		return DAY.format(instant.atZone(BERLIN));
	}

	/** e.g. {@code 10:00} */
	static String time(Instant instant) {
		return TIME.format(instant.atZone(BERLIN));
	}

	/**
	 * e.g. {@code Samstag, 14. März 2026, 10:00 bis 16:00 Uhr}, or with both days if the
	 * event ends on another day.
	 */
	static String period(Instant start, Instant end) {
		ZonedDateTime from = start.atZone(BERLIN);
		ZonedDateTime to = end.atZone(BERLIN);
		if (from.toLocalDate().equals(to.toLocalDate())) {
			return DAY.format(from) + ", " + TIME.format(from) + " bis " + TIME.format(to) + " Uhr";
		}
		return DAY.format(from) + ", " + TIME.format(from) + " Uhr bis " + DAY.format(to) + ", " + TIME.format(to)
				+ " Uhr";
	}

}
