package de.industriedialog.evaluation.kpi;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import de.industriedialog.platform.web.GermanProblemDetails.FieldProblem;
import de.industriedialog.platform.web.InvalidInputException;

/** What the rows of a KPI table stand for ({@code by=}). */
public enum Dimension {

	OVERALL, EVENT, FORMAT, INITIATIVE, STATE, MONTH;

	/** The value of {@code by=}. */
	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * @param value the query parameter, {@code null} for the default
	 * @param allowed the dimensions the table offers; the first is the default
	 * @throws InvalidInputException if the value is none of them
	 */
	public static Dimension parse(String value, List<Dimension> allowed) {
		if (value == null || value.isBlank()) {
			return allowed.get(0);
		}
		return Arrays.stream(values())
			.filter((dimension) -> dimension.code().equals(value.trim()) && allowed.contains(dimension))
			.findFirst()
			.orElseThrow(() -> {
				String codes = String.join(", ", allowed.stream().map(Dimension::code).toList());
				return new InvalidInputException("Bitte prüfen Sie den Parameter by.",
						List.of(new FieldProblem("by", "Erlaubt sind: " + codes + ".")));
			});
	}

}
