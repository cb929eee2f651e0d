package de.industriedialog.gateway.privacy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import de.industriedialog.contracts.Topics;
import de.industriedialog.gateway.web.SecretLinks;
import de.industriedialog.platform.mail.MailQueue;
import de.industriedialog.platform.mail.OutgoingMail;
import de.industriedialog.platform.messaging.OutboxEvent;
import de.industriedialog.platform.messaging.OutboxEvents;
import de.industriedialog.platform.privacy.PrivacyRequestAnswered;
import de.industriedialog.platform.privacy.PrivacyRequestKind;
import de.industriedialog.platform.privacy.PrivacyRequestVerified;
import de.industriedialog.platform.privacy.PrivacyRequests;
import de.industriedialog.platform.privacy.SubjectKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import static de.industriedialog.gateway.account.OffEventLoop.offEventLoop;

/**
 * The gateway's side of a privacy request (docs/adr/0015): it takes the request, mails
 * the link that proves the address is the person's, publishes the verified request on
 * {@code dialog.privacy.v1} (outbox), answers its own part at once, and collects the
 * other services' answers and exports when the person looks. Nothing of an export is
 * stored, and no address: only its subject key.
 */
@Service
class PrivacyRequestFlow {

	private static final Logger log = LoggerFactory.getLogger(PrivacyRequestFlow.class);

	/**
	 * How long the mailed link works: for the confirmation, the progress and the
	 * download.
	 */
	static final Duration VALIDITY = Duration.ofHours(24);

	private final PrivacyRequestStore store;

	private final PrivacyRequests ownPart;

	private final ServiceParts services;

	private final OutboxEvents outboxEvents;

	private final MailQueue mailQueue;

	private final SubjectKeys subjectKeys;

	private final Clock clock;

	private final List<String> participants;

	private final String publicUrl;

	PrivacyRequestFlow(PrivacyRequestStore store, PrivacyRequests ownPart, ServiceParts services,
			OutboxEvents outboxEvents, MailQueue mailQueue, SubjectKeys subjectKeys, Clock clock,
			@Value("${industriedialog.privacy.services}") List<String> participants,
			@Value("${industriedialog.gateway.public-url}") String publicUrl) {
		this.store = store;
		this.ownPart = ownPart;
		this.services = services;
		this.outboxEvents = outboxEvents;
		this.mailQueue = mailQueue;
		this.subjectKeys = subjectKeys;
		this.clock = clock;
		this.participants = List.copyOf(participants);
		this.publicUrl = publicUrl;
	}

	String subjectKey(String email) {
		return this.subjectKeys.of(email);
	}

	/**
	 * Takes a request and mails its link to the address; blocking. The link goes to
	 * whatever address was typed in, known or not: only its owner can open it, and which
	 * services hold data is known only once they answered.
	 */
	PrivacyRequestRecord request(String email, PrivacyRequestKind kind, String staff) {
		String token = SecretLinks.newToken();
		PrivacyRequestRecord request = insert(email, kind, token, staff);
		this.mailQueue.enqueue(mail(SubjectKeys.normalise(email), request, token));
		return request;
	}

	/**
	 * A request received by letter whose sender staff identified: verified by them at
	 * once, without a link; blocking.
	 */
	PrivacyRequestRecord requestVerifiedByLetter(String email, PrivacyRequestKind kind, String staff) {
		PrivacyRequestRecord request = insert(email, kind, SecretLinks.newToken(), staff);
		verify(request, staff);
		return this.store.byId(request.id()).orElseThrow();
	}

	private PrivacyRequestRecord insert(String email, PrivacyRequestKind kind, String token, String staff) {
		Instant now = this.clock.instant();
		String id = UUID.randomUUID().toString();
		this.store.insert(id, SecretLinks.hash(token), kind, subjectKey(email), now, now.plus(VALIDITY), staff);
		return this.store.byId(id).orElseThrow();
	}

	/** The request of a mailed link, if it is still valid; blocking. */
	PrivacyRequestRecord byToken(String token) {
		PrivacyRequestRecord request = this.store.byToken(SecretLinks.hash(token))
			.orElseThrow(() -> new PrivacyProblem(404,
					"Diesen Link kennen wir nicht. Bitte öffnen Sie ihn direkt aus der E-Mail "
							+ "oder stellen Sie eine neue Anfrage."));
		if (request.expired(this.clock.instant())) {
			throw new PrivacyProblem(410, "Dieser Link ist abgelaufen: Er gilt 24 Stunden. "
					+ "Bitte stellen Sie eine neue Anfrage, dann bekommen Sie einen neuen Link.");
		}
		return request;
	}

	/**
	 * @return whether this was the first staff download of the request's export
	 */
	boolean markStaffDownloaded(PrivacyRequestRecord request) {
		return this.store.markStaffDownloaded(request.id(), this.clock.instant());
	}

	Optional<PrivacyRequestRecord> byId(String id) {
		return this.store.byId(id);
	}

	/**
	 * Verifies the request (once: a second call changes nothing) and answers the
	 * gateway's own part; blocking.
	 * @return whether this call verified it
	 */
	boolean verify(PrivacyRequestRecord request, String verifiedBy) {
		Instant now = this.clock.instant();
		PrivacyRequestVerified verified = new PrivacyRequestVerified(request.id(), request.kind(), request.subjectKey(),
				now);
		OutboxEvent event = this.outboxEvents.create(Topics.PRIVACY_V1, PrivacyRequestVerified.TYPE, request.id(),
				request.id(), verified, now);
		boolean first = this.store.verify(request.id(), verifiedBy, now, event);
		// Also on a second click: a crash between the two steps is made good here (and
		// on every progress poll), the answer is given once (PrivacyRequests).
		this.ownPart.answer(verified);
		return first;
	}

	/**
	 * The progress per service. A service asked that does not answer counts as pending; a
	 * final answer is kept, so it is asked once only.
	 */
	Mono<Progress> progress(PrivacyRequestRecord request) {
		if (!request.verified()) {
			return Mono.just(progress(request, Map.of()));
		}
		return Flux.fromIterable(this.participants)
			.flatMapSequential((service) -> answer(service, request).map((answer) -> Map.entry(service, answer)))
			.collectMap(Map.Entry::getKey, Map.Entry::getValue)
			.map((answers) -> progress(request, answers));
	}

	private Mono<Optional<PrivacyRequestRecord.Answer>> answer(String service, PrivacyRequestRecord request) {
		PrivacyRequestRecord.Answer known = request.answers().get(service);
		if (known != null) {
			return Mono.just(Optional.of(known));
		}
		Mono<Optional<PrivacyRequestAnswered>> asked = service.equals(this.ownPart.service())
				? offEventLoop(() -> Optional.of(this.ownPart.answer(new PrivacyRequestVerified(request.id(),
						request.kind(), request.subjectKey(), request.verifiedAt()))))
				: this.services.answer(service, request);
		return asked.flatMap((answered) -> {
			if (answered.isEmpty()) {
				return Mono.just(Optional.<PrivacyRequestRecord.Answer>empty());
			}
			PrivacyRequestAnswered given = answered.get();
			PrivacyRequestRecord.Answer answer = new PrivacyRequestRecord.Answer(given.status(), given.records(),
					given.occurredAt());
			return offEventLoop(() -> this.store.recordAnswer(request.id(), service, answer))
				.thenReturn(Optional.of(answer));
		}).onErrorResume((ex) -> {
			// Pending until it answers: the service is away or restarting.
			log.warn("No privacy answer from {} for request {} yet: {}", service, request.id(), ex.toString());
			return Mono.just(Optional.empty());
		});
	}

	private Progress progress(PrivacyRequestRecord request,
			Map<String, Optional<PrivacyRequestRecord.Answer>> answers) {
		List<Progress.Part> parts = this.participants.stream().map((service) -> {
			Optional<PrivacyRequestRecord.Answer> answer = answers.getOrDefault(service, Optional.empty());
			return new Progress.Part(service, ServiceTitles.of(service),
					answer.map(PrivacyRequestRecord.Answer::status).orElse(Progress.PENDING),
					answer.map(PrivacyRequestRecord.Answer::records).orElse(Map.of()));
		}).toList();
		boolean done = request.verified() && parts.stream().noneMatch((part) -> Progress.PENDING.equals(part.status()));
		return new Progress(request.id(), request.kind(), request.verified(), done, request.expiresAt(), parts);
	}

	/**
	 * Everything every service holds about the person, assembled now and never stored. A
	 * part that cannot be had fails the whole export: a silently partial file would tell
	 * the person less than we hold.
	 */
	Mono<Export> export(PrivacyRequestRecord request) {
		if (request.kind() != PrivacyRequestKind.ACCESS || !request.verified()) {
			return Mono.error(new PrivacyProblem(409, "Zu dieser Anfrage gibt es keine Auskunft zum Herunterladen."));
		}
		return Flux.fromIterable(this.participants)
			.flatMapSequential((service) -> exportOf(service, request)
				.onErrorMap((ex) -> !(ex instanceof PrivacyProblem), (ex) -> {
					log.warn("No privacy export from {} for request {}: {}", service, request.id(), ex.toString());
					return new PrivacyProblem(503,
							"Der Bereich „" + ServiceTitles.of(service)
									+ "“ ist gerade nicht erreichbar, deshalb können wir Ihre Daten nicht vollständig "
									+ "zusammenstellen. Bitte versuchen Sie es in ein paar Minuten noch einmal.");
				})
				.map((data) -> Map.entry(service, data)))
			.collectList()
			.map((entries) -> {
				Map<String, Object> parts = new LinkedHashMap<>();
				entries.forEach((entry) -> parts.put(entry.getKey(), entry.getValue()));
				return new Export(request.id(), this.clock.instant(), parts);
			});
	}

	private Mono<Map<String, Object>> exportOf(String service, PrivacyRequestRecord request) {
		if (service.equals(this.ownPart.service())) {
			return offEventLoop(() -> this.ownPart.export(request.subjectKey()));
		}
		return this.services.export(service, request);
	}

	private OutgoingMail mail(String address, PrivacyRequestRecord request, String token) {
		boolean erasure = request.kind() == PrivacyRequestKind.ERASURE;
		String what = erasure ? "Ihre Daten beim Industriedialog zu löschen"
				: "Auskunft über Ihre Daten beim Industriedialog zu bekommen";
		String text = """
				Guten Tag,

				%s, %s.

				Wenn Sie das waren, öffnen Sie bitte diesen Link (er gilt 24 Stunden):
				%s/datenschutz-anfrage.html?token=%s

				%s
				Wenn Sie nicht darum gebeten haben, ignorieren Sie diese E-Mail einfach: Ohne den Link
				geschieht nichts.

				Mit freundlichen Grüßen
				Ihre Geschäftsstelle Industriedialog
				""".formatted(
				(request.requestedBy() != null)
						? "die Geschäftsstelle hat nach Ihrem Schreiben für diese E-Mail-Adresse darum gebeten"
						: "jemand hat mit dieser E-Mail-Adresse darum gebeten",
				what, this.publicUrl, token,
				erasure ? "Auf der Seite bestätigen Sie die Löschung noch einmal ausdrücklich.\n" : "");
		return new OutgoingMail("privacy-request:" + request.id(), "privacy-request", request.id(),
				"Geschäftsstelle Industriedialog <geschaeftsstelle@industriedialog.de>", address, null,
				erasure ? "Datenschutz: Bitte bestätigen Sie die Löschung Ihrer Daten"
						: "Datenschutz: Ihre Auskunft beim Industriedialog",
				null, text, List.of(), Map.of());
	}

	/** The progress the page shows. */
	record Progress(String requestId, PrivacyRequestKind kind, boolean verified, boolean done, Instant expiresAt,
			List<Part> parts) {

		static final String PENDING = "PENDING";

		/** {@code status}: {@code PENDING}, {@code DONE} or {@code NOTHING_FOUND}. */
		record Part(String service, String title, String status, Map<String, Integer> records) {
		}

	}

	/** The download: every service's parts by name, each with title and records. */
	record Export(String requestId, Instant exportedAt, Map<String, Object> parts) {
	}

}
