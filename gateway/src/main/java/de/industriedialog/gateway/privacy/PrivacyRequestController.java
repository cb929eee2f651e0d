package de.industriedialog.gateway.privacy;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import de.industriedialog.platform.privacy.PrivacyRequestKind;
import de.industriedialog.platform.ratelimit.RateLimit;
import de.industriedialog.platform.ratelimit.RateLimits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static de.industriedialog.gateway.account.OffEventLoop.offEventLoop;

/**
 * The public side of access and erasure requests (GDPR Art. 15, 17, 20), for the page
 * {@code datenschutz-anfrage.html}: asking, the mailed link's confirmation, the progress
 * and the download.
 */
@RestController
@RequestMapping("/api/privacy/requests")
class PrivacyRequestController {

	/** The same for every address, known or not: the page reveals nothing. */
	static final String NEUTRAL = "Danke. Wenn die Adresse stimmt, bekommen Sie gleich eine E-Mail mit einem Link. "
			+ "Er gilt 24 Stunden; erst wenn Sie ihn öffnen, bearbeiten wir Ihre Anfrage.";

	private final PrivacyRequestFlow flow;

	private final RateLimit perClient;

	private final RateLimit perAddress;

	PrivacyRequestController(PrivacyRequestFlow flow, RateLimits limits,
			@Value("${industriedialog.privacy.requests-per-client-and-hour:10}") int perClient,
			@Value("${industriedialog.privacy.requests-per-address-and-day:3}") int perAddress) {
		this.flow = flow;
		this.perClient = limits.limit("gateway.privacy-requests", perClient, Duration.ofHours(1));
		this.perAddress = limits.limit("gateway.privacy-requests-per-address", perAddress, Duration.ofDays(1));
	}

	@PostMapping
	Mono<ResponseEntity<Object>> request(@Valid @RequestBody NewRequest request, ServerHttpRequest http) {
		String client = (http.getRemoteAddress() != null) ? http.getRemoteAddress().getAddress().getHostAddress()
				: "unknown";
		return offEventLoop(() -> {
			RateLimit.Decision decision = this.perClient.tryAcquire(client);
			if (!decision.allowed()) {
				ProblemDetail refused = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
						"Von Ihrem Anschluss kamen in der letzten Stunde schon mehrere Datenschutzanfragen. "
								+ "Bitte versuchen Sie es später noch einmal.");
				refused.setTitle("Zu viele Anfragen");
				return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
					.header(HttpHeaders.RETRY_AFTER, String.valueOf(decision.retryAfter().toSeconds()))
					.<Object>body(refused);
			}
			// Beyond a few a day for one address no more mails go to it, and the answer
			// stays the same: a stranger can neither flood a mailbox nor tell anything.
			if (this.perAddress.tryAcquire(this.flow.subjectKey(request.email())).allowed()) {
				this.flow.request(request.email(), request.kind(), null);
			}
			return ResponseEntity.status(HttpStatus.ACCEPTED).<Object>body(Map.of("message", NEUTRAL));
		});
	}

	@PostMapping("/verify")
	Mono<Verification> verify(@Valid @RequestBody TokenRequest request) {
		return offEventLoop(() -> {
			PrivacyRequestRecord found = this.flow.byToken(request.token());
			boolean first = this.flow.verify(found, PrivacyRequestRecord.VERIFIED_BY_LINK);
			return Map.entry(this.flow.byId(found.id()).orElse(found), first);
		}).flatMap((verified) -> this.flow.progress(verified.getKey())
			.map((progress) -> Verification.of(progress, verified.getValue())));
	}

	@GetMapping("/progress")
	Mono<PrivacyRequestFlow.Progress> progress(@RequestParam String token) {
		return offEventLoop(() -> this.flow.byToken(token)).flatMap(this.flow::progress);
	}

	@GetMapping("/export")
	Mono<ResponseEntity<PrivacyRequestFlow.Export>> export(@RequestParam String token) {
		return offEventLoop(() -> this.flow.byToken(token)).flatMap(this.flow::export)
			.map(PrivacyRequestController::download);
	}

	/** The export as a file: machine-readable JSON (Art. 20). */
	static ResponseEntity<PrivacyRequestFlow.Export> download(PrivacyRequestFlow.Export export) {
		String date = LocalDate.ofInstant(export.exportedAt(), ZoneId.of("Europe/Berlin")).toString();
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment()
						.filename("industriedialog-auskunft-" + date + ".json")
						.build()
						.toString())
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(export);
	}

	record NewRequest(
			@NotBlank(message = "Bitte geben Sie Ihre E-Mail-Adresse an.") @Email(
					message = "Das ist keine gültige E-Mail-Adresse. Bitte prüfen Sie die Schreibweise.") @Size(
							max = 254, message = "Eine E-Mail-Adresse hat höchstens 254 Zeichen.") String email,
			@NotNull(message = "Bitte wählen Sie Auskunft oder Löschung.") PrivacyRequestKind kind) {
	}

	record TokenRequest(@NotBlank(message = "Der Link ist unvollständig.") @Size(max = 100) String token) {
	}

	/** The progress after opening the link, and whether this opening confirmed it. */
	record Verification(String requestId, PrivacyRequestKind kind, boolean verified, boolean done,
			java.time.Instant expiresAt, java.util.List<PrivacyRequestFlow.Progress.Part> parts, boolean firstUse,
			String message) {

		static Verification of(PrivacyRequestFlow.Progress progress, boolean firstUse) {
			String message = firstUse
					? ((progress.kind() == PrivacyRequestKind.ERASURE)
							? "Danke. Wir löschen jetzt Ihre Daten in allen Bereichen."
							: "Danke. Wir stellen jetzt Ihre Daten aus allen Bereichen zusammen.")
					: "Diesen Link haben Sie bereits benutzt. Hier sehen Sie, wie weit Ihre Anfrage ist.";
			return new Verification(progress.requestId(), progress.kind(), progress.verified(), progress.done(),
					progress.expiresAt(), progress.parts(), firstUse, message);
		}

	}

}
