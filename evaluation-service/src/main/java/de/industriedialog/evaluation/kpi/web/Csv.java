package de.industriedialog.evaluation.kpi.web;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A CSV file as German Excel opens it directly: UTF-8 with byte order mark, {@code ;} as
 * separator, decimal comma, CRLF, RFC 4180 quoting. A text cell that starts like a
 * formula ({@code = + - @}, tab, CR) gets a leading {@code '}, so that a name typed into
 * a Steckbrief cannot run as a formula in the office's spreadsheet (CSV injection).
 */
final class Csv {

	private static final char BOM = '\uFEFF';

	private final StringBuilder text = new StringBuilder().append(BOM);

	Csv row(Object... cells) {
		return row(Arrays.asList(cells));
	}

	Csv row(List<?> cells) {
		for (int i = 0; i < cells.size(); i++) {
			if (i > 0) {
				this.text.append(';');
			}
			this.text.append(cell(cells.get(i)));
		}
		this.text.append("\r\n");
		return this;
	}

	byte[] bytes() {
		return this.text.toString().getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return this.text.toString();
	}

	static String cell(Object value) {
		if (value == null) {
			return "";
		}
		if (value instanceof BigDecimal decimal) {
			return decimal.toPlainString().replace('.', ',');
		}
		if (value instanceof Double || value instanceof Float) {
			return cell(new BigDecimal(value.toString()));
		}
		if (value instanceof Number) {
			return value.toString();
		}
		if (value instanceof Boolean flag) {
			return flag ? "ja" : "nein";
		}
		String text = value.toString();
		if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
			text = "'" + text;
		}
		if (text.indexOf(';') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
			text = '"' + text.replace("\"", "\"\"") + '"';
		}
		return text;
	}

}
