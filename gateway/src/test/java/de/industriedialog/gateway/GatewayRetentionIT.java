package de.industriedialog.gateway;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import de.industriedialog.platform.testing.MovableClock;
import de.industriedialog.gateway.account.UnusedSignUpRetention;
import de.industriedialog.gateway.invitation.ExpiredInvitationRetention;
import de.industriedialog.localstack.LocalMongoServer;
import de.industriedialog.platform.privacy.SubjectKeys;
import de.industriedialog.gateway.privacy.SubjectKeyBackfill;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's retention against the store over TCP, with invitations and sign-ups made
 * over HTTP as people make them and the gateway's clock moved forward: an invitation
 * expired longer than the period ago and a sign-up nobody ever logged in with are
 * deleted; a recently expired invitation, a fresh one, a sign-up that was logged in with,
 * a recent sign-up and the staff account stay; a second run changes nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(MovableClock.Setup.class)
class GatewayRetentionIT {

	static final LocalMongoServer mongo = LocalMongoServer.inMemory();

	@Autowired
	Environment environment;

	@Autowired
	MovableClock clock;

	@Autowired
	ReactiveMongoTemplate template;

	@Autowired
	UnusedSignUpRetention signUps;

	@Autowired
	SubjectKeys subjectKeys;

	@Autowired
	SubjectKeyBackfill backfill;

	@Autowired
	ExpiredInvitationRetention invitations;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry properties) {
		properties.add("spring.mongodb.uri", () -> mongo.connectionString() + "/gateway");
		properties.add("JWT_SECRET", () -> "gateway-test-secret-of-at-least-32-bytes");
		properties.add("STAFF_EMAIL", () -> "staff@industriedialog.test");
		properties.add("STAFF_PASSWORD", () -> "richtig-geheim");
	}

	@AfterAll
	static void stop() {
		mongo.close();
	}

	@Test
	void shouldDeleteExpiredInvitationsAndUnusedSignUpsAndKeepTheRest() throws Exception {
		HttpClient staff = browser();
		assertThat(login(staff, "staff@industriedialog.test", "richtig-geheim")).isEqualTo("/");

		// day 0
		invite(staff, "alt@initiative.test");
		signUp("ungenutzt@initiative.test");
		HttpClient used = signUp("genutzt@initiative.test");
		assertThat(login(used, "genutzt@initiative.test", "ein-langes-passwort")).isEqualTo("/");
		// day 20
		this.clock.advance(Duration.ofDays(20));
		invite(staff, "abgelaufen@initiative.test");
		signUp("neulich@initiative.test");
		// day 45: the first invitation expired 31 days ago, the second 11; the unused
		// sign-up is 45 days old, the recent one 25
		this.clock.advance(Duration.ofDays(25));
		invite(staff, "frisch@initiative.test");

		this.invitations.run();
		this.signUps.run();

		List<String> invited = List.of("abgelaufen@initiative.test", "frisch@initiative.test");
		List<String> accounts = List.of("staff@industriedialog.test", "genutzt@initiative.test",
				"neulich@initiative.test");
		assertThat(fields("invitations", "email")).containsExactlyInAnyOrderElementsOf(invited);
		assertThat(fields("accounts", "_id")).containsExactlyInAnyOrderElementsOf(accounts);
		assertThat(login(browser(), "ungenutzt@initiative.test", "ein-langes-passwort")).isEqualTo("/login?error");
		// Each invitation carries the subject key of its address (privacy requests find
		// it
		// by the key, docs/adr/0015).
		assertThat(fields("invitations", "subjectKey")).containsExactlyInAnyOrderElementsOf(
				invited.stream().map((address) -> this.subjectKeys.of(address)).toList());

		assertThat(fields("accounts", "subjectKey")).containsExactlyInAnyOrderElementsOf(
				accounts.stream().map((address) -> this.subjectKeys.of(address)).toList());
		// Documents from before subject keys get theirs once, and a second run (or
		// replica) changes nothing.
		this.template.insert(new Document("_id", "alt-konto@initiative.test"), "accounts").block();
		this.template.insert(new Document("_id", "alt").append("email", "alt-einladung@initiative.test"), "invitations")
			.block();
		this.backfill.run();
		this.backfill.run();
		assertThat(fields("accounts", "subjectKey")).contains(this.subjectKeys.of("alt-konto@initiative.test"));
		assertThat(fields("invitations", "subjectKey")).contains(this.subjectKeys.of("alt-einladung@initiative.test"));
		this.template
			.remove(new org.springframework.data.mongodb.core.query.Query(
					org.springframework.data.mongodb.core.query.Criteria.where("_id")
						.in("alt-konto@initiative.test", "alt")),
					"accounts")
			.block();
		this.template
			.remove(new org.springframework.data.mongodb.core.query.Query(
					org.springframework.data.mongodb.core.query.Criteria.where("_id").is("alt")), "invitations")
			.block();

		// again (the next run, or a second replica): the same
		this.invitations.run();
		this.signUps.run();
		assertThat(fields("invitations", "email")).containsExactlyInAnyOrderElementsOf(invited);
		assertThat(fields("accounts", "_id")).containsExactlyInAnyOrderElementsOf(accounts);
	}

	private void invite(HttpClient staff, String email) throws Exception {
		HttpResponse<String> response = postJson(staff, "/account/invitations",
				"{\"email\":\"" + email + "\",\"initiativeId\":\"initiative-" + email.hashCode() + "\"}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
	}

	private HttpClient signUp(String email) throws Exception {
		HttpClient visitor = browser();
		visitor.send(HttpRequest.newBuilder(URI.create(base() + "/registrieren.html")).build(),
				HttpResponse.BodyHandlers.discarding());
		HttpResponse<String> response = postJson(visitor, "/account/signup",
				"{\"email\":\"" + email + "\",\"password\":\"ein-langes-passwort\"}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return visitor;
	}

	private List<String> fields(String collection, String field) {
		return this.template.findAll(Document.class, collection)
			.map((document) -> document.getString(field))
			.collectList()
			.block();
	}

	private HttpResponse<String> postJson(HttpClient browser, String path, String body) throws Exception {
		return browser.send(HttpRequest.newBuilder(URI.create(base() + path))
			.header("Content-Type", "application/json")
			.header("X-XSRF-TOKEN", csrf(browser))
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Logs in like the login page does; returns where the gateway redirects to. */
	private String login(HttpClient browser, String username, String password) throws Exception {
		browser.send(HttpRequest.newBuilder(URI.create(base() + "/login")).build(),
				HttpResponse.BodyHandlers.discarding());
		String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
				+ URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
				+ URLEncoder.encode(csrf(browser), StandardCharsets.UTF_8);
		HttpResponse<Void> response = browser.send(HttpRequest.newBuilder(URI.create(base() + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.discarding());
		assertThat(response.statusCode()).isBetween(300, 399);
		return response.headers().firstValue("Location").orElseThrow();
	}

	private static String csrf(HttpClient browser) {
		return ((CookieManager) browser.cookieHandler().orElseThrow()).getCookieStore()
			.getCookies()
			.stream()
			.filter((cookie) -> cookie.getName().equals("XSRF-TOKEN"))
			.findFirst()
			.orElseThrow()
			.getValue();
	}

	private static HttpClient browser() {
		return HttpClient.newBuilder()
			.cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	private String base() {
		return "http://localhost:" + this.environment.getProperty("local.server.port");
	}

}
