package de.industriedialog.localstack;

import java.util.List;

/**
 * The mail catcher's pages for people, in German. Everything taken from a mail is
 * escaped; the mail's own HTML is shown in an iframe sandbox without scripts.
 */
final class Html {

	private static final String STYLE = """
			<style>
			body{font-family:system-ui,sans-serif;margin:1.5rem;color:#1d1d1f}
			table{border-collapse:collapse;width:100%}
			th,td{text-align:left;padding:.35rem .6rem;border-bottom:1px solid #ddd;vertical-align:top}
			th{background:#f3f3f3;white-space:nowrap}
			td.date{white-space:nowrap}
			tr:hover td{background:#fafafa}
			pre{white-space:pre-wrap;background:#f7f7f7;padding:.8rem;border:1px solid #e3e3e3}
			iframe{width:100%;height:32rem;border:1px solid #ccc;background:#fff}
			.muted{color:#666}
			form{display:inline}
			</style>
			""";

	private Html() {
	}

	static String list(List<ParsedMail> mails) {
		StringBuilder html = page("Mails – Industriedialog lokal");
		html.append("<h1>Mails</h1>\n<p class=\"muted\">")
			.append(mails.size())
			.append((mails.size() == 1) ? " Mail" : " Mails")
			.append(", die neueste zuerst. <a href=\"/\">Aktualisieren</a> · <a href=\"/api/messages\">JSON</a> ")
			.append("<form method=\"post\" action=\"/delete-all\"><button type=\"submit\">Alle löschen</button></form></p>\n");
		if (mails.isEmpty()) {
			html.append("<p>Noch keine Mails angekommen.</p>\n");
		}
		else {
			html.append("<table>\n<tr><th>Datum</th><th>Von</th><th>An</th><th>Betreff</th></tr>\n");
			for (ParsedMail mail : mails) {
				String link = "/messages/" + mail.id;
				html.append("<tr><td class=\"date\">")
					.append(escape(MailCatcher.germanDate(mail.received)))
					.append("</td><td>")
					.append(escape(mail.from))
					.append("</td><td>")
					.append(escape(String.join(", ", mail.to)))
					.append("</td><td><a href=\"")
					.append(link)
					.append("\">")
					.append(escape(mail.subject.isBlank() ? "(ohne Betreff)" : mail.subject))
					.append("</a></td></tr>\n");
			}
			html.append("</table>\n");
		}
		return html.append("</body>\n</html>\n").toString();
	}

	static String detail(ParsedMail mail) {
		StringBuilder html = page(mail.subject + " – Mails");
		html.append("<p><a href=\"/\">← Alle Mails</a> · <a href=\"/api/messages/")
			.append(mail.id)
			.append("/raw\">Original (.eml)</a> · <a href=\"/api/messages/")
			.append(mail.id)
			.append("\">JSON</a></p>\n<h1>")
			.append(escape(mail.subject.isBlank() ? "(ohne Betreff)" : mail.subject))
			.append("</h1>\n<table>\n")
			.append(row("Empfangen", MailCatcher.germanDate(mail.received)))
			.append(row("Von", mail.from))
			.append(row("An", String.join(", ", mail.to)))
			.append("</table>\n");
		if (mail.html != null) {
			html.append(
					"<h2>HTML-Teil</h2>\n<iframe sandbox=\"\" referrerpolicy=\"no-referrer\" title=\"HTML-Teil\" srcdoc=\"")
				.append(escape(mail.html))
				.append("\"></iframe>\n");
		}
		if (mail.text != null) {
			html.append("<h2>Text-Teil</h2>\n<pre>").append(escape(mail.text)).append("</pre>\n");
		}
		if (mail.html == null && mail.text == null) {
			html.append("<p class=\"muted\">Die Mail hat keinen Text.</p>\n");
		}
		if (!mail.attachments.isEmpty()) {
			html.append("<h2>Anhänge</h2>\n<ul>\n");
			for (ParsedMail.Attachment attachment : mail.attachments) {
				html.append("<li>")
					.append(escape(attachment.filename()))
					.append(" <span class=\"muted\">(")
					.append(escape(attachment.contentType()))
					.append((attachment.size() >= 0) ? ", " + attachment.size() + " Bytes" : "")
					.append(")</span></li>\n");
			}
			html.append("</ul>\n");
		}
		html.append("<h2>Kopfzeilen</h2>\n<table>\n");
		for (String[] header : mail.headers) {
			html.append(row(header[0], ParsedMail.decode(header[1])));
		}
		html.append("</table>\n");
		return html.append("</body>\n</html>\n").toString();
	}

	private static StringBuilder page(String title) {
		return new StringBuilder(4096).append("<!DOCTYPE html>\n<html lang=\"de\">\n<head>\n<meta charset=\"utf-8\">\n")
			.append("<title>")
			.append(escape(title))
			.append("</title>\n")
			.append(STYLE)
			.append("</head>\n<body>\n");
	}

	private static String row(String name, String value) {
		return "<tr><th>" + escape(name) + "</th><td>" + escape(value) + "</td></tr>\n";
	}

	static String escape(String value) {
		if (value == null) {
			return "";
		}
		StringBuilder out = new StringBuilder(value.length() + 16);
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '&' -> out.append("&amp;");
				case '<' -> out.append("&lt;");
				case '>' -> out.append("&gt;");
				case '"' -> out.append("&quot;");
				case '\'' -> out.append("&#39;");
				default -> out.append(c);
			}
		}
		return out.toString();
	}

}
