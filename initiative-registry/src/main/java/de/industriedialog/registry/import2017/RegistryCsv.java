package de.industriedialog.registry.import2017;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import de.industriedialog.contracts.Bundesland;
import de.industriedialog.registry.steckbrief.Coordinates;
import de.industriedialog.registry.steckbrief.InitiativeType;
import de.industriedialog.registry.steckbrief.Level;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the registry CSV. The header names the columns: {@code name,level,type,state} are
 * required, {@code city,lat,lon} (the seat, for the map) are optional, so older files
 * without them still load. A malformed row is reported with its line number and skipped;
 * the other rows are still read.
 */
final class RegistryCsv {

	private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
		.setHeader()
		.setSkipHeaderRecord(true)
		.setIgnoreEmptyLines(true)
		.setTrim(true)
		.get();

	private static final List<String> REQUIRED = List.of("name", "level", "type", "state");

	private RegistryCsv() {
	}

	static Result parse(Reader reader) {
		List<Row> rows = new ArrayList<>();
		List<String> problems = new ArrayList<>();
		try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get()) {
			List<String> missing = REQUIRED.stream()
				.filter((column) -> !parser.getHeaderMap().containsKey(column))
				.toList();
			if (!missing.isEmpty()) {
				problems.add("line 1: header lacks the columns " + missing);
				return new Result(rows, problems);
			}
			int columns = parser.getHeaderNames().size();
			for (CSVRecord record : parser) {
				// The line the record ends on; rows of this file never span lines.
				long line = parser.getCurrentLineNumber();
				try {
					rows.add(row(record, columns));
				}
				catch (IllegalArgumentException ex) {
					problems.add("line " + line + ": " + ex.getMessage());
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (IllegalStateException ex) {
			// commons-csv reports a broken quote as an unchecked exception; what was read
			// stays.
			problems.add("unreadable from here on: " + ex.getMessage());
		}
		return new Result(rows, problems);
	}

	private static Row row(CSVRecord record, int columns) {
		if (record.size() != columns) {
			throw new IllegalArgumentException("expected " + columns + " columns, found " + record.size());
		}
		String name = record.get("name");
		if (name.isBlank()) {
			throw new IllegalArgumentException("name is empty");
		}
		if (name.length() > 200) {
			throw new IllegalArgumentException("name is longer than 200 characters");
		}
		Level level = parseEnum(Level.class, "level", record.get("level"));
		InitiativeType type = parseEnum(InitiativeType.class, "type", record.get("type"));
		String state = record.get("state");
		if (state.isBlank()) {
			state = null;
		}
		else if (Bundesland.ofCode(state).isEmpty()) {
			throw new IllegalArgumentException("state '" + state + "' is not a Bundesland code (DE-BW … DE-TH)");
		}
		String city = optional(record, "city");
		return new Row(name, level, type, state, city, coordinates(record), foundingYear(record));
	}

	private static String optional(CSVRecord record, String column) {
		if (!record.isMapped(column) || record.get(column).isBlank()) {
			return null;
		}
		return record.get(column);
	}

	private static Integer foundingYear(CSVRecord record) {
		String year = optional(record, "foundingYear");
		if (year == null) {
			return null;
		}
		try {
			int value = Integer.parseInt(year.trim());
			if (value < 1800 || value > 2100) {
				throw new IllegalArgumentException("foundingYear " + year + " is not a plausible year");
			}
			return value;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("foundingYear '" + year + "' is not a year");
		}
	}

	private static Coordinates coordinates(CSVRecord record) {
		String lat = optional(record, "lat");
		String lon = optional(record, "lon");
		if (lat == null && lon == null) {
			return null;
		}
		if (lat == null || lon == null) {
			throw new IllegalArgumentException("lat and lon must be given together");
		}
		try {
			Coordinates coordinates = new Coordinates(Double.parseDouble(lat), Double.parseDouble(lon));
			// Germany's bounding box: catches swapped lat/lon, which would put the
			// initiative into the Indian Ocean.
			if (coordinates.lat() < 47 || coordinates.lat() > 55.1 || coordinates.lon() < 5.8
					|| coordinates.lon() > 15.1) {
				throw new IllegalArgumentException("lat " + lat + ", lon " + lon + " is not in Germany");
			}
			return coordinates;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("lat '" + lat + "' or lon '" + lon + "' is not a number");
		}
	}

	private static <E extends Enum<E>> E parseEnum(Class<E> type, String column, String value) {
		try {
			return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					column + " '" + value + "' is not one of " + java.util.Arrays.toString(type.getEnumConstants()));
		}
	}

	record Row(String name, Level level, InitiativeType type, String state, String city, Coordinates coordinates,
			Integer foundingYear) {
	}

	record Result(List<Row> rows, List<String> problems) {
	}

}
