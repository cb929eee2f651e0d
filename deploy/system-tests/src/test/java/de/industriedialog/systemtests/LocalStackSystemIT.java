package de.industriedialog.systemtests;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Starts the whole system exactly as {@code ./run.sh} does (the launcher jar from the
 * repository root) and checks the first slice end to end: the 2017 registry travels from
 * the registry over Kafka into the KPI view and is read through the gateway.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackSystemIT {

	/** Shifts every port so a stack a developer is running does not collide. */
	private static final int PORT_OFFSET = 10000;

	private static final int GATEWAY = 8080 + PORT_OFFSET;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	private Process launcher;

	/** The upcoming event of test 16, suggested as an Infobrief block in test 18. */
	private String walkInEventId;

	@TempDir(cleanup = CleanupMode.ON_SUCCESS)
	static Path dataDir;

	@BeforeAll
	void startTheStack() throws Exception {
		start();
		awaitKpiTotal(40);
	}

	@AfterAll
	void stopLauncher() throws InterruptedException {
		if (this.launcher != null && this.launcher.isAlive()) {
			this.launcher.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		}
	}

	@Test
	@Order(1)
	void shouldReproduceTabelle1ThroughTheGateway() {
		assertTabelle1(getJson("/api/kpi/initiatives"));
		assertThat(getJson("/api/initiatives?level=STATE&size=100").at("/page/totalElements").asInt()).isEqualTo(18);
	}

	@Test
	@Order(2)
	void shouldAnswerAnUnknownRouteAsGermanProblemJson() throws Exception {
		HttpResponse<String> unknown = get("/api/does-not-exist");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(this.json.readTree(unknown.body()).get("detail").asString()).contains("Adresse");
	}

	@Test
	@Order(3)
	void shouldLetStaffLogInWithThePrintedDemoCredentials() throws Exception {
		assertStaffCanLogInWithThePrintedDemoCredentials();
	}

	@Test
	@Order(4)
	void shouldExposeMetricsOfEveryServiceTaggedWithItsName() throws Exception {
		for (Map.Entry<String, Integer> service : Map
			.of("initiative-registry", 8081, "event-service", 8082, "evaluation-service", 8083, "newsletter-service",
					8084, "gateway", 8080)
			.entrySet()) {
			HttpResponse<String> metrics = this.http.send(HttpRequest
				.newBuilder(
						URI.create("http://localhost:" + (service.getValue() + PORT_OFFSET) + "/actuator/prometheus"))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(metrics.statusCode()).as(service.getKey()).isEqualTo(200);
			assertThat(metrics.body()).contains("application=\"" + service.getKey() + "\"");
		}
	}

	@Test
	@Order(5)
	void shouldShowTheLandscapeAndLogStaffInWithARealBrowser() throws Exception {
		Matcher credentials = demoCredentials();
		try (Browser browser = Browser.headlessChromium()) {
			browser.open("http://localhost:" + GATEWAY + "/");
			browser.waitUntilVisible("tabelle1");
			assertThat(browser.text("gesamt")).isEqualTo("40 veröffentlichte Initiativen");
			assertThat(browser.rowCells("tabelle1", "lokal (Kommune)")).containsExactly("2", "2", "4", "8");
			assertThat(browser.rowCells("tabelle1", "Land")).containsExactly("13", "1", "4", "18");
			browser.screenshot(Path.of("target/screenshots/start.png"));

			logIn(browser, credentials.group(1), credentials.group(2));
			browser.open("http://localhost:" + GATEWAY + "/api/session");
			assertThat(browser.pageText()).contains("\"authenticated\":true").contains("STAFF");
		}
	}

	@Test
	@Order(6)
	void shouldShowThePublishedInitiativesOnTheOfflineMapAndOpenASteckbrief() throws Exception {
		JsonNode map = getJson("/api/initiatives/map");
		int withSeat = map.get("features").size();
		assertThat(withSeat).isGreaterThan(30);
		try (Browser browser = Browser.headlessChromium()) {
			browser.open("http://localhost:" + GATEWAY + "/karte.html");
			browser.waitUntilTextContains("kartenstand", withSeat + " Initiativen auf der Karte");
			assertThat(browser.count("#karte svg path")).as("the sixteen Länder").isEqualTo(16);
			assertThat(browser.count("#karte svg a.marker")).isEqualTo(withSeat);
			browser.screenshot(Path.of("target/screenshots/karte.png"));

			browser.click("#initiativen li:first-child a");
			browser.waitUntilVisible("steckbrief");
			assertThat(browser.text("name")).isNotBlank().isNotEqualTo("Initiative");
			assertThat(browser.pageText()).contains("Handlungsebene");
		}
	}

	@Test
	@Order(7)
	void shouldLetStaffCreateSubmitAndPublishASteckbriefThatThenAppearsOnTheMap() throws Exception {
		Matcher credentials = demoCredentials();
		int before = getJson("/api/initiatives/map").get("features").size();
		try (Browser browser = Browser.headlessChromium()) {
			logIn(browser, credentials.group(1), credentials.group(2));

			browser.open("http://localhost:" + GATEWAY + "/geschaeftsstelle.html");
			browser.type("name", "Industrieinitiative Werra-Meißner");
			browser.select("ebene", "REGIONAL");
			browser.select("typ", "MIXED");
			browser.type("land", "DE-HE");
			browser.type("ort", "Eschwege");
			browser.type("breite", "51.1881");
			browser.type("laenge", "10.0528");
			browser.submit("name");
			browser.waitUntilTextContains("meldung", "angelegt");
			browser.clickInItem("entwuerfe", "Werra-Meißner", "Zur Prüfung einreichen");
			browser.waitUntilTextContains("meldung", "wartet auf Prüfung");
			browser.clickInItem("warteschlange", "Werra-Meißner", "Veröffentlichen");
			browser.waitUntilTextContains("meldung", "ist veröffentlicht");

			browser.open("http://localhost:" + GATEWAY + "/karte.html");
			browser.waitUntilTextContains("kartenstand", (before + 1) + " Initiativen auf der Karte");
			assertThat(browser.text("initiativen")).contains("Industrieinitiative Werra-Meißner – Eschwege");
			browser.screenshot(Path.of("target/screenshots/karte-nach-veroeffentlichung.png"));
		}
		// The KPI view hears of it over Kafka.
		await().atMost(Duration.ofSeconds(30)).until(() -> getJson("/api/kpi/initiatives").get("total").asInt() == 41);
	}

	@Test
	@Order(8)
	void shouldLetAnInvitedInitiativeEditItsSteckbriefAndRegisterAnEventThatThePublicSees() throws Exception {
		Matcher credentials = demoCredentials();
		try (Browser staff = Browser.headlessChromium()) {
			logIn(staff, credentials.group(1), credentials.group(2));
			staff.open("http://localhost:" + GATEWAY + "/geschaeftsstelle.html");
			staff.waitUntilTextContains("einladung-initiative", "Werra-Meißner");
			staff.selectByText("einladung-initiative", "Industrieinitiative Werra-Meißner");
			staff.type("einladung-email", "kontakt@werra-meissner.test");
			staff.submit("einladung-email");
			staff.waitUntilTextContains("meldung", "ist verschickt");
		}
		String link = invitationLink("kontakt@werra-meissner.test");

		try (Browser initiative = Browser.headlessChromium()) {
			initiative.open(link);
			initiative.type("passwort", "werra-meissner-2027");
			initiative.type("wiederholung", "werra-meissner-2027");
			initiative.submit("passwort");
			initiative.waitUntilUrlIs("http://localhost:" + GATEWAY + "/login");
			logIn(initiative, "kontakt@werra-meissner.test", "werra-meissner-2027");

			initiative.open("http://localhost:" + GATEWAY + "/portal.html");
			initiative.waitUntilValueIsNotEmpty("name");
			initiative.setValue("aktivitaeten", "Zukunftswerkstatt mit Schulen\nBetriebsbesichtigungen");
			for (String group : List.of("COMPANIES", "UNIONS", "POLITICS_ADMINISTRATION")) {
				initiative.click(org.openqa.selenium.By.cssSelector("input[name=akteur][value=" + group + "]"));
			}
			initiative.submit("name");
			initiative.waitUntilTextContains("meldung", "Der Steckbrief ist gespeichert.");

			initiative.waitUntilTextContains("raster-tabelle", "Längerfristige Zusammenarbeit");
			initiative.click(org.openqa.selenium.By.id("raster-speichern"));
			initiative.waitUntilTextContains("meldung", "Ihre Selbsteinschätzung ist gespeichert.");
			initiative.waitUntilTextContains("raster-tabelle", "3 von 5");

			initiative.type("v-titel", "Zukunftswerkstatt Werra-Meißner 2027");
			initiative.select("v-format", "ZUKUNFTSWERKSTATT");
			initiative.setValue("v-beginn", "2027-10-01T10:00");
			initiative.setValue("v-ende", "2027-10-01T16:00");
			initiative.type("v-ort-name", "Stadthalle");
			initiative.type("v-stadt", "Eschwege");
			initiative.type("v-land", "DE-HE");
			initiative.type("v-plaetze", "40");
			initiative.submit("v-titel");
			initiative.waitUntilTextContains("meldung", "ist eingetragen");
			initiative.clickInItem("meine-veranstaltungen", "Zukunftswerkstatt Werra-Meißner 2027", "Bearbeiten");
			initiative.type("v-plaetze", "60");
			initiative.submit("v-titel");
			initiative.waitUntilTextContains("meldung", "ist geändert");
			initiative.screenshot(Path.of("target/screenshots/portal.png"));

			initiative.open("http://localhost:" + GATEWAY + "/veranstaltungen.html");
			initiative.waitUntilTextContains("veranstaltungen", "Zukunftswerkstatt Werra-Meißner 2027");
			assertThat(initiative.text("veranstaltungen")).contains("Eschwege");
		}
		assertThat(getJson("/api/initiatives/" + werraMeissnerId()).get("activities").get(0).asString())
			.isEqualTo("Zukunftswerkstatt mit Schulen");
		JsonNode profile = getJson("/api/initiatives/" + werraMeissnerId());
		assertThat(profile.get("composition").asString()).isEqualTo("TRIPARTITE");
		assertThat(profile.get("buendnis").asBoolean()).isTrue();
		assertThat(getJson("/api/events?initiative=" + werraMeissnerId()).at("/content/0/capacity").asInt())
			.isEqualTo(60);
	}

	@Test
	@Order(9)
	void shouldLetANewInitiativeSignUpAndSubmitItsSteckbriefWhichStaffPublish() throws Exception {
		int before = getJson("/api/initiatives/map").get("features").size();
		try (Browser initiative = Browser.headlessChromium()) {
			initiative.open("http://localhost:" + GATEWAY + "/registrieren.html");
			initiative.type("email", "kontakt@zukunft-lausitz.test");
			initiative.type("passwort", "lausitz-industrie-2027");
			initiative.type("wiederholung", "lausitz-industrie-2027");
			initiative.submit("email");
			initiative.waitUntilUrlIs("http://localhost:" + GATEWAY + "/login?registriert");
			logIn(initiative, "kontakt@zukunft-lausitz.test", "lausitz-industrie-2027");
			initiative.open("http://localhost:" + GATEWAY + "/portal.html");
			initiative.waitUntilVisible("anlegen");
			initiative.type("n-name", "Zukunft Industrie Lausitz");
			initiative.select("n-ebene", "REGIONAL");
			initiative.select("n-typ", "MEASURE");
			initiative.type("n-land", "DE-BB");
			initiative.type("n-ort", "Cottbus");
			initiative.type("n-breite", "51.7563");
			initiative.type("n-laenge", "14.3329");
			initiative.submit("n-name");
			initiative.waitUntilTextContains("meldung", "als Entwurf angelegt");
			initiative.waitUntilVisible("einreichen");
			initiative.click(org.openqa.selenium.By.id("einreichen"));
			initiative.waitUntilTextContains("status", "in Prüfung");
		}
		assertThat(get("/api/initiatives/map").body()).doesNotContain("Zukunft Industrie Lausitz");

		try (Browser staff = Browser.headlessChromium()) {
			Matcher credentials = demoCredentials();
			logIn(staff, credentials.group(1), credentials.group(2));
			staff.open("http://localhost:" + GATEWAY + "/geschaeftsstelle.html");
			staff.clickInItem("warteschlange", "Zukunft Industrie Lausitz", "Veröffentlichen");
			staff.waitUntilTextContains("meldung", "ist veröffentlicht");
			staff.open("http://localhost:" + GATEWAY + "/karte.html");
			staff.waitUntilTextContains("kartenstand", (before + 1) + " Initiativen auf der Karte");
			assertThat(staff.text("initiativen")).contains("Zukunft Industrie Lausitz – Cottbus");
		}
	}

	// ---- A participant's journey: register, mail, cancel, check-in, feedback, results
	// ----

	private static final String ORGANISER = "kontakt@werra-meissner.test";

	private static final String ORGANISER_PASSWORD = "werra-meissner-2027";

	private static final String JOURNEY_EVENT = "Schülerdialog Industrie Werra-Meißner";

	private static final String UPCOMING_EVENT = "Werkstattgespräch mit zwei Plätzen";

	/** The event of the journey, created in the first of its tests. */
	private String journeyEventId;

	/** Jonas, who is checked in at the door and gives feedback afterwards. */
	private String jonasToken;

	@Test
	@Order(10)
	void shouldLetAParticipantRegisterInTheBrowserFindTheLinkInTheMailAndCancel() throws Exception {
		ApiSession organiser = new ApiSession().logIn(ORGANISER, ORGANISER_PASSWORD);
		ZonedDateTime start = ZonedDateTime.now(ZoneId.of("Europe/Berlin"))
			.plusDays(30)
			.withHour(9)
			.truncatedTo(ChronoUnit.HOURS);
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("title", JOURNEY_EVENT);
		event.put("format", "ZUKUNFTSWERKSTATT");
		event.put("start", start.toOffsetDateTime().toString());
		event.put("end", start.plusHours(5).toOffsetDateTime().toString());
		event.put("venue", "Oberstufenschule Eschwege");
		event.put("city", "Eschwege");
		event.put("state", "DE-HE");
		event.put("capacity", 25);
		event.put("targetGroups", List.of("PUPIL", "TRAINEE_STUDENT"));
		event.put("campaignSupported", true);
		this.journeyEventId = organiser.send("POST", "/api/events", event, 201).get("id").asString();
		organiser.send("POST", "/api/events/" + this.journeyEventId + "/open", null, 200);

		try (Browser participant = Browser.phoneSizedChromium()) {
			participant.open("http://localhost:" + GATEWAY + "/veranstaltungen.html");
			participant.waitUntilTextContains("veranstaltungen", JOURNEY_EVENT);
			participant.click(org.openqa.selenium.By.linkText(JOURNEY_EVENT));
			participant.waitUntilVisible("anmeldung");
			assertThat(participant.text("titel")).isEqualTo(JOURNEY_EVENT);
			assertThat(participant.text("wo")).isEqualTo("Oberstufenschule Eschwege, Eschwege (Hessen)");
			assertThat(participant.text("plaetze")).isEqualTo("Noch 25 von 25 Plätzen frei");
			assertThat(participant.text("wann")).endsWith("09:00–14:00 Uhr");

			participant.type("name", "Mia Schulz");
			participant.type("email", "mia.schulz@schule-eschwege.test");
			participant.click("label[for=gruppe-pupil]");
			participant.submit("name");
			// Without consent the service names the field; the page puts the message next
			// to it.
			participant.waitUntilTextContains("einwilligung-fehler", "stimme");
			assertThat(
					participant.script("return document.getElementById('einwilligung').getAttribute('aria-invalid')"))
				.isEqualTo("true");
			participant.click("label[for=einwilligung]");
			participant.click("#absenden");
			// The answer does not say whether the address was registered before (anyone
			// could ask): status and personal link come by mail only.
			participant.waitUntilTextContains("meldung", "Danke für deine Anmeldung");
			assertThat(participant.text("meldung")).contains("E-Mail");
			assertThat(participant.scrollsSideways()).as("fits a 390 px wide phone").isFalse();
			participant.screenshot(Path.of("target/screenshots/anmeldung-bestaetigt.png"));
		}

		JsonNode mail = awaitMail("mia.schulz@schule-eschwege.test", "Anmeldung bestätigt");
		assertThat(mail.get("subject").asString()).isEqualTo("Anmeldung bestätigt: " + JOURNEY_EVENT);
		String link = linkIn(mail.get("text").asString(), "/anmeldung\\.html\\?token=[A-Za-z0-9._~-]+");

		try (Browser participant = Browser.phoneSizedChromium()) {
			participant.open(link);
			participant.waitUntilTextContains("status", "bestätigt");
			assertThat(participant.text("veranstaltung-titel")).isEqualTo(JOURNEY_EVENT);
			participant.waitUntilVisible("qr");
			await().atMost(Duration.ofSeconds(10))
				.until(() -> Boolean.TRUE.equals(participant
					.script("const qr = document.getElementById('qr'); return qr.complete && qr.naturalWidth > 0")));
			assertThat(participant.script("return document.getElementById('qr').alt").toString()).contains("QR-Code");
			participant.click("#stornieren");
			participant.waitUntilVisible("storno-ja");
			participant.click("#storno-ja");
			participant.waitUntilTextContains("status", "storniert");
			participant.waitUntilTextContains("meldung", "Deine Anmeldung ist storniert.");
			participant.screenshot(Path.of("target/screenshots/anmeldung-storniert.png"));
		}
		String token = link.substring(link.indexOf("token=") + "token=".length());
		assertThat(getJson("/api/registrations/" + token).get("status").asString()).isEqualTo("CANCELLED");
		assertThat(getJson("/api/events/" + this.journeyEventId + "/availability").get("seatsLeft").asInt())
			.isEqualTo(25);
	}

	@Test
	@Order(11)
	void shouldLetTheOrganiserCheckParticipantsInAtTheDoor() throws Exception {
		assertThat(this.journeyEventId).as("event of the journey (test 10)").isNotNull();
		try (Browser participant = Browser.phoneSizedChromium()) {
			participant.open("http://localhost:" + GATEWAY + "/veranstaltung.html?id=" + this.journeyEventId);
			participant.waitUntilVisible("anmeldung");
			participant.type("name", "Jonas Beckhaus");
			participant.type("email", "jonas.becker@schule-eschwege.test");
			participant.type("organisation", "Oberstufenschule Eschwege");
			participant.click("label[for=gruppe-pupil]");
			participant.click("label[for=einwilligung]");
			participant.click("#absenden");
			participant.waitUntilTextContains("meldung", "Danke für deine Anmeldung");
		}
		this.jonasToken = personalTokenFromMail("jonas.becker@schule-eschwege.test");
		// A second participant registers through the API, as another browser would.
		Map<String, Object> lena = new LinkedHashMap<>();
		lena.put("name", "Lena Vogt");
		lena.put("email", "lena.vogt@ausbildung-eschwege.test");
		lena.put("participantGroup", "TRAINEE_STUDENT");
		lena.put("consent", true);
		lena.put("consentVersion", "teilnahme-2026-11");
		new ApiSession().send("POST", "/api/events/" + this.journeyEventId + "/registrations", lena, 202);
		String lenaLink = linkIn(
				awaitMail("lena.vogt@ausbildung-eschwege.test", "Anmeldung bestätigt").get("text").asString(),
				"/anmeldung\\.html\\?token=[A-Za-z0-9._~-]+");

		try (Browser organiser = Browser.headlessChromium()) {
			logIn(organiser, ORGANISER, ORGANISER_PASSWORD);
			organiser.open("http://localhost:" + GATEWAY + "/portal.html");
			String checkIn = "a[href='/checkin.html?event=" + this.journeyEventId + "']";
			organiser.waitUntilCount(checkIn, 1);
			organiser.click(checkIn);
			organiser.waitUntilVisible("teilnehmende");
			organiser.waitUntilTextContains("veranstaltung", JOURNEY_EVENT);
			assertThat(organiser.text("anzahl-bestaetigt")).isEqualTo("2");
			assertThat(organiser.text("anzahl-eingecheckt")).isEqualTo("0");
			assertThat(organiser.text("anzahl-storniert")).isEqualTo("1");
			assertThat(organiser.count("#teilnehmende li")).isEqualTo(3);

			organiser.type("suche", "jonas");
			organiser.waitUntilCount("#teilnehmende li", 1);
			organiser.clickInItem("teilnehmende", "Jonas Beckhaus", "Einchecken");
			organiser.waitUntilTextContains("ergebnis", "Jonas Beckhaus ist eingecheckt.");
			organiser.waitUntilTextContains("anzahl-eingecheckt", "1");
			assertThat(organiser.rowCells("gruppen", "Schülerinnen und Schüler")).containsExactly("1", "1");
			organiser.waitUntilTextContains("teilnehmende", "eingecheckt um");

			// A hardware scanner types the QR code's content (the personal link) and
			// Enter.
			organiser.type("suche", "");
			organiser.typeAndPressEnter("code", lenaLink);
			organiser.waitUntilTextContains("ergebnis", "Lena Vogt ist eingecheckt.");
			organiser.waitUntilTextContains("anzahl-eingecheckt", "2");
			organiser.typeAndPressEnter("code", lenaLink);
			organiser.waitUntilTextContains("ergebnis", "Lena Vogt war schon eingecheckt");
			organiser.clickInItem("teilnehmende", "Lena Vogt", "Rückgängig");
			organiser.waitUntilTextContains("ergebnis", "Der Check-in von Lena Vogt ist zurückgenommen.");
			organiser.waitUntilTextContains("anzahl-eingecheckt", "1");
			organiser.screenshot(Path.of("target/screenshots/checkin.png"));

			// Someone tells the organiser that they cannot come: "Abmelden" on their row,
			// confirmed, cancels the registration on their behalf.
			Map<String, Object> tim = new LinkedHashMap<>();
			tim.put("name", "Tim Krause");
			tim.put("email", "tim.krause@schule-eschwege.test");
			tim.put("participantGroup", "PUPIL");
			tim.put("consent", true);
			tim.put("consentVersion", "teilnahme-2026-11");
			new ApiSession().send("POST", "/api/events/" + this.journeyEventId + "/registrations", tim, 202);
			String timLink = linkIn(
					awaitMail("tim.krause@schule-eschwege.test", "Anmeldung bestätigt").get("text").asString(),
					"/anmeldung\\.html\\?token=[A-Za-z0-9._~-]+");
			organiser.open("http://localhost:" + GATEWAY + "/checkin.html?event=" + this.journeyEventId);
			organiser.waitUntilTextContains("teilnehmende", "Tim Krause");
			assertThat(organiser.text("anzahl-bestaetigt")).isEqualTo("3");
			assertThat(organiser.text("anzahl-storniert")).isEqualTo("1");
			organiser.clickInItem("teilnehmende", "Tim Krause", "Abmelden");
			organiser.waitUntilTextContains("teilnehmende", "Anmeldung von Tim Krause stornieren?");
			assertThat(organiser.text("anzahl-bestaetigt")).as("nothing happens before the confirmation")
				.isEqualTo("3");
			organiser.screenshot(Path.of("target/screenshots/checkin-abmelden.png"));
			organiser.clickInItem("teilnehmende", "Tim Krause", "Ja, abmelden");
			organiser.waitUntilTextContains("ergebnis", "Die Anmeldung von Tim Krause ist storniert.");
			organiser.waitUntilTextContains("anzahl-storniert", "2");
			assertThat(organiser.text("anzahl-bestaetigt")).isEqualTo("2");
			assertThat(organiser.text("anzahl-eingecheckt")).isEqualTo("1");
			String timToken = timLink.substring(timLink.indexOf("token=") + "token=".length());
			assertThat(getJson("/api/registrations/" + timToken).get("status").asString()).isEqualTo("CANCELLED");
			assertThat(getJson("/api/events/" + this.journeyEventId + "/availability").get("seatsLeft").asInt())
				.isEqualTo(23);
		}
	}

	@Test
	@Order(12)
	void shouldInviteTheCheckedInParticipantToGiveFeedbackOnAPhoneOnce() throws Exception {
		assertThat(this.jonasToken).as("Jonas registered (test 11)").isNotNull();
		// The organiser closes the registration and, after the event, marks it held in
		// the portal; each step is confirmed first.
		try (Browser organiser = Browser.headlessChromium()) {
			logIn(organiser, ORGANISER, ORGANISER_PASSWORD);
			organiser.open("http://localhost:" + GATEWAY + "/portal.html");
			organiser.waitUntilTextContains("meine-veranstaltungen", JOURNEY_EVENT + " – Eschwege (Anmeldung offen)");
			organiser.clickInItem("meine-veranstaltungen", JOURNEY_EVENT, "Anmeldung schließen");
			organiser.clickInItem("meine-veranstaltungen", JOURNEY_EVENT, "Ja, Anmeldung schließen");
			organiser.waitUntilTextContains("veranstaltungen-meldung", "ist geschlossen");
			assertThat(organiser.text("meine-veranstaltungen"))
				.contains(JOURNEY_EVENT + " – Eschwege (Anmeldung geschlossen)");
			assertThat(getJson("/api/events/" + this.journeyEventId).get("status").asString()).isEqualTo("CLOSED");

			organiser.clickInItem("meine-veranstaltungen", JOURNEY_EVENT, "Als durchgeführt markieren");
			organiser.waitUntilTextContains("meine-veranstaltungen", "Zurzeit ist 1 Person eingecheckt.");
			assertThat(organiser.text("meine-veranstaltungen")).contains("per E-Mail den Link zum Evaluationsbogen")
				.contains("nicht rückgängig");
			organiser.screenshot(Path.of("target/screenshots/portal-durchgefuehrt-bestaetigen.png"));
			organiser.clickInItem("meine-veranstaltungen", JOURNEY_EVENT, "Ja, als durchgeführt markieren");
			organiser.waitUntilTextContains("veranstaltungen-meldung", "ist als durchgeführt markiert");
			assertThat(organiser.text("meine-veranstaltungen")).contains(JOURNEY_EVENT + " – Eschwege (durchgeführt)");
		}
		assertThat(getJson("/api/events/" + this.journeyEventId).get("status").asString()).isEqualTo("HELD");

		JsonNode mail = awaitMail("jonas.becker@schule-eschwege.test", "Dein Feedback");
		assertThat(mail.get("subject").asString()).contains(JOURNEY_EVENT);
		String link = linkIn(mail.get("text").asString(), "/feedback\\.html\\?token=[A-Za-z0-9._~-]+");
		String token = link.substring(link.indexOf("token=") + "token=".length());
		// evaluation-service learns of the check-in over Kafka, independently of the
		// mail.
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> get("/api/feedback/forms?token=" + token).statusCode() == 200);

		try (Browser phone = Browser.phoneSizedChromium()) {
			phone.open(link);
			phone.waitUntilVisible("bogen");
			assertThat(phone.text("veranstaltung")).contains(JOURNEY_EVENT);
			Map<String, String> answers = Map.of("Q1", "FULLY", "Q2", "VERY_GOOD", "Q3", "MOSTLY", "Q4", "FULLY", "Q5",
					"PARTLY");
			answers.forEach((item, code) -> phone.click("input[name='a-" + item + "'][value='" + code + "']"));
			phone.click("input[name='a-gruppe'][value='PUPIL']");
			phone.type("t-good", "Die Führung durch die Werkstatt <b>und</b> die Gespräche mit den Azubis.");
			assertThat(phone.text("t-good-zaehler")).isEqualTo("72 von 1000 Zeichen");
			assertThat(phone.scrollsSideways()).as("fits a 390 px wide phone").isFalse();
			phone.screenshot(Path.of("target/screenshots/feedback-bogen.png"));
			phone.click("#absenden");
			phone.waitUntilVisible("danke");
			assertThat(phone.text("danke-titel")).isEqualTo("Danke für deine Rückmeldung!");
			phone.screenshot(Path.of("target/screenshots/feedback-danke.png"));

			phone.open(link);
			phone.waitUntilTextContains("stand", "schon ein Bogen abgeschickt");
			assertThat(phone.text("ueberschrift")).isEqualTo("Schon abgeschickt");
			assertThat(phone.count("#bogen:not([hidden])")).isZero();
		}
	}

	@Test
	@Order(13)
	void shouldShowTheOrganiserTheResultsWithSmallGroupsSuppressed() throws Exception {
		assertThat(this.journeyEventId).as("event of the journey (test 10)").isNotNull();
		try (Browser organiser = Browser.headlessChromium()) {
			logIn(organiser, ORGANISER, ORGANISER_PASSWORD);
			organiser.open("http://localhost:" + GATEWAY + "/portal.html");
			String results = "a[href='/ergebnisse.html?event=" + this.journeyEventId + "']";
			organiser.waitUntilCount(results, 1);
			organiser.click(results);
			organiser.waitUntilVisible("ergebnisse");
			organiser.waitUntilTextContains("anzahl", "1 Rückmeldung");
			assertThat(organiser.text("veranstaltung")).isEqualTo(JOURNEY_EVENT);
			assertThat(organiser.text("kanaele")).contains("1 über die persönliche Einladung")
				.contains("0 über den Veranstaltungslink");
			assertThat(organiser.text("items")).contains("Die Veranstaltung hat meine Erwartungen getroffen")
				.contains("weniger als 5");
			assertThat(organiser.text("freitexte")).contains("weniger als 5")
				.doesNotContain("Führung durch die Werkstatt");

			// The shared link for a slide: created, shown once, and it opens the form.
			organiser.waitUntilVisible("veranstalter");
			organiser.click("#link-erstellen");
			organiser.waitUntilValueIsNotEmpty("link-url");
			String shared = (String) organiser.script("return document.getElementById('link-url').value");
			assertThat(shared).startsWith("http://localhost:" + GATEWAY + "/feedback.html?link=");
			// The same link as a QR code for the slide, to see and to download.
			await().atMost(Duration.ofSeconds(10))
				.until(() -> Boolean.TRUE.equals(organiser.script(
						"const qr = document.getElementById('link-qr'); return qr.complete && qr.naturalWidth > 0")));
			assertThat(organiser.script("return document.getElementById('link-qr').alt").toString())
				.contains("QR-Code");
			String qrPath = (String) organiser
				.script("return document.getElementById('link-qr-laden').getAttribute('href')");
			assertThat(organiser.text("link-qr-laden")).isEqualTo("QR-Code herunterladen");
			assertThat(qrPath).startsWith("/api/questionnaires/events/" + this.journeyEventId + "/link/qr.svg?link=");
			HttpResponse<String> qrCode = get(qrPath);
			assertThat(qrCode.statusCode()).isEqualTo(200);
			assertThat(qrCode.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("image/svg+xml"));
			assertThat(get(qrPath.replace("link=", "link=x")).statusCode()).isEqualTo(404);
			// Jonas answered: the custom questions are locked and shown read-only.
			assertThat(organiser.text("fragen-gesperrt-hinweis")).contains("schon Rückmeldungen");
			assertThat(organiser.count("#fragen-form:not([hidden])")).isZero();
			organiser.screenshot(Path.of("target/screenshots/ergebnisse.png"));
			try (Browser phone = Browser.phoneSizedChromium()) {
				phone.open(shared);
				phone.waitUntilVisible("bogen");
				assertThat(phone.text("veranstaltung")).contains(JOURNEY_EVENT);
			}
			organiser.click("#link-abschalten");
			organiser.waitUntilTextContains("link-meldung", "abgeschaltet");
		}
	}

	// ---- The staff's live KPI dashboard ----

	@Test
	@Order(14)
	void shouldShowStaffTheLiveKpiDashboardWhichCountsANewFeedbackWithoutAReload() throws Exception {
		assertThat(this.journeyEventId).as("event of the journey (test 10)").isNotNull();
		Matcher credentials = demoCredentials();
		String dashboard = "http://localhost:" + GATEWAY + "/kennzahlen.html";

		// Without a session (401) and with an initiative's account (403) the page says
		// who may see it and links to the login instead of showing figures.
		try (Browser visitor = Browser.headlessChromium()) {
			visitor.open(dashboard);
			visitor.waitUntilVisible("zur-anmeldung");
			assertThat(visitor.text("hinweis")).contains("Bitte melden Sie sich an");
			assertThat(visitor.attribute("#zur-anmeldung", "href")).isEqualTo("/login");
			assertThat(visitor.count("#inhalt:not([hidden])")).isZero();
		}
		try (Browser initiative = Browser.headlessChromium()) {
			logIn(initiative, ORGANISER, ORGANISER_PASSWORD);
			initiative.open(dashboard);
			initiative.waitUntilVisible("zur-anmeldung");
			assertThat(initiative.text("hinweis")).contains("Konto der Geschäftsstelle");
			assertThat(initiative.count("#inhalt:not([hidden])")).isZero();
		}

		ApiSession staffApi = new ApiSession().logIn(credentials.group(1), credentials.group(2));
		try (Browser staff = Browser.headlessChromium()) {
			logIn(staff, credentials.group(1), credentials.group(2));
			staff.open(dashboard);
			staff.waitUntilVisible("inhalt");
			staff.waitUntilTextContains("live", "Live");
			// The tile shows what the API counts (earlier feedback has arrived by now).
			String responses = String
				.valueOf(staffApi.send("GET", "/api/kpi/overview", null, 200).at("/satisfaction/responses").asInt());
			staff.waitUntilTextIs("wert-rueckmeldungen", responses, Duration.ofSeconds(30));
			int before = Integer.parseInt(responses);
			staff.script("window.__noReload = true");
			staff.waitUntilTextIsNot("tabelle1-summe", "");
			assertThat(Integer.parseInt(staff.text("tabelle1-summe").replace(".", ""))).isGreaterThanOrEqualTo(40);
			assertThat(staff.text("tabelle1")).contains("lokal (Kommune)").contains("Mischtyp");
			staff.screenshot(Path.of("target/screenshots/kennzahlen.png"));

			// Someone answers through the event's shared link, as a phone would.
			ApiSession organiser = new ApiSession().logIn(ORGANISER, ORGANISER_PASSWORD);
			String link = organiser
				.send("POST", "/api/questionnaires/events/" + this.journeyEventId + "/link", null, 201)
				.get("token")
				.asString();
			Map<String, Object> feedback = new LinkedHashMap<>();
			feedback.put("link", link);
			feedback.put("deviceId", UUID.randomUUID().toString());
			feedback.put("participantGroup", "PROFESSIONAL");
			feedback.put("answers", Map.of("Q1", "FULLY", "Q2", "VERY_GOOD"));
			assertThat(new ApiSession().send("POST", "/api/feedback", feedback, 201).get("responseId").asString())
				.isNotBlank();
			organiser.send("DELETE", "/api/questionnaires/events/" + this.journeyEventId + "/link", null, 204);

			// The stream brings it to the open page: no reload, no click.
			staff.waitUntilTextIs("wert-rueckmeldungen", String.valueOf(before + 1), Duration.ofSeconds(30));
			assertThat(staff.script("return window.__noReload === true")).isEqualTo(true);
			assertThat(staff.text("stand")).startsWith("Stand: ");

			// The tile is a button: it lists the events behind it, each linked to its
			// results.
			staff.click("#kachel-rueckmeldungen");
			staff.waitUntilTextContains("drilldown-tabelle", JOURNEY_EVENT);
			assertThat(staff.count("#drilldown-tabelle a[href='/ergebnisse.html?event=" + this.journeyEventId + "']"))
				.isEqualTo(1);

			// Every table exports as CSV through the staff's session.
			for (String export : List.of("#export-landscape", "#export-overview", "#export-events")) {
				String path = staff.attribute(export, "href");
				assertThat(path).as(export).startsWith("/api/kpi/export/");
				HttpResponse<String> csv = staffApi.get(path);
				assertThat(csv.statusCode()).as(path + " " + csv.body()).isEqualTo(200);
				assertThat(csv.headers().firstValue("Content-Type")).as(path)
					.hasValueSatisfying((type) -> assertThat(type).startsWith("text/csv"));
			}
			assertThat(get(staff.attribute("#export-landscape", "href")).statusCode()).as("CSV without a session")
				.isEqualTo(401);

			// A filter goes into the page's URL (to share) and into every request.
			staff.select("f-land", "DE-HE");
			staff.click("#filter button[type=submit]");
			staff.waitUntilUrlContains("state=DE-HE");
			staff.waitUntilTextContains("filter-zusammenfassung", "Bundesland: Hessen");
			assertThat(staff.attribute("#export-overview", "href")).contains("state=DE-HE");
			// The panels are fetched again with the filter (their links are rebuilt
			// then).
			staff.waitUntilAttributeContains("#aufschluesselung a.csv", "href", "by=state&state=DE-HE");
			assertThat((String) staff.script("return document.getElementById('tabelle-state').textContent"))
				.contains("Hessen")
				.doesNotContain("Nordrhein-Westfalen");
			assertThat(staff.script("return window.__noReload === true")).isEqualTo(true);
		}
	}

	// ---- Data protection: access and erasure on request (GDPR Art. 15, 17, 20)

	// A surname the demo data never make up (DemoPlan): the scan after the erasure looks
	// for the name too, and a walk-in namesake without an address is another person.
	private static final String JONAS = "jonas.becker@schule-eschwege.test";

	private static final String LEA = "leserin-systemtest@example.org";

	/**
	 * Jonas registered for the journey event (checked in, gave feedback) and registers
	 * for a second event here; Lea subscribed to the Infobrief and received one (tests
	 * 17, 18). Each asks for their data and then for its erasure through the public
	 * page's API and the mailed link; afterwards no collection of any service's database
	 * holds their address or name, the figures are unchanged and their old links answer
	 * in German.
	 */
	@Test
	@Order(19)
	void shouldExportAndEraseAPersonsDataInEveryServiceOnTheirVerifiedRequest() throws Exception {
		assertThat(this.journeyEventId).as("event of the journey (test 10)").isNotNull();
		assertThat(this.walkInEventId).as("upcoming event of test 16").isNotNull();
		// Jonas's second event.
		Map<String, Object> second = new LinkedHashMap<>();
		second.put("name", "Jonas Beckhaus");
		second.put("email", JONAS);
		second.put("participantGroup", "PUPIL");
		second.put("consent", true);
		second.put("consentVersion", "teilnahme-2026-12");
		new ApiSession().send("POST", "/api/events/" + this.walkInEventId + "/registrations", second, 202);
		await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(JONAS).size() >= 3);

		Matcher credentials = demoCredentials();
		ApiSession staff = new ApiSession().logIn(credentials.group(1), credentials.group(2));
		JsonNode overviewBefore = staff.send("GET", "/api/kpi/overview", null, 200);
		ApiSession organiser = new ApiSession().logIn(ORGANISER, ORGANISER_PASSWORD);
		JsonNode resultsBefore = organiser.send("GET", "/api/feedback/results/" + this.journeyEventId, null, 200);

		// An unknown address gets the very same answer as a known one.
		JsonNode known = new ApiSession().send("POST", "/api/privacy/requests",
				Map.of("email", JONAS, "kind", "ACCESS"), 202);
		JsonNode unknown = new ApiSession().send("POST", "/api/privacy/requests",
				Map.of("email", "niemand-" + UUID.randomUUID() + "@example.org", "kind", "ACCESS"), 202);
		assertThat(unknown).isEqualTo(known);
		new ApiSession().send("POST", "/api/privacy/requests", Map.of("email", "keine-adresse", "kind", "ACCESS"), 400);

		// Access: the mailed link proves the address; the export holds every service's
		// part.
		String accessToken = privacyToken(JONAS, 1);
		new ApiSession().send("POST", "/api/privacy/requests/verify", Map.of("token", accessToken), 200);
		awaitPrivacyRequestDone(accessToken);
		HttpResponse<String> download = get("/api/privacy/requests/export?token=" + accessToken);
		assertThat(download.statusCode()).as(download.body()).isEqualTo(200);
		assertThat(download.headers().firstValue("Content-Disposition").orElse("")).contains("attachment");
		String export = download.body();
		assertThat(export).contains(JONAS)
			.contains("Jonas Beckhaus")
			.contains("Oberstufenschule Eschwege")
			.contains(JOURNEY_EVENT)
			.contains("event-service");
		// Both of Jonas's registrations, each with its event.
		List<String> events = new ArrayList<>();
		this.json.readTree(export)
			.at("/parts/event-service/registrations/records")
			.forEach((registration) -> events.add(registration.get("event").asString()));
		assertThat(events).hasSizeGreaterThanOrEqualTo(2).contains(JOURNEY_EVENT).doesNotHaveDuplicates();
		// Nobody gets at it without the link: a forged token, or the service's route
		// without the gateway's scoped token.
		assertThat(get("/api/privacy/requests/export?token=" + accessToken + "x").statusCode()).isIn(400, 403, 404,
				410);
		HttpResponse<String> direct = this.http.send(HttpRequest
			.newBuilder(URI.create("http://localhost:" + (8082 + PORT_OFFSET) + "/api/privacy/requests/"
					+ UUID.randomUUID() + "/export"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(direct.statusCode()).isEqualTo(401);

		// Lea's export shows her subscription and the Infobrief she received.
		new ApiSession().send("POST", "/api/privacy/requests", Map.of("email", LEA, "kind", "ACCESS"), 202);
		String leaAccess = privacyToken(LEA, 1);
		new ApiSession().send("POST", "/api/privacy/requests/verify", Map.of("token", leaAccess), 200);
		awaitPrivacyRequestDone(leaAccess);
		String leaExport = get("/api/privacy/requests/export?token=" + leaAccess).body();
		assertThat(leaExport).contains(LEA).contains("Infobrief Systemtest").contains("newsletter-service");

		// Erasure.
		String jonasLink = "/api/registrations/" + this.jonasToken;
		assertThat(get(jonasLink).statusCode()).isEqualTo(200);
		for (String person : List.of(JONAS, LEA)) {
			new ApiSession().send("POST", "/api/privacy/requests", Map.of("email", person, "kind", "ERASURE"), 202);
			String erasure = privacyToken(person, 2);
			new ApiSession().send("POST", "/api/privacy/requests/verify", Map.of("token", erasure), 200);
			awaitPrivacyRequestDone(erasure);
			// The link is single use: a second verification publishes nothing new and
			// says so.
			HttpResponse<String> again = post("/api/privacy/requests/verify", Map.of("token", erasure));
			assertThat(again.body()).as("second use of the link").containsIgnoringCase("bereits");
		}

		List<String> found = personalDataInTheStores(List.of(JONAS, "Jonas Beckhaus", LEA, "Lea Leserin"));
		assertThat(found).as("the erased persons' data in the stores").isEmpty();
		HttpResponse<String> oldLink = get(jonasLink);
		assertThat(oldLink.statusCode()).isEqualTo(410);
		assertThat(oldLink.body()).contains("gelöscht");
		// The figures stay: the feedback was anonymous, the registrations became
		// anonymous seats.
		assertThat(organiser.send("GET", "/api/feedback/results/" + this.journeyEventId, null, 200))
			.isEqualTo(resultsBefore);
		JsonNode overviewAfter = staff.send("GET", "/api/kpi/overview", null, 200);
		assertThat(overviewAfter.get("satisfaction")).isEqualTo(overviewBefore.get("satisfaction"));
		assertThat(overviewAfter.get("events")).isEqualTo(overviewBefore.get("events"));
	}

	/**
	 * The token of the {@code n}-th privacy request mail to {@code to} (oldest first).
	 */
	private String privacyToken(String to, int n) throws Exception {
		List<JsonNode>[] mails = new List[1];
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
			mails[0] = mailsTo(to).stream().filter((m) -> m.get("subject").asString().contains("Datenschutz")).toList();
			return mails[0].size() >= n;
		});
		String api = "http://localhost:" + (8025 + PORT_OFFSET) + "/api/messages/";
		List<JsonNode> sorted = new ArrayList<>(mails[0]);
		JsonNode mail = this.json.readTree(
				this.http
					.send(HttpRequest.newBuilder(URI.create(api + sorted.get(sorted.size() - n).get("id").asString()))
						.build(), HttpResponse.BodyHandlers.ofString())
					.body());
		String link = linkIn(mail.get("text").asString(), "/datenschutz-anfrage\\.html\\?token=[A-Za-z0-9._~-]+");
		return link.substring(link.indexOf("token=") + "token=".length());
	}

	private void awaitPrivacyRequestDone(String token) {
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> getJson("/api/privacy/requests/progress?token=" + token).path("done").asBoolean());
	}

	private HttpResponse<String> post(String path, Object body) throws Exception {
		ApiSession session = new ApiSession();
		return session.client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + GATEWAY + path))
			.header("Content-Type", "application/json")
			.header("X-XSRF-TOKEN", session.csrf())
			.POST(HttpRequest.BodyPublishers.ofString(this.json.writeValueAsString(body)))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Every document of every collection of every service's database, as JSON, searched.
	 */
	private List<String> personalDataInTheStores(List<String> values) {
		List<String> found = new ArrayList<>();
		try (com.mongodb.client.MongoClient client = com.mongodb.client.MongoClients
			.create("mongodb://127.0.0.1:" + (27017 + PORT_OFFSET))) {
			for (String database : List.of("initiative_registry", "event_service", "evaluation_service",
					"newsletter_service", "gateway")) {
				com.mongodb.client.MongoDatabase db = client.getDatabase(database);
				for (String collection : db.listCollectionNames()) {
					for (org.bson.Document document : db.getCollection(collection).find()) {
						String text = document.toJson().toLowerCase(java.util.Locale.ROOT);
						for (String value : values) {
							if (text.contains(value.toLowerCase(java.util.Locale.ROOT))) {
								// The whole document, to see which field kept it.
								found.add(database + "." + collection + " " + value + " in " + document.toJson());
							}
						}
					}
				}
			}
		}
		return found;
	}

	/**
	 * No log line of any service holds an address, a name or a personal token of the
	 * people of this run: every address the system mailed (the mail catcher saw them all,
	 * demo data included), the participants' names and Jonas's personal token. Logs are
	 * kept, shipped and read by operators, so they are no place for personal data. Runs
	 * before the restart (test 21), while the mail catcher answers.
	 */
	@Test
	@Order(20)
	void shouldWriteNoAddressNameOrTokenIntoAnyServiceLog() throws Exception {
		Set<String> personal = new TreeSet<>();
		for (JsonNode message : this.json
			.readTree(this.http
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + (8025 + PORT_OFFSET) + "/api/messages"))
					.build(), HttpResponse.BodyHandlers.ofString())
				.body())) {
			message.get("to").forEach((to) -> personal.add(to.asString().toLowerCase(java.util.Locale.ROOT)));
		}
		assertThat(personal).as("the run mailed people").contains("jonas.becker@schule-eschwege.test");
		personal.addAll(List.of("Jonas Beckhaus", "Lena Vogt", "Tim Krause"));
		if (this.jonasToken != null) {
			personal.add(this.jonasToken);
		}
		List<Path> logs;
		try (var files = Files.list(dataDir.resolve("logs"))) {
			// The services' logs; the launcher's own (local-stack.log) is a developer's
			// console that prints the demo login on purpose.
			logs = files.filter((file) -> file.getFileName()
				.toString()
				.matches("(initiative-registry|event-service|evaluation-service|newsletter-service|gateway).*\\.log"))
				.toList();
		}
		assertThat(logs).as("service logs").hasSizeGreaterThanOrEqualTo(5);
		List<String> found = new ArrayList<>();
		for (Path log : logs) {
			String text = Files.readString(log).toLowerCase(java.util.Locale.ROOT);
			for (String value : personal) {
				if (text.contains(value.toLowerCase(java.util.Locale.ROOT))) {
					found.add(log.getFileName() + ": " + value);
				}
			}
		}
		assertThat(found).as("personal data in logs").isEmpty();
	}

	private JsonNode awaitMail(String to, String subjectContains) throws Exception {
		String api = "http://localhost:" + (8025 + PORT_OFFSET) + "/api/messages";
		String[] id = new String[1];
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
			for (JsonNode message : this.json.readTree(this.http
				.send(HttpRequest.newBuilder(URI.create(api + "?to=" + URLEncoder.encode(to, StandardCharsets.UTF_8)))
					.build(), HttpResponse.BodyHandlers.ofString())
				.body())) {
				if (message.get("subject").asString().contains(subjectContains)) {
					id[0] = message.get("id").asString();
					return true;
				}
			}
			return false;
		});
		return this.json.readTree(this.http
			.send(HttpRequest.newBuilder(URI.create(api + "/" + id[0])).build(), HttpResponse.BodyHandlers.ofString())
			.body());
	}

	/** The personal token from the link in the confirmation mail. */
	private String personalTokenFromMail(String to) throws Exception {
		String link = linkIn(awaitMail(to, "Anmeldung bestätigt").get("text").asString(),
				"/anmeldung\\.html\\?token=[A-Za-z0-9._~-]+");
		return link.substring(link.indexOf("token=") + "token=".length());
	}

	private static String linkIn(String text, String pathPattern) {
		Matcher link = Pattern.compile("(http://localhost:" + GATEWAY + pathPattern + ")").matcher(text);
		assertThat(link.find()).as(text).isTrue();
		return link.group(1);
	}

	/**
	 * An API client with a session at the gateway, as a page's script has: the session
	 * cookie, and the CSRF token from the cookie sent back in {@code X-XSRF-TOKEN}.
	 */
	private final class ApiSession {

		private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

		private final HttpClient client = HttpClient.newBuilder()
			.cookieHandler(this.cookies)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build();

		ApiSession() throws Exception {
			this.client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + GATEWAY + "/api/session")).build(),
					HttpResponse.BodyHandlers.discarding());
		}

		ApiSession logIn(String username, String password) throws Exception {
			String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
					+ URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
					+ URLEncoder.encode(csrf(), StandardCharsets.UTF_8);
			HttpResponse<Void> login = this.client
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + GATEWAY + "/login"))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString(form))
					.build(), HttpResponse.BodyHandlers.discarding());
			assertThat(login.headers().firstValue("Location")).as("login of " + username).hasValue("/");
			// Fetches the token of the new session.
			this.client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + GATEWAY + "/api/session")).build(),
					HttpResponse.BodyHandlers.discarding());
			return this;
		}

		JsonNode send(String method, String path, Object body, int expectedStatus) throws Exception {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + GATEWAY + path))
				.timeout(Duration.ofSeconds(20))
				.header("Accept", "application/json")
				.header("X-XSRF-TOKEN", csrf());
			if (body != null) {
				request.header("Content-Type", "application/json")
					.method(method,
							HttpRequest.BodyPublishers.ofString(LocalStackSystemIT.this.json.writeValueAsString(body)));
			}
			else {
				request.method(method, HttpRequest.BodyPublishers.noBody());
			}
			HttpResponse<String> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(method + " " + path + " " + response.body()).isEqualTo(expectedStatus);
			return response.body().isEmpty() ? null : LocalStackSystemIT.this.json.readTree(response.body());
		}

		/** A GET with the session, e.g. a download; the caller checks the answer. */
		HttpResponse<String> get(String path) throws Exception {
			return this.client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + GATEWAY + path))
				.timeout(Duration.ofSeconds(20))
				.build(), HttpResponse.BodyHandlers.ofString());
		}

		private String csrf() {
			return this.cookies.getCookieStore()
				.getCookies()
				.stream()
				.filter((cookie) -> cookie.getName().equals("XSRF-TOKEN"))
				.findFirst()
				.orElseThrow()
				.getValue();
		}

	}

	private String werraMeissnerId() {
		for (JsonNode feature : getJson("/api/initiatives/map").get("features")) {
			if (feature.at("/properties/name").asString().equals("Industrieinitiative Werra-Meißner")) {
				return feature.at("/properties/id").asString();
			}
		}
		throw new AssertionError("Werra-Meißner not on the map");
	}

	private String invitationLink(String to) throws Exception {
		String api = "http://localhost:" + (8025 + PORT_OFFSET) + "/api/messages";
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.json
				.readTree(
						this.http
							.send(HttpRequest.newBuilder(URI.create(api + "?to=" + to)).build(),
									HttpResponse.BodyHandlers.ofString())
							.body())
				.size() == 1);
		String id = this.json
			.readTree(
					this.http
						.send(HttpRequest.newBuilder(URI.create(api + "?to=" + to)).build(),
								HttpResponse.BodyHandlers.ofString())
						.body())
			.get(0)
			.get("id")
			.asString();
		String text = this.json
			.readTree(this.http
				.send(HttpRequest.newBuilder(URI.create(api + "/" + id)).build(), HttpResponse.BodyHandlers.ofString())
				.body())
			.get("text")
			.asString();
		Matcher link = Pattern.compile("(http://\\S+/einladung\\.html\\?token=[A-Za-z0-9_-]+)").matcher(text);
		assertThat(link.find()).as(text).isTrue();
		return link.group(1);
	}

	private static void logIn(Browser browser, String username, String password) {
		browser.open("http://localhost:" + GATEWAY + "/login");
		browser.type("username", username);
		browser.type("password", password);
		browser.submit("password");
		browser.waitUntilUrlIs("http://localhost:" + GATEWAY + "/");
	}

	@Test
	@Order(15)
	void shouldShowTheStudysFiguresFromTheDemoDataOnTheDashboard() throws Exception {
		// The launcher loads the 2017 model-region events in the background after
		// "ready",
		// through the gateway like real data; the tests above ran meanwhile.
		await().atMost(Duration.ofSeconds(240))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> launcherPrinted().contains("Demo-Daten geladen"));
		Matcher credentials = demoCredentials();
		ApiSession staff = new ApiSession().logIn(credentials.group(1), credentials.group(2));
		// The demo events are the only ones in 2017/18: the other tests' events lie
		// ahead.
		String period = "?from=2017-01-01&to=2018-01-31";
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> staff.send("GET", "/api/kpi/overview" + period, null, 200)
				.at("/satisfaction/responses")
				.asInt() == 107);
		JsonNode overview = staff.send("GET", "/api/kpi/overview" + period, null, 200);
		assertThat(overview.at("/events/total").asInt()).isEqualTo(11);
		assertThat(overview.at("/events/held").asInt()).isEqualTo(11);
		assertThat(overview.at("/reach/multipliers").asInt()).as("405 multipliers (study IV)").isEqualTo(405);
		JsonNode q1 = overview.at("/satisfaction/items/0");
		assertThat(q1.get("item").asString()).isEqualTo("Q1");
		assertThat(q1.get("n").asInt()).isEqualTo(107);
		assertThat(q1.get("options").get(0).get("percent").asDouble()).isEqualTo(29.9);
		assertThat(q1.get("options").get(1).get("percent").asDouble()).isEqualTo(57.0);
		assertThat(q1.get("options").get(2).get("percent").asDouble()).isEqualTo(13.1);
		assertThat(q1.get("topTwoPercent").asDouble()).as("expectations met").isEqualTo(86.9);
		JsonNode q2 = overview.at("/satisfaction/items/1");
		assertThat(q2.get("n").asInt()).isEqualTo(67);
		assertThat(q2.get("topTwoPercent").asDouble()).as("format suitable").isEqualTo(98.5);
		JsonNode networkMeetings = staff.send("GET",
				"/api/kpi/reach" + period + "&by=format&format=TREFFEN_REGIONALER_INITIATIVEN", null, 200);
		assertThat(networkMeetings.at("/rows/0/events").asInt()).isEqualTo(2);
	}

	@Test
	@Order(16)
	void shouldLetTheOrganiserAdmitWalkInsAtTheDoorUpToTheCapacity() throws Exception {
		ApiSession organiser = new ApiSession().logIn(ORGANISER, ORGANISER_PASSWORD);
		ZonedDateTime start = ZonedDateTime.now(ZoneId.of("Europe/Berlin"))
			.plusDays(20)
			.withHour(16)
			.truncatedTo(ChronoUnit.HOURS);
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("title", UPCOMING_EVENT);
		event.put("format", "WERKSTATTGESPRAECH");
		event.put("start", start.toOffsetDateTime().toString());
		event.put("end", start.plusHours(2).toOffsetDateTime().toString());
		event.put("city", "Witzenhausen");
		event.put("state", "DE-HE");
		event.put("capacity", 2);
		event.put("targetGroups", List.of("PROFESSIONAL", "PUPIL"));
		event.put("campaignSupported", false);
		String eventId = organiser.send("POST", "/api/events", event, 201).get("id").asString();
		organiser.send("POST", "/api/events/" + eventId + "/open", null, 200);
		this.walkInEventId = eventId;

		try (Browser door = Browser.headlessChromium()) {
			logIn(door, ORGANISER, ORGANISER_PASSWORD);
			door.open("http://localhost:" + GATEWAY + "/checkin.html?event=" + eventId);
			door.waitUntilVisible("tuer-form");
			door.type("tuer-name", "Aylin Demir");
			door.click("label[for=tuer-gruppe-professional]");
			door.waitUntilTextContains("tuer-initiative", "Industrieinitiative Werra-Meißner");
			door.selectByText("tuer-initiative", "Industrieinitiative Werra-Meißner");
			door.click("#tuer-absenden");
			door.waitUntilTextContains("ergebnis", "Aylin Demir ist eingetragen und eingecheckt.");
			door.waitUntilTextContains("anzahl-eingecheckt", "1");

			door.type("tuer-name", "Ben Schulz");
			door.click("label[for=tuer-gruppe-pupil]");
			door.click("#tuer-absenden");
			door.waitUntilTextContains("ergebnis", "Ben Schulz ist eingetragen und eingecheckt.");
			door.waitUntilTextContains("anzahl-eingecheckt", "2");

			// Two seats: the third person at the door is told so, and nothing is stored.
			door.type("tuer-name", "Carla Roth");
			door.click("label[for=tuer-gruppe-pupil]");
			door.click("#tuer-absenden");
			door.waitUntilTextContains("tuer-meldung", "ausgebucht");
			door.screenshot(Path.of("target/screenshots/checkin-tuer.png"));
		}
		JsonNode doorList = organiser.send("GET", "/api/events/" + eventId + "/registrations", null, 200);
		List<String> names = new java.util.ArrayList<>();
		doorList.get("registrations").forEach((entry) -> names.add(entry.get("name").asString()));
		assertThat(names).containsExactlyInAnyOrder("Aylin Demir", "Ben Schulz");
		for (JsonNode entry : doorList.get("registrations")) {
			assertThat(entry.get("walkIn").asBoolean()).isTrue();
			assertThat(entry.get("checkedIn").asBoolean()).isTrue();
		}
		JsonNode aylin = doorList.get("registrations").get(0).get("name").asString().equals("Aylin Demir")
				? doorList.get("registrations").get(0) : doorList.get("registrations").get(1);
		assertThat(aylin.get("representedInitiativeId").asString()).isEqualTo(werraMeissnerId());
		assertThat(aylin.get("participantGroup").asString()).isEqualTo("PROFESSIONAL");
	}

	@Test
	@Order(17)
	void shouldLetAReaderSubscribeConfirmWithOneClickAndChangeTheirPreferences() throws Exception {
		String reader = "leserin-systemtest@example.org";
		try (Browser browser = Browser.headlessChromium()) {
			browser.open("http://localhost:" + GATEWAY + "/index.html");
			browser.click("#infobrief-abonnieren");
			browser.waitUntilVisible("newsletter-form");
			browser.waitUntilTextIsNot("einwilligung-text", "");
			// Without an audience and consent the form says what is missing.
			browser.type("email", reader);
			browser.click("#abonnieren");
			browser.waitUntilVisible("zielgruppen-fehler");
			browser.type("name", "Lea Leserin");
			browser.click("label[for=zielgruppe-COMPANY]");
			browser.click("label[for=land-DE-HE]");
			browser.click("label[for=einwilligung]");
			browser.click("#abonnieren");
			browser.waitUntilVisible("erfolg");
			assertThat(browser.text("erfolg-text")).contains("E-Mail");
			browser.screenshot(Path.of("target/screenshots/newsletter-anmeldung.png"));
		}
		// Nothing is sent before the confirmation: the only mail is the confirmation.
		JsonNode mail = awaitMail(reader, "");
		String text = mail.get("text").asString();
		assertThat(text).contains("bestätig").contains("48 Stunden");
		String confirmation = linkIn(text, "/newsletter-bestaetigen\\.html\\?token=[A-Za-z0-9_.~-]+");

		try (Browser browser = Browser.headlessChromium()) {
			// One click on the link confirms: the page needs no second form.
			browser.open(confirmation);
			browser.waitUntilAttributeContains("#meldung", "data-zustand", "bestaetigt");
			assertThat(browser.attribute("#meldung", "data-zustand")).isEqualTo("bestaetigt");
			browser.click("#einstellungen-link");
			browser.waitUntilAttributeContains("#status-anzeige", "data-status", "CONFIRMED");
			browser.waitUntilTextContains("email-anzeige", reader);
			browser.click("label[for=land-DE-BY]");
			browser.click("#speichern");
			browser.waitUntilTextContains("meldung", "Gespeichert");
			browser.screenshot(Path.of("target/screenshots/newsletter-einstellungen.png"));

			// The same link again: explained, not an error.
			browser.open(confirmation);
			browser.waitUntilAttributeContains("#meldung", "data-zustand", "schon-bestaetigt");
		}
		Matcher credentials = demoCredentials();
		ApiSession staff = new ApiSession().logIn(credentials.group(1), credentials.group(2));
		JsonNode found = staff.send("GET", "/api/newsletter/subscribers?q=leserin-systemtest", null, 200);
		assertThat(found.get("total").asInt()).isEqualTo(1);
		JsonNode subscriber = found.get("items").get(0);
		assertThat(subscriber.get("status").asString()).isEqualTo("CONFIRMED");
		assertThat(subscriber.get("states").toString()).contains("DE-HE").contains("DE-BY");
		JsonNode detail = staff.send("GET", "/api/newsletter/subscribers/" + subscriber.get("id").asString(), null,
				200);
		List<String> actions = new java.util.ArrayList<>();
		detail.get("consents").forEach((consent) -> actions.add(consent.get("action").asString()));
		assertThat(actions).containsExactly("REQUESTED", "CONFIRMED", "PREFERENCES_CHANGED");
		assertThat(detail.get("consents").get(0).get("textVersion").asString()).isNotBlank();

		// Subscribing again sends no second mail.
		new ApiSession().send("POST", "/api/newsletter/subscriptions",
				Map.of("email", reader, "audiences", List.of("PUBLIC"), "states", List.of(), "consentTextVersion",
						staff.send("GET", "/api/newsletter/options", null, 200).get("consentTextVersion").asString()),
				202);
		Thread.sleep(1500);
		assertThat(mailsTo(reader)).hasSize(1);
	}

	@Test
	@Order(18)
	void shouldLetStaffComposeFromSuggestionsPreviewTestAndSendAnInfobriefWhichReadersCanLeaveWithOneClick()
			throws Exception {
		assertThat(this.walkInEventId).as("upcoming event of test 16").isNotNull();
		await().atMost(Duration.ofSeconds(240))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> launcherPrinted().contains("Demo-Daten geladen"));
		Matcher credentials = demoCredentials();
		String staffEmail = credentials.group(1);
		ApiSession staffApi = new ApiSession().logIn(staffEmail, credentials.group(2));
		// The demo data's COMPANY subscribers (4) and the reader of test 17.
		int recipients = staffApi.send("GET", "/api/newsletter/segment-count?audiences=COMPANY", null, 200)
			.get("recipients")
			.asInt();
		assertThat(recipients).isEqualTo(5);

		String issueId;
		try (Browser staff = Browser.headlessChromium()) {
			logIn(staff, staffEmail, credentials.group(2));
			staff.open("http://localhost:" + GATEWAY + "/infobriefe.html");
			staff.click("#neu");
			staff.waitUntilVisible("betreff");
			staff.type("betreff", "Infobrief Systemtest");
			staff.type("einleitung", "Liebe Leserinnen und Leser, <b>das</b> ist neu im Industriedialog.");
			// The upcoming event of test 16 is offered as a ready block.
			String block = "#baustein-UPCOMING_EVENT-" + this.walkInEventId;
			staff.waitUntilCount(block, 1);
			staff.click(block);
			staff.waitUntilVisible("abschnitt-0");
			staff.click("#segment-zielgruppe-COMPANY");
			staff.waitUntilAttributeContains("#empfaenger", "data-anzahl", "5");
			staff.click("#speichern");
			staff.waitUntilUrlContains("id=");
			issueId = staff.url().replaceAll(".*[?&]id=([^&]+).*", "$1");

			staff.click("#vorschau-zeigen");
			staff.waitUntilVisible("vorschau");
			staff.waitUntilTextContains("vorschau-betreff", "Infobrief Systemtest");
			// The text version sits in a closed <details>: read it as a screen reader
			// would.
			assertThat((String) staff.script("return document.getElementById('vorschau-text').textContent"))
				.contains(UPCOMING_EVENT)
				.contains("Abmelden");

			staff.click("#testversand");
			JsonNode test = awaitMail(staffEmail, "[Test] Infobrief Systemtest");
			assertThat(test.get("text").asString()).contains(UPCOMING_EVENT);

			staff.click("#versenden");
			staff.waitUntilVisible("versand-dialog");
			assertThat(staff.text("versand-dialog-text")).contains("5");
			staff.click("#versand-bestaetigen");
			staff.waitUntilAttributeContains("#versand-text", "data-status", "SENT");
			assertThat(staff.text("versand-text")).contains("5");
			staff.screenshot(Path.of("target/screenshots/infobrief-versendet.png"));
			assertThat(staff.attribute("#editor", "data-status")).isEqualTo("SENT");

			staff.open("http://localhost:" + GATEWAY + "/infobriefe.html");
			staff.waitUntilAttributeContains("#infobriefe-tabelle tr[data-id='" + issueId + "']", "data-status",
					"SENT");
		}

		// Exactly one Infobrief per recipient, with the one-click headers.
		String reader = "leserin-systemtest@example.org";
		JsonNode infobrief = awaitMail(reader, "Infobrief Systemtest");
		assertThat(mailsTo(reader).stream().filter((m) -> m.get("subject").asString().contains("Systemtest")))
			.hasSize(1);
		JsonNode headers = infobrief.get("headers");
		String listUnsubscribe = header(headers, "List-Unsubscribe");
		assertThat(header(headers, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
		assertThat(infobrief.get("html").asString()).doesNotContain("<b>das</b>").contains("&lt;b&gt;das&lt;/b&gt;");
		assertThat(infobrief.get("text").asString()).contains(UPCOMING_EVENT);
		for (int index = 2; index <= 20; index += 6) {
			String demo = String.format(java.util.Locale.ROOT, "infobrief-demo-%02d@example.org", index + 1);
			assertThat(mailsTo(demo).stream().filter((m) -> m.get("subject").asString().contains("Systemtest")))
				.as(demo)
				.hasSize(1);
		}
		assertThat(mailsTo("infobrief-demo-02@example.org").stream()
			.filter((m) -> m.get("subject").asString().contains("Systemtest"))).as("not in the segment").isEmpty();

		// A mailbox provider's one-click unsubscribe: a POST without cookies or CSRF
		// token.
		Matcher oneClick = Pattern.compile("<(http[^>]+/api/newsletter/unsubscribe/[^>]+)>").matcher(listUnsubscribe);
		assertThat(oneClick.find()).as(listUnsubscribe).isTrue();
		HttpResponse<String> unsubscribed = this.http.send(HttpRequest.newBuilder(URI.create(oneClick.group(1)))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(unsubscribed.statusCode()).as(unsubscribed.body()).isEqualTo(200);
		assertThat(staffApi.send("GET", "/api/newsletter/subscribers?q=leserin-systemtest", null, 200)
			.at("/items/0/status")
			.asString()).isEqualTo("UNSUBSCRIBED");
		assertThat(staffApi.send("GET", "/api/newsletter/segment-count?audiences=COMPANY", null, 200)
			.get("recipients")
			.asInt()).isEqualTo(4);

		// The link in the body leads to a page that confirms it, with a way back.
		String page = linkIn(infobrief.get("text").asString(), "/newsletter-abmelden\\.html\\?token=[A-Za-z0-9_.~-]+");
		try (Browser browser = Browser.headlessChromium()) {
			browser.open(page);
			browser.waitUntilAttributeContains("#meldung", "data-zustand", "abgemeldet");
			assertThat(browser.attribute("#wieder-anmelden-link", "href")).contains("newsletter.html");
		}

		// The dashboard's newsletter figures come from dialog.newsletter.v1.
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			JsonNode newsletter = staffApi.send("GET", "/api/kpi/overview", null, 200).get("newsletter");
			assertThat(newsletter.get("available").asBoolean()).isTrue();
			assertThat(newsletter.get("activeSubscribers").asInt()).isEqualTo(24);
			assertThat(newsletter.get("infobriefeSent").asInt()).isGreaterThanOrEqualTo(1);
			assertThat(newsletter.at("/lastInfobrief/subject").asString()).isEqualTo("Infobrief Systemtest");
			assertThat(newsletter.at("/lastInfobrief/delivered").asInt()).isEqualTo(5);
		});
	}

	private List<JsonNode> mailsTo(String to) throws Exception {
		String api = "http://localhost:" + (8025 + PORT_OFFSET) + "/api/messages?to="
				+ URLEncoder.encode(to, StandardCharsets.UTF_8);
		List<JsonNode> mails = new java.util.ArrayList<>();
		this.json
			.readTree(this.http
				.send(HttpRequest.newBuilder(URI.create(api)).build(), HttpResponse.BodyHandlers.ofString())
				.body())
			.forEach(mails::add);
		return mails;
	}

	private static String header(JsonNode headers, String name) {
		if (headers.isObject()) {
			for (var entry : headers.properties()) {
				if (entry.getKey().equalsIgnoreCase(name)) {
					return entry.getValue().isArray() ? entry.getValue().get(0).asString()
							: entry.getValue().asString();
				}
			}
		}
		else {
			for (JsonNode header : headers) {
				if (header.get("name").asString().equalsIgnoreCase(name)) {
					return header.get("value").asString();
				}
			}
		}
		throw new AssertionError("no header " + name + " in " + headers);
	}

	@Test
	@Order(21)
	void shouldStopCleanlyAndKeepTheDataAcrossARestart() throws Exception {
		JsonNode kpiBefore = getJson("/api/kpi/initiatives");
		long initiativesBefore = getJson("/api/initiatives?size=1").at("/page/totalElements").asLong();
		stop();
		assertThat(portIsFree(GATEWAY)).as("gateway port free after stop").isTrue();
		assertThat(portIsFree(9092 + PORT_OFFSET)).as("Kafka port free after stop").isTrue();
		assertThat(portIsFree(27017 + PORT_OFFSET)).as("MongoDB port free after stop").isTrue();

		start();
		// The import runs again on every start and must add nothing; the view keeps its
		// numbers.
		Thread.sleep(3000);
		assertThat(awaitKpiTotal(kpiBefore.get("total").asInt())).isEqualTo(kpiBefore);
		assertThat(launcherPrinted()).as("demo data are loaded once, not on every start").doesNotContain("Demo-Daten");
		assertThat(getJson("/api/initiatives?size=1").at("/page/totalElements").asLong()).isEqualTo(initiativesBefore);
		stop();
	}

	private Matcher demoCredentials() throws IOException {
		Matcher credentials = Pattern.compile("Staff login \\(demo\\)\\s+(\\S+) / (\\S+)").matcher(launcherPrinted());
		assertThat(credentials.find()).as("demo credentials printed").isTrue();
		return credentials;
	}

	private void assertStaffCanLogInWithThePrintedDemoCredentials() throws Exception {
		Matcher credentials = demoCredentials();
		HttpClient browser = HttpClient.newBuilder()
			.cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + GATEWAY + "/login")).build(),
				HttpResponse.BodyHandlers.discarding());
		String csrf = ((CookieManager) browser.cookieHandler().orElseThrow()).getCookieStore()
			.getCookies()
			.stream()
			.filter((cookie) -> cookie.getName().equals("XSRF-TOKEN"))
			.findFirst()
			.orElseThrow()
			.getValue();
		String form = "username=" + URLEncoder.encode(credentials.group(1), StandardCharsets.UTF_8) + "&password="
				+ URLEncoder.encode(credentials.group(2), StandardCharsets.UTF_8) + "&_csrf=" + csrf;
		HttpResponse<Void> login = browser
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + GATEWAY + "/login"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.discarding());
		assertThat(login.headers().firstValue("Location")).hasValue("/");
		HttpResponse<String> session = browser.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + GATEWAY + "/api/session")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(this.json.readTree(session.body()).get("roles").get(0).asString()).isEqualTo("STAFF");
	}

	private void assertTabelle1(JsonNode kpi) {
		assertThat(kpi.get("total").asInt()).isEqualTo(40);
		assertThat(counts(kpi.get("byLevel"))).containsExactly(Map.entry("LOCAL", 8), Map.entry("REGIONAL", 14),
				Map.entry("STATE", 18));
		assertThat(counts(kpi.get("byType"))).containsExactly(Map.entry("NETWORK", 17), Map.entry("MEASURE", 12),
				Map.entry("MIXED", 11));
		assertThat(counts(kpi.at("/byLevelAndType/LOCAL"))).containsExactly(Map.entry("NETWORK", 2),
				Map.entry("MEASURE", 2), Map.entry("MIXED", 4));
		assertThat(counts(kpi.at("/byLevelAndType/REGIONAL"))).containsExactly(Map.entry("NETWORK", 2),
				Map.entry("MEASURE", 9), Map.entry("MIXED", 3));
		assertThat(counts(kpi.at("/byLevelAndType/STATE"))).containsExactly(Map.entry("NETWORK", 13),
				Map.entry("MEASURE", 1), Map.entry("MIXED", 4));
		Map<String, Integer> byState = counts(kpi.get("byState"));
		assertThat(byState).containsEntry("DE-NW", 13)
			.containsEntry("DE-BE", 4)
			.containsEntry("DE-BW", 4)
			.containsEntry("DE-RP", 4)
			.containsEntry("DE-HE", 3)
			.containsEntry("DE-HH", 2)
			.containsEntry("DE-TH", 2)
			.containsEntry("UNKNOWN", 2)
			.containsEntry("DE-MV", 0)
			.containsEntry("DE-BB", 0);
		assertThat(byState.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(40);
		assertThat(byState.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey())
			.isEqualTo("DE-NW");
	}

	private JsonNode awaitKpiTotal(int total) {
		await().atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> getJson("/api/kpi/initiatives").get("total").asInt() == total);
		return getJson("/api/kpi/initiatives");
	}

	private void start() throws Exception {
		Path root = Path.of(System.getProperty("repository.root", "../..")).toAbsolutePath().normalize();
		Path jar = root.resolve("deploy/local-stack/target/local-stack.jar");
		assertThat(jar).as("launcher jar; build with ./mvnw -DskipTests package").exists();
		String java = ProcessHandle.current().info().command().orElse("java");
		Files.deleteIfExists(launcherOutput());
		this.launcher = new ProcessBuilder(java, "-jar", jar.toString(), "--data-dir=" + dataDir,
				"--port-offset=" + PORT_OFFSET)
			.directory(root.toFile())
			.redirectErrorStream(true)
			.redirectOutput(launcherOutput().toFile())
			.start();
		await().atMost(Duration.ofSeconds(300))
			.pollInterval(Duration.ofMillis(500))
			.failFast("the launcher ended", () -> !this.launcher.isAlive())
			.until(() -> launcherPrinted().contains("ready"));
		assertThat(Files.exists(dataDir.resolve("ready"))).isTrue();
	}

	private void stop() throws InterruptedException, IOException {
		List<ProcessHandle> services = this.launcher.descendants().toList();
		assertThat(services).as("the five service JVMs").hasSizeGreaterThanOrEqualTo(5);
		// SIGTERM, as Ctrl+C's SIGINT: the launcher's shutdown hook stops everything.
		this.launcher.destroy();
		assertThat(this.launcher.waitFor(90, TimeUnit.SECONDS)).as("launcher stopped").isTrue();
		assertThat(launcherPrinted()).as("launcher exit code %d", this.launcher.exitValue()).contains("stopped");
		assertThat(services).as("no stray processes").noneMatch(ProcessHandle::isAlive);
	}

	private Path launcherOutput() {
		return dataDir.resolve("launcher.out");
	}

	private String launcherPrinted() throws IOException {
		return Files.exists(launcherOutput()) ? Files.readString(launcherOutput()) : "";
	}

	private static boolean portIsFree(int port) {
		try (ServerSocket socket = new ServerSocket(port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private JsonNode getJson(String path) {
		HttpResponse<String> response = get(path);
		assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	private HttpResponse<String> get(String path) {
		try {
			return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + GATEWAY + path))
				.timeout(Duration.ofSeconds(20))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static Map<String, Integer> counts(JsonNode node) {
		Map<String, Integer> counts = new LinkedHashMap<>();
		node.properties().forEach((entry) -> counts.put(entry.getKey(), entry.getValue().asInt()));
		return counts;
	}

}
