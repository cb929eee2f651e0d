package de.industriedialog.evaluation.kpi;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import de.industriedialog.platform.web.GermanProblemDetails.FieldProblem;
import de.industriedialog.platform.web.InvalidInputException;

/**
 * The filters every KPI view takes. {@code state} is the event's Bundesland, except in
 * the landscape, where it is the initiative's.
 *
 * @param from first day (inclusive) of the event's start in Europe/Berlin
 * @param to last day (inclusive)
 * @param initiativeType type of the initiative running the event
 */
public record KpiFilter(LocalDate from, LocalDate to, String state, String format, String initiativeType) {

	public static final KpiFilter NONE = new KpiFilter(null, null, null, null, null);

	static final List<String> INITIATIVE_TYPES = List.of("NETWORK", "MEASURE", "MIXED");

	private static final Pattern FORMAT = Pattern.compile("^[A-Z][A-Z0-9_]{0,63}$");

	/**
	 * Reads the query parameters; blank means "no filter".
	 * @throws InvalidInputException naming every invalid parameter
	 */
	public static KpiFilter parse(String from, String to, String state, String format, String initiativeType) {
		List<FieldProblem> problems = new ArrayList<>();
		LocalDate fromDate = date("from", from, problems);
		LocalDate toDate = date("to", to, problems);
		if (fromDate != null && toDate != null && toDate.isBefore(fromDate)) {
			problems.add(new FieldProblem("to", "Das Enddatum darf nicht vor dem Anfangsdatum liegen."));
		}
		String stateCode = blankToNull(state);
		if (stateCode != null && !Labels.STATES.containsKey(stateCode)) {
			problems.add(new FieldProblem("state", "Unbekanntes Bundesland. Erwartet wird ein Kürzel wie DE-NW."));
		}
		String formatCode = blankToNull(format);
		if (formatCode != null && !FORMAT.matcher(formatCode).matches()) {
			problems
				.add(new FieldProblem("format", "Ungültiges Format. Erwartet wird ein Kürzel wie ZUKUNFTSWERKSTATT."));
		}
		String type = blankToNull(initiativeType);
		if (type != null && !INITIATIVE_TYPES.contains(type)) {
			problems.add(new FieldProblem("initiativeType", "Erlaubt sind NETWORK, MEASURE oder MIXED."));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(
					"Bitte prüfen Sie die Filter: "
							+ String.join(", ", problems.stream().map(FieldProblem::field).distinct().toList()) + ".",
					problems);
		}
		return new KpiFilter(fromDate, toDate, stateCode, formatCode, type);
	}

	private static LocalDate date(String field, String value, List<FieldProblem> problems) {
		String text = blankToNull(value);
		if (text == null) {
			return null;
		}
		try {
			return LocalDate.parse(text);
		}
		catch (DateTimeParseException ex) {
			problems.add(new FieldProblem(field, "Ungültiges Datum. Erwartet wird JJJJ-MM-TT, z. B. 2017-06-30."));
			return null;
		}
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}
