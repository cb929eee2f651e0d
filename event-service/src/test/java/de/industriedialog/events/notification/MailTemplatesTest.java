package de.industriedialog.events.notification;

import de.industriedialog.platform.mail.MailTemplates;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MailTemplatesTest {

	private final MailTemplates templates = new MailTemplates();

	@Test
	void shouldEscapeUserInputInHtmlAndKeepItPlainInText() {
		Map<String, Object> model = model("Lena <script>alert(1)</script> & Co", "Werkstatt \"<b>\"");

		MailTemplates.Rendered rendered = this.templates.render("confirmation", model);

		assertThat(rendered.html()).contains("Hallo <span>Lena &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co</span>,")
			.doesNotContain("<script>")
			.doesNotContain("<b>")
			.contains("href=\"https://industriedialog.test/anmeldung.html?token=abc.def\"")
			.contains("Geschäftsstelle Industriedialog · Musterstraße 1");
		assertThat(rendered.text()).startsWith("Hallo Lena <script>alert(1)</script> & Co,\n")
			.contains("„Werkstatt \"<b>\"“")
			.contains("Wo:   Haus der Wirtschaft, Stuttgart\n")
			.contains("https://industriedialog.test/anmeldung.html?token=abc.def\n")
			.contains("\n-- \nDu erhältst diese E-Mail, weil")
			.doesNotContain("[#")
			.doesNotContain("th:");
	}

	@Test
	void shouldRenderEveryMail() {
		for (MailType type : MailType.values()) {
			Map<String, Object> model = model("Lena", "Welt-Café");
			model.put("rank", 3L);
			model.put("wasWaitlisted", type == MailType.CANCELLATION);
			model.put("feedbackLink", "https://industriedialog.test/feedback.html?token=xyz");

			MailTemplates.Rendered rendered = this.templates.render(type.tag(), model);

			assertThat(rendered.html()).as(type.tag()).contains("<html lang=\"de\"", "Hallo <span>Lena</span>,");
			assertThat(rendered.text()).as(type.tag())
				.startsWith("Hallo Lena,")
				.contains("Geschäftsstelle Industriedialog")
				.doesNotContain("[#")
				.doesNotContain("${");
		}
		Map<String, Object> model = model("Lena", "Welt-Café");
		model.put("rank", 3L);
		assertThat(this.templates.render("waitlist", model).text()).contains("als Nummer 3 dazugekommen");
		assertThat(this.templates.render("reminder", model).text())
			.contains("beginnt am Samstag, 14. März 2026 um 10:00 Uhr.");
		model.put("feedbackLink", "https://industriedialog.test/feedback.html?token=xyz");
		assertThat(this.templates.render("feedback-invitation", model).html())
			.contains("href=\"https://industriedialog.test/feedback.html?token=xyz\"");
	}

	@Test
	void shouldWriteDatesInGermanInBerlinTime() {
		assertThat(GermanDates.period(Instant.parse("2026-03-14T09:00:00Z"), Instant.parse("2026-03-14T15:30:00Z")))
			.isEqualTo("Samstag, 14. März 2026, 10:00 bis 16:30 Uhr");
		assertThat(GermanDates.period(Instant.parse("2026-07-03T16:00:00Z"), Instant.parse("2026-07-04T10:00:00Z")))
			.isEqualTo("Freitag, 3. Juli 2026, 18:00 Uhr bis Samstag, 4. Juli 2026, 12:00 Uhr");
	}

	private static Map<String, Object> model(String name, String title) {
		Map<String, Object> model = new HashMap<>();
		model.put("name", name);
		model.put("title", title);
		model.put("when", "Samstag, 14. März 2026, 10:00 bis 16:00 Uhr");
		model.put("day", "Samstag, 14. März 2026");
		model.put("startTime", "10:00");
		model.put("location", "Haus der Wirtschaft, Stuttgart");
		model.put("registrationLink", "https://industriedialog.test/anmeldung.html?token=abc.def");
		model.put("reason", "Du erhältst diese E-Mail, weil du dich angemeldet hast.");
		model.put("imprint", "Geschäftsstelle Industriedialog · Musterstraße 1 · 10115 Berlin");
		return model;
	}

}
