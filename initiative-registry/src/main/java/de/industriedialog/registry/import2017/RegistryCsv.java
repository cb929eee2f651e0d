package de.industriedialog.registry.import2017;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import de.industriedialog.registry.steckbrief.Bundesland;
import de.industriedialog.registry.steckbrief.InitiativeType;
import de.industriedialog.registry.steckbrief.Level;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the registry CSV ({@code name,level,type,state}). A malformed row is reported
 * with its line number and skipped; the other rows are still read.
 */
final class RegistryCsv {

	private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
		.setHeader("name", "level", "type", "state")
		.setSkipHeaderRecord(true)
		.setIgnoreEmptyLines(true)
		.setTrim(true)
		.get();

	private RegistryCsv() {
	}

	static Result parse(Reader reader) {
		List<Row> rows = new ArrayList<>();
		List<String> problems = new ArrayList<>();
		try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get()) {
			for (CSVRecord record : parser) {
				// The line the record ends on; rows of this file never span lines.
				long line = parser.getCurrentLineNumber();
				try {
					rows.add(row(record));
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

	private static Row row(CSVRecord record) {
		if (record.size() != 4) {
			throw new IllegalArgumentException("expected 4 columns, found " + record.size());
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
		return new Row(name, level, type, state);
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

	record Row(String name, Level level, InitiativeType type, String state) {
	}

	record Result(List<Row> rows, List<String> problems) {
	}

}
