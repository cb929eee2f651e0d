package de.industriedialog.localstack;

import java.util.List;

/**
 * The mail catcher's JSON, written by hand to keep this jar free of a JSON library.
 */
final class Json {

	private Json() {
	}

	static String summaries(List<ParsedMail> mails) {
		StringBuilder json = new StringBuilder("[");
		for (int i = 0; i < mails.size(); i++) {
			if (i > 0) {
				json.append(',');
			}
			summary(json, mails.get(i));
			json.append('}');
		}
		return json.append(']').toString();
	}

	static String detail(ParsedMail mail) {
		StringBuilder json = new StringBuilder();
		summary(json, mail);
		json.append(",\"headers\":[");
		for (int i = 0; i < mail.headers.size(); i++) {
			String[] header = mail.headers.get(i);
			json.append((i > 0) ? ",{" : "{");
			json.append("\"name\":").append(string(header[0]));
			json.append(",\"value\":").append(string(ParsedMail.decode(header[1])));
			json.append('}');
		}
		json.append("],\"text\":").append(string(mail.text));
		json.append(",\"html\":").append(string(mail.html));
		json.append(",\"attachments\":[");
		for (int i = 0; i < mail.attachments.size(); i++) {
			ParsedMail.Attachment attachment = mail.attachments.get(i);
			json.append((i > 0) ? ",{" : "{");
			json.append("\"filename\":").append(string(attachment.filename()));
			json.append(",\"contentType\":").append(string(attachment.contentType()));
			json.append(",\"size\":").append(attachment.size());
			json.append('}');
		}
		return json.append("]}").toString();
	}

	/** Writes the summary fields of a mail, leaving the object open. */
	private static void summary(StringBuilder json, ParsedMail mail) {
		json.append("{\"id\":").append(string(String.valueOf(mail.id)));
		json.append(",\"from\":").append(string(mail.from));
		json.append(",\"to\":[");
		for (int i = 0; i < mail.to.size(); i++) {
			json.append((i > 0) ? "," : "").append(string(mail.to.get(i)));
		}
		json.append("],\"subject\":").append(string(mail.subject));
		json.append(",\"date\":").append(string(mail.received.toString()));
		json.append(",\"messageId\":").append(string(mail.messageId));
	}

	static String string(String value) {
		if (value == null) {
			return "null";
		}
		StringBuilder out = new StringBuilder(value.length() + 2).append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				case '<' -> out.append("\\u003c");
				case '>' -> out.append("\\u003e");
				case '&' -> out.append("\\u0026");
				default -> {
					if (c < 0x20 || c == '\u2028' || c == '\u2029') {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.append('"').toString();
	}

}
