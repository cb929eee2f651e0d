package de.industriedialog.events.notification;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A calendar file (RFC 5545, iCalendar) with one event, as attached to the confirmation
 * mails. Times are written in UTC, so the file needs no {@code VTIMEZONE}; calendars show
 * them in the reader's zone. Text values are escaped (backslash, semicolon, comma, line
 * breaks), lines end with CRLF and are folded after 75 octets without splitting a UTF-8
 * character.
 *
 * @param uid stable identity of the entry; the same uid in a later file updates it
 * @param stamp when the file was made
 * @param start start of the event
 * @param end end of the event
 * @param summary title
 * @param location where, or {@code null}
 * @param url a link about the entry, or {@code null}
 * @param description longer text, or {@code null}
 */
record CalendarFile(String uid, Instant stamp, Instant start, Instant end, String summary, String location, String url,
		String description) {

	static final String CONTENT_TYPE = "text/calendar; charset=UTF-8; method=PUBLISH";

	static final String CRLF = "\r\n";

	private static final int MAX_LINE_OCTETS = 75;

	private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	String render() {
		StringBuilder ics = new StringBuilder(1024);
		line(ics, "BEGIN:VCALENDAR");
		line(ics, "VERSION:2.0");
		line(ics, "PRODID:-//Industriedialog//event-service//DE");
		line(ics, "CALSCALE:GREGORIAN");
		line(ics, "METHOD:PUBLISH");
		line(ics, "BEGIN:VEVENT");
		line(ics, "UID:" + text(this.uid));
		line(ics, "DTSTAMP:" + UTC.format(this.stamp));
		line(ics, "DTSTART:" + UTC.format(this.start));
		line(ics, "DTEND:" + UTC.format(this.end));
		line(ics, "SUMMARY:" + text(this.summary));
		if (this.location != null && !this.location.isBlank()) {
			line(ics, "LOCATION:" + text(this.location));
		}
		if (this.url != null && !this.url.isBlank()) {
			line(ics, "URL:" + uri(this.url));
		}
		if (this.description != null && !this.description.isBlank()) {
			line(ics, "DESCRIPTION:" + text(this.description));
		}
		line(ics, "STATUS:CONFIRMED");
		line(ics, "TRANSP:OPAQUE");
		line(ics, "END:VEVENT");
		line(ics, "END:VCALENDAR");
		return ics.toString();
	}

	byte[] bytes() {
		return render().getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Escapes a TEXT value (RFC 5545, 3.3.11): backslash, semicolon and comma get a
	 * backslash, every line break becomes {@code \n}; other control characters, which
	 * TEXT does not allow, are dropped.
	 */
	static String text(String value) {
		String normalized = value.replace("\r\n", "\n").replace('\r', '\n');
		StringBuilder out = new StringBuilder(normalized.length() + 16);
		for (int i = 0; i < normalized.length(); i++) {
			char c = normalized.charAt(i);
			switch (c) {
				case '\\' -> out.append("\\\\");
				case ';' -> out.append("\\;");
				case ',' -> out.append("\\,");
				case '\n' -> out.append("\\n");
				default -> {
					if (c == '\t' || (c >= 0x20 && c != 0x7f)) {
						out.append(c);
					}
				}
			}
		}
		return out.toString();
	}

	/** A URI value is not escaped; it only must not break the line. */
	private static String uri(String value) {
		StringBuilder out = new StringBuilder(value.length());
		value.codePoints().filter((c) -> c > 0x20 && c != 0x7f).forEach(out::appendCodePoint);
		return out.toString();
	}

	/**
	 * Appends a content line, folded (RFC 5545, 3.1): no physical line longer than 75
	 * octets; a continuation starts with a space, which counts towards its 75.
	 */
	static void line(StringBuilder out, String content) {
		int octets = 0;
		for (int i = 0; i < content.length();) {
			int codePoint = content.codePointAt(i);
			int size = utf8Length(codePoint);
			if (octets + size > MAX_LINE_OCTETS) {
				out.append(CRLF).append(' ');
				octets = 1;
			}
			out.appendCodePoint(codePoint);
			octets += size;
			i += Character.charCount(codePoint);
		}
		out.append(CRLF);
	}

	private static int utf8Length(int codePoint) {
		if (codePoint < 0x80) {
			return 1;
		}
		if (codePoint < 0x800) {
			return 2;
		}
		return (codePoint < 0x10000) ? 3 : 4;
	}

}
