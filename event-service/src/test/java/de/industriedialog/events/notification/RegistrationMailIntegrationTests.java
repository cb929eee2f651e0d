package de.industriedialog.events.notification;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import de.industriedialog.contracts.CloudEventHeaders;
import de.industriedialog.events.initiative.InitiativeReplication;
import de.industriedialog.events.registration.Registration;
import de.industriedialog.events.registration.RegistrationStatus;
import de.industriedialog.events.registration.RegistrationStore;
import de.industriedialog.events.registration.RegistrationTokens;
import de.industriedialog.localstack.MailCatcher;
import de.industriedialog.platform.mail.MailQueue;
import de.industriedialog.platform.mail.QueuedMail;
import de.industriedialog.platform.testing.KafkaTopics;
import de.industriedialog.platform.testing.ServiceClient;
import de.industriedialog.platform.testing.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The participant mails end to end: registrations over HTTP, their events through Kafka
 * to the mailer, the mails through SMTP into the project's mail catcher, read back over
 * its HTTP API and parsed with Jakarta Mail. Subclasses choose Kafka and MongoDB.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "industriedialog.security.jwt-secret=" + TestTokens.SECRET,
				"industriedialog.public-url=" + RegistrationMailIntegrationTests.PUBLIC_URL,
				// every request comes from 127.0.0.1; the limits are tested elsewhere
				"industriedialog.registration.rate-limit.enabled=false",
				"industriedialog.mail.imprint=Geschäftsstelle Industriedialog · Teststraße 1 · 10115 Berlin",
				// triggered directly below, not on a schedule
				"industriedialog.mail.reminder.enabled=false",
				// a greylisted mail is tried again soon, not after the production
				// back-off
				"industriedialog.mail.queue.initial-backoff=200ms" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DirtiesContext
abstract class RegistrationMailIntegrationTests {

	static final String PUBLIC_URL = "https://industriedialog.test";

	static final String REGISTRATIONS = "dialog.registrations.v1";

	static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	static final MailCatcher mail = startMailCatcher();

	private static final Pattern PERSONAL_LINK = Pattern
		.compile(Pattern.quote(PUBLIC_URL) + "/anmeldung\\.html\\?token=([A-Za-z0-9_.-]+)");

	private static final Pattern FEEDBACK_LINK = Pattern
		.compile(Pattern.quote(PUBLIC_URL) + "/feedback\\.html\\?token=([A-Za-z0-9_-]+)");

	private static final DateTimeFormatter ICS_UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private final JsonMapper json = JsonMapper.builder().build();

	private final ServiceClient http = new ServiceClient(
			() -> "http://localhost:" + this.environment.getProperty("local.server.port"), this.json);

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	private final String initiative = "ini-mail-" + this.run;

	@Autowired
	Environment environment;

	@Autowired
	InitiativeReplication replication;

	@Autowired
	RegistrationStore store;

	@Autowired
	RegistrationTokens tokens;

	@Autowired
	Reminders reminders;

	@Autowired
	MeterRegistry meterRegistry;

	@Autowired
	MailQueue mailQueue;

	abstract String bootstrapServers();

	@DynamicPropertySource
	static void smtp(DynamicPropertyRegistry properties) {
		properties.add("spring.mail.host", () -> "127.0.0.1");
		properties.add("spring.mail.port", mail::smtpPort);
	}

	@AfterAll
	static void stopMailCatcher() {
		mail.close();
	}

	@BeforeAll
	void publishInitiative() {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("initiativeId", this.initiative);
		payload.put("version", 1);
		payload.put("occurredAt", Instant.now().toString());
		payload.put("name", "Initiative " + this.initiative);
		payload.put("level", "REGIONAL");
		payload.put("type", "NETWORK");
		payload.put("state", "DE-BW");
		KafkaTopics.send(bootstrapServers(), "dialog.initiatives.v1", this.initiative,
				Map.of(CloudEventHeaders.SPEC_VERSION, "1.0", CloudEventHeaders.ID, UUID.randomUUID().toString(),
						CloudEventHeaders.TYPE, CloudEventHeaders.ceType("SteckbriefPublished"),
						CloudEventHeaders.SOURCE, "/initiative-registry", CloudEventHeaders.SUBJECT, this.initiative,
						CloudEventHeaders.TIME, Instant.now().toString()),
				this.json.writeValueAsString(payload));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.replication.find(this.initiative)).isPresent());
	}

	@Test
	void shouldConfirmWithCalendarFileAndAPersonalLinkThatWorks() throws Exception {
		ZonedDateTime start = startIn(30, 10);
		String event = openEvent(5, start);
		String to = address("lena");
		registered(event, to, "Lena <Schmidt> & Co");

		JsonNode mail = onlyMail(to, "Anmeldung bestätigt: ");
		assertThat(mail.get("subject").asString()).isEqualTo("Anmeldung bestätigt: " + TITLE);
		assertThat(mail.get("from").asString()).isEqualTo("Industriedialog <noreply@industriedialog.de>");
		assertThat(mail.get("to")).extracting(JsonNode::asString).containsExactly(to);
		String text = mail.get("text").asString();
		String html = mail.get("html").asString();
		assertThat(text).startsWith("Hallo Lena <Schmidt> & Co,")
			.contains("„" + TITLE + "“ angemeldet",
					"Wann: " + GermanDates.period(start.toInstant(), start.plusHours(6).toInstant()),
					"Wo:   Haus der Wirtschaft, Stuttgart",
					"Geschäftsstelle Industriedialog · Teststraße 1 · 10115 Berlin", "weil du dich mit dieser Adresse");
		assertThat(html).contains("Hallo <span>Lena &lt;Schmidt&gt; &amp; Co</span>,")
			.doesNotContain("<Schmidt>")
			.contains("Geschäftsstelle Industriedialog · Teststraße 1 · 10115 Berlin");

		// the link in the mail opens the personal registration page
		String token = personalToken(text);
		assertThat(html).contains("href=\"" + PUBLIC_URL + "/anmeldung.html?token=" + token + "\"");
		HttpResponse<String> page = this.http.get("/api/registrations/" + token);
		assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
		String registrationId = this.json.readTree(page.body()).get("id").asString();

		// multipart/mixed: text and HTML as alternatives, and the calendar file
		MimeMessage message = raw(mail);
		assertThat(message.isMimeType("multipart/mixed")).isTrue();
		Multipart mixed = (Multipart) message.getContent();
		assertThat(mixed.getBodyPart(0).isMimeType("multipart/alternative")).isTrue();
		Multipart alternative = (Multipart) mixed.getBodyPart(0).getContent();
		assertThat(alternative.getBodyPart(0).isMimeType("text/plain")).isTrue();
		assertThat(alternative.getBodyPart(1).isMimeType("text/html")).isTrue();
		assertThat(mail.get("attachments")).hasSize(1);
		assertThat(mail.at("/attachments/0/filename").asString()).isEqualTo("veranstaltung.ics");
		assertThat(mail.at("/attachments/0/contentType").asString()).isEqualTo("text/calendar");

		String ics = calendarOf(message);
		assertThat(ics).startsWith("BEGIN:VCALENDAR\r\n").endsWith("END:VCALENDAR\r\n");
		String unfolded = ics.replace("\r\n ", "");
		assertThat(unfolded).contains("\r\nMETHOD:PUBLISH\r\n", "\r\nUID:" + registrationId + "@industriedialog\r\n",
				"\r\nDTSTART:" + ICS_UTC.format(start) + "\r\n",
				"\r\nDTEND:" + ICS_UTC.format(start.plusHours(6)) + "\r\n",
				"\r\nSUMMARY:" + CalendarFile.text(TITLE) + "\r\n", "\r\nLOCATION:Haus der Wirtschaft\\, Stuttgart\r\n",
				"\r\nURL:" + PUBLIC_URL + "/anmeldung.html?token=" + token + "\r\n",
				"\r\nDESCRIPTION:Deine Anmeldung (ansehen oder stornieren): " + PUBLIC_URL);
		assertThat(ics.split("\r\n"))
			.allSatisfy((line) -> assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75));

		assertThat(this.meterRegistry.counter("mails.sent", "type", "confirmation").count()).isPositive();
	}

	@Test
	void shouldMailWaitlistThenCancellationAndPromotionWhenASeatFreesUp() throws Exception {
		String event = openEvent(1, startIn(31, 14));
		String holder = address("holder");
		String waiting = address("waiting");
		String holderToken = registered(event, holder, "Mara").get("token").asString();
		String waitingToken = registered(event, waiting, "Jonas").get("token").asString();
		onlyMail(holder, "Anmeldung bestätigt: ");

		JsonNode waitlist = onlyMail(waiting, "Warteliste: ");
		assertThat(waitlist.get("text").asString()).startsWith("Hallo Jonas,")
			.contains("als Nummer 1 dazugekommen", "sofort eine E-Mail")
			.contains(PUBLIC_URL + "/anmeldung.html?token=" + waitingToken);
		assertThat(waitlist.get("attachments")).isEmpty();

		HttpResponse<String> cancelled = this.http.post("/api/registrations/" + holderToken + "/cancel", null, null);
		assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);

		JsonNode cancellation = onlyMail(holder, "Abmeldung bestätigt: ");
		assertThat(cancellation.get("text").asString()).startsWith("Hallo Mara,")
			.contains("deine Anmeldung für „" + TITLE + "“", "storniert");
		JsonNode promotion = onlyMail(waiting, "Du hast einen Platz: ");
		assertThat(promotion.get("subject").asString()).isEqualTo("Du hast einen Platz: " + TITLE);
		assertThat(promotion.get("text").asString()).contains("du hast ihn", waitingToken);
		String registrationId = this.json.readTree(this.http.get("/api/registrations/" + waitingToken).body())
			.get("id")
			.asString();
		assertThat(calendarOf(raw(promotion))).contains("UID:" + registrationId + "@industriedialog");
		// nothing else went to either of them
		assertThat(mails(holder)).hasSize(2);
		assertThat(mails(waiting)).hasSize(2);
	}

	@Test
	void shouldMailOnceWhenKafkaDeliversTheSameEventTwice() throws Exception {
		String event = openEvent(5, startIn(32, 9));
		String to = address("twice");
		String token = registered(event, to, "Tim").get("token").asString();
		onlyMail(to, "Anmeldung bestätigt: ");
		String registrationId = token.substring(0, token.lastIndexOf('.'));

		ConsumerRecord<String, String> confirmed = KafkaTopics.readTopic(bootstrapServers(), REGISTRATIONS)
			.stream()
			.filter((r) -> "de.industriedialog.RegistrationConfirmed"
				.equals(KafkaTopics.header(r, CloudEventHeaders.TYPE)))
			.filter((r) -> registrationId.equals(this.json.readTree(r.value()).get("registrationId").asString()))
			.findFirst()
			.orElseThrow();
		Map<String, String> headers = new LinkedHashMap<>();
		for (Header header : confirmed.headers()) {
			headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
		}
		KafkaTopics.send(bootstrapServers(), REGISTRATIONS, confirmed.key(), headers, confirmed.value());

		// Same key, same partition: once the mail for a later registration of the same
		// event
		// is out, the copy before it has been handled.
		String later = address("later");
		registered(event, later, "Nora");
		onlyMail(later, "Anmeldung bestätigt: ");

		assertThat(mails(to)).hasSize(1);
		Registration registration = this.store.find(registrationId).orElseThrow();
		assertThat(registration.sentMails()).containsExactly(KafkaTopics.header(confirmed, CloudEventHeaders.ID));
	}

	@Test
	void shouldSendAgainWhenTheMailServerRefusedTheFirstAttemptTemporarily() throws Exception {
		String event = openEvent(5, startIn(34, 11));
		String to = address(MailCatcher.GREYLISTED_PREFIX + "ute");
		double retriedBefore = this.meterRegistry.counter("mails.retried", "type", "confirmation").count();
		String token = registered(event, to, "Ute").get("token").asString();

		// The server answered 451 to the first attempt; the mail queue tried again.
		JsonNode confirmation = onlyMail(to, "Anmeldung bestätigt: ");
		assertThat(this.meterRegistry.counter("mails.retried", "type", "confirmation").count())
			.isEqualTo(retriedBefore + 1);
		String registrationId = token.substring(0, token.lastIndexOf('.'));
		QueuedMail queued = this.mailQueue.list(QueuedMail.Status.SENT, 10_000)
			.stream()
			.filter((mail) -> registrationId.equals(mail.reference()))
			.findFirst()
			.orElseThrow();
		assertThat(queued.attempts()).isEqualTo(2);
		assertThat("<" + confirmation.get("messageId").asString() + ">").isEqualTo(queued.messageId());
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> mails(to).size() == 1);
	}

	@Test
	void shouldRecordAMailTheServerRefusesForGoodAsFailedAndShowItToStaff() throws Exception {
		String event = openEvent(5, startIn(34, 12));
		String to = address(MailCatcher.REFUSED_PREFIX + "udo");
		String token = registered(event, to, "Udo").get("token").asString();
		String registrationId = token.substring(0, token.lastIndexOf('.'));

		await().atMost(Duration.ofSeconds(20)).until(() -> failedMail(registrationId) != null);
		JsonNode failed = failedMail(registrationId);
		assertThat(failed.get("type").asString()).isEqualTo("confirmation");
		assertThat(failed.get("attempts").asInt()).isEqualTo(1);
		assertThat(failed.get("lastError").asString()).contains("550");
		assertThat(mails(to)).isEmpty();

		HttpResponse<String> forbidden = this.http.get("/api/mails?status=FAILED",
				TestTokens.initiative(this.initiative));
		assertThat(forbidden.statusCode()).isEqualTo(403);
	}

	private JsonNode failedMail(String registrationId) {
		HttpResponse<String> response = this.http.get("/api/mails?status=FAILED", TestTokens.staff());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		for (JsonNode mail : this.json.readTree(response.body()).get("mails")) {
			if (registrationId.equals(mail.get("registrationId").asString())) {
				return mail;
			}
		}
		return null;
	}

	@Test
	void shouldInviteOnlyCheckedInParticipantsToGiveFeedback() throws Exception {
		String event = openEvent(5, startIn(33, 16));
		String present = address("present");
		String absent = address("absent");
		String presentToken = registered(event, present, "Paula").get("token").asString();
		registered(event, absent, "Aaron");
		onlyMail(present, "Anmeldung bestätigt: ");
		onlyMail(absent, "Anmeldung bestätigt: ");

		HttpResponse<String> checkIn = this.http.post("/api/events/" + event + "/check-ins",
				TestTokens.initiative(this.initiative), Map.of("token", presentToken));
		assertThat(checkIn.statusCode()).as(checkIn.body()).isEqualTo(200);
		for (String step : List.of("close", "held")) {
			HttpResponse<String> response = this.http.post("/api/events/" + event + "/" + step,
					TestTokens.initiative(this.initiative), null);
			assertThat(response.statusCode()).as(step + ": " + response.body()).isEqualTo(200);
		}

		JsonNode invitation = onlyMail(present, "Wie war’s? Dein Feedback zu ");
		String text = invitation.get("text").asString();
		Matcher link = FEEDBACK_LINK.matcher(text);
		assertThat(link.find()).as(text).isTrue();
		String registrationId = presentToken.substring(0, presentToken.lastIndexOf('.'));
		assertThat(link.group(1)).isEqualTo(this.tokens.feedbackToken(registrationId));
		assertThat(text).startsWith("Hallo Paula,").contains("nur einmal", "anonym");
		assertThat(invitation.get("html").asString()).contains("href=\"" + link.group() + "\"");
		assertThat(invitation.get("attachments")).isEmpty();

		await().during(Duration.ofSeconds(3))
			.atMost(Duration.ofSeconds(10))
			.until(() -> mails(absent).size() == 1 && mails(present).size() == 2);
		assertThat(this.store.find(registrationId).orElseThrow().sentMails()).contains(FeedbackInvitations.MAIL_KEY);
	}

	@Test
	void shouldRemindConfirmedParticipantsOnceEvenIfTheJobRunsTwice() throws Exception {
		ZonedDateTime start = startIn(45, 18);
		String event = openEvent(1, start);
		String confirmed = address("reminded");
		String waiting = address("not-reminded");
		registered(event, confirmed, "Rosa");
		registered(event, waiting, "Wim");
		onlyMail(confirmed, "Anmeldung bestätigt: ");
		onlyMail(waiting, "Warteliste: ");

		// Two hours before the start; another event on another day is not due.
		Instant now = start.minusHours(2).toInstant();
		assertThat(this.reminders.remindDue(now)).isEqualTo(1);
		assertThat(this.reminders.remindDue(now)).isZero();
		assertThat(this.reminders.remindDue(start.minusDays(2).toInstant())).isZero();

		JsonNode reminder = onlyMail(confirmed, "Erinnerung: ");
		assertThat(reminder.get("subject").asString())
			.isEqualTo("Erinnerung: " + TITLE + " am " + GermanDates.day(start.toInstant()));
		assertThat(reminder.get("text").asString()).startsWith("Hallo Rosa,")
			.contains("beginnt am " + GermanDates.day(start.toInstant()) + " um 18:00 Uhr.");
		assertThat(mails(confirmed)).hasSize(2);
		assertThat(mails(waiting)).hasSize(1);
	}

	@Test
	void shouldMailNobodyAboutAnEventRecordedAfterwards() throws Exception {
		ZonedDateTime start = ZonedDateTime.of(2017, 11, 7, 10, 0, 0, 0, BERLIN);
		Map<String, Object> body = eventBody(5, start);
		body.put("recordedAfterwards", true);
		HttpResponse<String> created = this.http.post("/api/events", TestTokens.staff(), body);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String event = this.json.readTree(created.body()).get("id").asString();
		String to = address("recorded");
		step(event, "open");
		String registrationId = walkIn(event, to, "Rita");
		walkIn(event, null, "Ohne Adresse");
		step(event, "close");
		step(event, "held");

		// Once the mailer has handled every record of this event, nothing may have gone
		// out: no confirmation, no feedback invitation.
		awaitHandledByTheMailer(event, 4, 4);
		assertThat(mails(to)).isEmpty();
		assertThat(this.store.find(registrationId).orElseThrow().sentMails()).isEmpty();
	}

	@Test
	void shouldInviteSomeoneRegisteredAtTheDoorWithAnAddressButNotConfirm() throws Exception {
		String event = openEvent(5, startIn(35, 10));
		String to = address("door");
		String registrationId = walkIn(event, to, "Doris");
		String silent = walkIn(event, null, "Ohne Adresse");
		step(event, "close");
		step(event, "held");

		JsonNode invitation = onlyMail(to, "Wie war’s? Dein Feedback zu ");
		assertThat(invitation.get("text").asString()).startsWith("Hallo Doris,")
			.contains(this.tokens.feedbackToken(registrationId));
		awaitHandledByTheMailer(event, 4, 4);
		assertThat(mails(to)).hasSize(1);
		assertThat(this.store.find(registrationId).orElseThrow().sentMails())
			.containsExactly(FeedbackInvitations.MAIL_KEY);
		assertThat(this.store.find(silent).orElseThrow().sentMails()).isEmpty();
	}

	// helpers

	static final String TITLE = "Zukunftswerkstatt „Unsere Industrie = Unsere Zukunft“";

	private String address(String who) {
		return who + "-" + this.run + "@example.org";
	}

	private static ZonedDateTime startIn(int days, int hour) {
		return ZonedDateTime.now(BERLIN).plusDays(days).withHour(hour).withMinute(0).withSecond(0).withNano(0);
	}

	private String walkIn(String event, String email, String name) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", name);
		body.put("email", email);
		body.put("participantGroup", "PROFESSIONAL");
		HttpResponse<String> response = this.http.post("/api/events/" + event + "/walk-ins", TestTokens.staff(), body);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return this.json.readTree(response.body()).get("id").asString();
	}

	private void step(String event, String step) {
		HttpResponse<String> response = this.http.post("/api/events/" + event + "/" + step, TestTokens.staff(), null);
		assertThat(response.statusCode()).as(step + ": " + response.body()).isEqualTo(200);
	}

	/**
	 * Waits until the mail consumer group has committed past every record of the event on
	 * both topics it reads: after that, every mail it would send is out.
	 */
	private void awaitHandledByTheMailer(String event, int registrationRecords, int eventRecords) {
		List<ConsumerRecord<String, String>> records = new ArrayList<>(
				KafkaTopics.recordsOf(bootstrapServers(), REGISTRATIONS, event, registrationRecords));
		records.addAll(KafkaTopics.recordsOf(bootstrapServers(), "dialog.events.v1", event, eventRecords));
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
				Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("event-service-mail")
					.partitionsToOffsetAndMetadata()
					.get();
				assertThat(records).allSatisfy((r) -> {
					OffsetAndMetadata offset = committed.get(new TopicPartition(r.topic(), r.partition()));
					assertThat(offset).as("committed offset of " + r.topic() + "-" + r.partition()).isNotNull();
					assertThat(offset.offset()).isGreaterThan(r.offset());
				});
			});
		}
	}

	private Map<String, Object> eventBody(int capacity, ZonedDateTime start) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("initiativeId", this.initiative);
		body.put("title", TITLE);
		body.put("description", "Junge Menschen diskutieren, wie Industrie und Zukunft zusammengehören.");
		body.put("format", "ZUKUNFTSWERKSTATT");
		body.put("start", start.toInstant().toString());
		body.put("end", start.plusHours(6).toInstant().toString());
		body.put("venue", "Haus der Wirtschaft");
		body.put("city", "Stuttgart");
		body.put("state", "DE-BW");
		body.put("capacity", capacity);
		body.put("targetGroups", List.of("PUPIL"));
		body.put("campaignSupported", true);
		return body;
	}

	private String openEvent(int capacity, ZonedDateTime start) {
		Map<String, Object> body = eventBody(capacity, start);
		HttpResponse<String> created = this.http.post("/api/events", TestTokens.initiative(this.initiative), body);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String id = this.json.readTree(created.body()).get("id").asString();
		HttpResponse<String> opened = this.http.post("/api/events/" + id + "/open",
				TestTokens.initiative(this.initiative), null);
		assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);
		return id;
	}

	private JsonNode registered(String event, String email, String name) {
		Map<String, Object> form = new LinkedHashMap<>();
		form.put("name", name);
		form.put("email", email);
		form.put("organisation", "Gymnasium Stuttgart");
		form.put("participantGroup", "PUPIL");
		form.put("consent", true);
		form.put("consentVersion", "teilnahme-2026-11");
		HttpResponse<String> response = this.http.post("/api/events/" + event + "/registrations", null, form);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		// The answer carries no link (only the mailbox owner may have it); the test knows
		// the secret and builds it, as the mail does.
		Registration registration = this.store.ofEvent(event)
			.stream()
			.filter((r) -> email.equalsIgnoreCase(r.email()) && r.status() != RegistrationStatus.CANCELLED)
			.findFirst()
			.orElseThrow();
		return this.json.createObjectNode()
			.put("status", registration.status().name())
			.put("token", this.tokens.personalToken(registration.id()));
	}

	private static String personalToken(String text) {
		Matcher link = PERSONAL_LINK.matcher(text);
		assertThat(link.find()).as(text).isTrue();
		return link.group(1);
	}

	/** Waits for exactly one mail to the address whose subject starts so; its details. */
	private JsonNode onlyMail(String to, String subjectPrefix) {
		List<JsonNode> found = new ArrayList<>();
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
			found.clear();
			mails(to).stream().filter((m) -> m.get("subject").asString().startsWith(subjectPrefix)).forEach(found::add);
			assertThat(found).as("mails to " + to + " with subject " + subjectPrefix).isNotEmpty();
		});
		assertThat(found).as("mails to " + to + " with subject " + subjectPrefix).hasSize(1);
		return this.json.readTree(mailApi("/api/messages/" + found.get(0).get("id").asString()));
	}

	private List<JsonNode> mails(String to) {
		List<JsonNode> list = new ArrayList<>();
		this.json.readTree(mailApi("/api/messages?to=" + URLEncoder.encode(to, StandardCharsets.UTF_8)))
			.forEach(list::add);
		return list;
	}

	private MimeMessage raw(JsonNode mail) throws MessagingException {
		byte[] raw = this.http
			.send(HttpRequest.newBuilder(mailUri("/api/messages/" + mail.get("id").asString() + "/raw")), null,
					HttpResponse.BodyHandlers.ofByteArray())
			.body();
		return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
	}

	private static String calendarOf(Part part) throws MessagingException, IOException {
		if (part.isMimeType("multipart/*")) {
			Multipart multipart = (Multipart) part.getContent();
			for (int i = 0; i < multipart.getCount(); i++) {
				String found = calendarOf(multipart.getBodyPart(i));
				if (found != null) {
					return found;
				}
			}
			return null;
		}
		if (part.isMimeType("text/calendar")) {
			assertThat(part.getContentType()).contains("method=PUBLISH");
			assertThat(((BodyPart) part).getFileName()).isEqualTo("veranstaltung.ics");
			try (InputStream in = part.getInputStream()) {
				return new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
		}
		return null;
	}

	private String mailApi(String path) {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(mailUri(path)), null);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.body();
	}

	private static URI mailUri(String path) {
		return URI.create("http://127.0.0.1:" + mail.httpPort() + path);
	}

	private static MailCatcher startMailCatcher() {
		try {
			return MailCatcher.start(Files.createTempDirectory("event-service-mail"), 0, 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
