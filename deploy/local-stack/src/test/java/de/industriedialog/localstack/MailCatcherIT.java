package de.industriedialog.localstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 1, unit = TimeUnit.MINUTES)
class MailCatcherIT {

	@TempDir
	Path mailDir;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void shouldKeepMultipartMailsAndShowThemWhenRestarted() throws Exception {
		String id;
		try (MailCatcher catcher = MailCatcher.start(this.mailDir, 0, 0)) {
			String messageId = sendMultipart(catcher, "Einladung: Zukunft der Industrie – Dialog in Görlitz");

			DocumentContext list = json(get(catcher, "/api/messages"));
			assertThat(list.read("$.length()", Integer.class)).isEqualTo(1);
			assertThat(list.read("$[0].subject", String.class))
				.isEqualTo("Einladung: Zukunft der Industrie – Dialog in Görlitz");
			assertThat(list.read("$[0].from", String.class)).contains("dialog@industriedialog.example");
			assertThat(list.read("$[0].to", List.class)).containsExactlyInAnyOrder("anna@example.org",
					"bernd@example.org");
			assertThat(list.read("$[0].date", String.class)).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
			// what a test compares to tell a redelivery (same id) from a second mail
			assertThat(messageId).startsWith("<").endsWith(">");
			assertThat(list.read("$[0].messageId", String.class))
				.isEqualTo(messageId.substring(1, messageId.length() - 1));
			id = list.read("$[0].id", String.class);

			assertThat(json(get(catcher, "/api/messages?to=ANNA@example.org")).read("$.length()", Integer.class))
				.isEqualTo(1);
			assertThat(json(get(catcher, "/api/messages?to=nobody@example.org")).read("$.length()", Integer.class))
				.isZero();

			DocumentContext detail = json(get(catcher, "/api/messages/" + id));
			assertThat(detail.read("$.text", String.class)).contains("Liebe Anna");
			assertThat(detail.read("$.html", String.class)).contains("<p>Liebe <b>Anna</b></p>");
			assertThat(detail.read("$.attachments[0].filename", String.class)).isEqualTo("Tagesordnung.txt");
			assertThat(detail.read("$.attachments[0].size", Integer.class)).isPositive();
			assertThat(detail.read("$.headers[?(@.name == 'Subject')].value", List.class)).hasSize(1);

			HttpResponse<String> raw = get(catcher, "/api/messages/" + id + "/raw");
			assertThat(raw.headers().firstValue("Content-Type")).hasValue("message/rfc822");
			assertThat(raw.body()).contains("multipart/mixed");

			HttpResponse<String> page = get(catcher, "/messages/" + id);
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.body()).contains("Tagesordnung.txt", "Liebe Anna", "sandbox=\"\"");

			assertThat(get(catcher, "/api/messages/123").statusCode()).isEqualTo(404);
			assertThat(get(catcher, "/api/messages/../../etc/passwd").statusCode()).isEqualTo(404);
		}

		try (MailCatcher catcher = MailCatcher.start(this.mailDir, 0, 0)) {
			DocumentContext list = json(get(catcher, "/api/messages"));
			assertThat(list.read("$[*].id", List.class)).containsExactly(id);

			sendMultipart(catcher, "Zweite Mail");
			assertThat(json(get(catcher, "/api/messages")).read("$[*].subject", List.class))
				.containsExactly("Zweite Mail", "Einladung: Zukunft der Industrie – Dialog in Görlitz");

			HttpResponse<String> deleted = this.http.send(
					HttpRequest.newBuilder(uri(catcher, "/api/messages")).DELETE().build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(deleted.statusCode()).isEqualTo(200);
			assertThat(json(get(catcher, "/api/messages")).read("$.length()", Integer.class)).isZero();
		}
	}

	@Test
	void shouldEscapeWhatTheMailSaysWhenShowingPages() throws Exception {
		try (MailCatcher catcher = MailCatcher.start(this.mailDir, 0, 0)) {
			sendMultipart(catcher, "<script>alert('x')</script> & Co");
			HttpResponse<String> page = get(catcher, "/");
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> type.startsWith("text/html"));
			assertThat(page.body()).contains("Datum", "Von", "An", "Betreff")
				.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co")
				.doesNotContain("<script>");

			String id = json(get(catcher, "/api/messages")).read("$[0].id", String.class);
			HttpResponse<String> detail = get(catcher, "/messages/" + id);
			assertThat(detail.body()).doesNotContain("<script>").doesNotContain("<p>Liebe");
			assertThat(detail.headers().firstValue("Content-Security-Policy")).isPresent();
		}
	}

	/**
	 * @return the Message-ID header Jakarta Mail gave the mail
	 */
	private String sendMultipart(MailCatcher catcher, String subject) throws Exception {
		Properties properties = new Properties();
		properties.put("mail.smtp.host", "127.0.0.1");
		properties.put("mail.smtp.port", String.valueOf(catcher.smtpPort()));
		properties.put("mail.smtp.connectiontimeout", "5000");
		properties.put("mail.smtp.timeout", "5000");
		Session session = Session.getInstance(properties);
		MimeMessage message = new MimeMessage(session);
		message.setFrom(new InternetAddress("dialog@industriedialog.example", "Industriedialog", "UTF-8"));
		message.setRecipient(Message.RecipientType.TO, new InternetAddress("anna@example.org"));
		message.setRecipient(Message.RecipientType.CC, new InternetAddress("bernd@example.org"));
		message.setSubject(subject, "UTF-8");

		MimeBodyPart text = new MimeBodyPart();
		text.setText("Liebe Anna,\nwir laden ein.", "UTF-8");
		MimeBodyPart html = new MimeBodyPart();
		html.setContent("<p>Liebe <b>Anna</b></p><script>alert('mail')</script>", "text/html; charset=UTF-8");
		MimeMultipart alternative = new MimeMultipart("alternative", text, html);
		MimeBodyPart body = new MimeBodyPart();
		body.setContent(alternative);
		MimeBodyPart attachment = new MimeBodyPart();
		attachment.setText("1. Begrüßung\n2. ", "UTF-8");
		attachment.setFileName("Tagesordnung.txt");
		attachment.setDisposition(MimeBodyPart.ATTACHMENT);
		message.setContent(new MimeMultipart("mixed", body, attachment));
		Transport.send(message);
		return message.getMessageID();
	}

	private HttpResponse<String> get(MailCatcher catcher, String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(catcher, path)).GET().build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private static URI uri(MailCatcher catcher, String path) {
		return URI.create("http://127.0.0.1:" + catcher.httpPort() + path);
	}

	private static DocumentContext json(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		return JsonPath.parse(response.body());
	}

}
