package de.industriedialog.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import de.industriedialog.localstack.LocalMongoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The privacy notice (GDPR Art. 13) must be readable by anybody, before they register,
 * subscribe or sign up, so it is fetched over HTTP without a session; and every page the
 * gateway serves links it in its footer, so nobody has to search for it. The pages are
 * listed from the classpath, so a new page without the footer fails here.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PrivacyNoticeIT {

	static final LocalMongoServer mongo = LocalMongoServer.inMemory();

	private static final Pattern FOOTER = Pattern.compile("<footer class=\"fuss\">(.*?)</footer>", Pattern.DOTALL);

	private static final String LINK = "<a href=\"/datenschutz.html\">Datenschutz</a>";

	/** No cookie handler and no redirects followed: a visitor who never logged in. */
	private final HttpClient visitor = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Autowired
	Environment environment;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry properties) {
		properties.add("spring.mongodb.uri", () -> mongo.connectionString() + "/gateway");
		properties.add("JWT_SECRET", () -> "gateway-test-secret-of-at-least-32-bytes");
	}

	@AfterAll
	static void stop() {
		mongo.close();
	}

	@Test
	void shouldShowThePrivacyNoticeToAVisitorWithoutLogin() throws Exception {
		HttpResponse<String> response = get("/datenschutz.html");

		assertThat(response.statusCode()).as("public, no redirect to the login").isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(response.body()).contains("<h2 id=\"titel\">Datenschutzhinweise</h2>")
			.contains("Was – Wozu – Wie lange")
			.contains("180 Tage")
			.contains("Auskunft")
			.contains("Berichtigung")
			.contains("Löschung")
			.contains("Widerruf der Einwilligung")
			.contains("Beschwerde")
			.contains("Geschäftsstelle Industriedialog")
			.contains("[Anschrift der Geschäftsstelle]");
		for (String group : List.of("Teilnehmende an Veranstaltungen", "Infobrief-Abonnentinnen und -Abonnenten",
				"Initiativen", "Geschäftsstelle")) {
			assertThat(response.body()).as("a section per kind of person")
				.containsPattern("<h2 id=\"[a-z-]+\">" + group + "</h2>");
		}
	}

	@Test
	void shouldLinkThePrivacyNoticeInTheFooterOfEveryPage() throws Exception {
		Resource[] pages = new PathMatchingResourcePatternResolver().getResources("classpath:static/*.html");
		assertThat(pages).as("the pages of the web UI").hasSizeGreaterThan(20);
		List<String> withoutLink = new ArrayList<>();
		for (Resource page : pages) {
			String name = page.getFilename();
			HttpResponse<String> response = get("/" + name);
			assertThat(response.statusCode()).as(name).isEqualTo(200);
			Matcher footer = FOOTER.matcher(response.body());
			if (!footer.find() || !footer.group(1).contains(LINK)) {
				withoutLink.add(name);
			}
		}
		assertThat(withoutLink).as("pages without the footer link to the privacy notice").isEmpty();
	}

	@Test
	void shouldLinkThePrivacyNoticeFromEveryConsentText() throws Exception {
		String registration = get("/veranstaltung.html").body();
		assertThat(paragraph(registration, "datenschutz")).as("registration for an event")
			.contains("href=\"/datenschutz.html\"");

		String newsletter = get("/newsletter.html").body();
		assertThat(paragraph(newsletter, "einwilligung-mehr")).as("Infobrief subscription")
			.contains("href=\"/datenschutz.html\"");
		assertThat(newsletter).as("read out with the consent checkbox")
			.contains("aria-describedby=\"einwilligung-text einwilligung-mehr einwilligung-fehler\"");

		String signUp = get("/registrieren.html").body();
		Matcher form = Pattern.compile("<form id=\"registrieren\".*?</form>", Pattern.DOTALL).matcher(signUp);
		assertThat(form.find()).isTrue();
		assertThat(form.group()).as("sign-up of an initiative").contains("href=\"/datenschutz.html\"");
	}

	private static String paragraph(String html, String id) {
		Matcher matcher = Pattern.compile("<p id=\"" + id + "\"[^>]*>(.*?)</p>", Pattern.DOTALL).matcher(html);
		assertThat(matcher.find()).as("paragraph #" + id).isTrue();
		return matcher.group(1);
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.visitor.send(
				HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(15)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private String base() {
		return "http://localhost:" + this.environment.getProperty("local.server.port");
	}

}
