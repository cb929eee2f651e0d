package de.industriedialog.gateway.privacy;

import java.util.List;
import java.util.Map;

import de.industriedialog.platform.privacy.PrivacyRequestKind;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import static de.industriedialog.gateway.account.OffEventLoop.offEventLoop;

/**
 * Staff run a request received by letter on the person's behalf: either the link goes to
 * the address as on the public page, or staff identified the sender by letter and the
 * request is verified at once; then staff follow its progress and download the export
 * once, to send it on. Every step is recorded in {@link PrivacyAudit}.
 */
@RestController
@RequestMapping("/api/privacy/staff")
class StaffPrivacyController {

	private final PrivacyRequestFlow flow;

	private final PrivacyAudit audit;

	StaffPrivacyController(PrivacyRequestFlow flow, PrivacyAudit audit) {
		this.flow = flow;
		this.audit = audit;
	}

	@PostMapping("/requests")
	Mono<ResponseEntity<Object>> request(@Valid @RequestBody StaffRequest request, ServerWebExchange exchange) {
		return staff(exchange).flatMap((staff) -> offEventLoop(() -> {
			if (!request.identityCheckedByLetter()) {
				PrivacyRequestRecord created = this.flow.request(request.email(), request.kind(), staff);
				this.audit.record(staff, PrivacyAudit.Action.REQUESTED, created);
				return ResponseEntity.status(HttpStatus.ACCEPTED)
					.<Object>body(Map.of("requestId", created.id(), "message",
							"Die Person bekommt eine E-Mail mit dem Link; erst wenn sie ihn öffnet, "
									+ "wird die Anfrage bearbeitet."));
			}
			PrivacyRequestRecord created = this.flow.requestVerifiedByLetter(request.email(), request.kind(), staff);
			this.audit.record(staff, PrivacyAudit.Action.REQUESTED, created);
			this.audit.record(staff, PrivacyAudit.Action.VERIFIED_BY_LETTER, created);
			return ResponseEntity.status(HttpStatus.CREATED)
				.<Object>body(Map.of("requestId", created.id(), "message",
						(request.kind() == PrivacyRequestKind.ERASURE)
								? "Die Löschung läuft in allen Bereichen. Den Fortschritt sehen Sie hier."
								: "Die Auskunft wird zusammengestellt. Sie können sie einmal herunterladen."));
		}));
	}

	@GetMapping("/requests/{id}")
	Mono<PrivacyRequestFlow.Progress> progress(@PathVariable String id, ServerWebExchange exchange) {
		return staff(exchange).flatMap((staff) -> staffRequest(id)).flatMap(this.flow::progress);
	}

	/**
	 * The export of a request by letter, once: a copy of a person's data should not be
	 * fetched again and again; a second download is refused.
	 */
	@GetMapping("/requests/{id}/export")
	Mono<ResponseEntity<PrivacyRequestFlow.Export>> export(@PathVariable String id, ServerWebExchange exchange) {
		return staff(exchange).flatMap((staff) -> staffRequest(id).map(StaffPrivacyController::verifiedByLetter)
			.flatMap((request) -> this.flow.export(request).flatMap((export) -> offEventLoop(() -> {
				if (!this.flow.markStaffDownloaded(request)) {
					throw new PrivacyProblem(409, "Diese Auskunft wurde schon heruntergeladen. "
							+ "Für eine weitere Kopie legen Sie bitte eine neue Anfrage an.");
				}
				this.audit.record(staff, PrivacyAudit.Action.DOWNLOADED, request);
				return PrivacyRequestController.download(export);
			}))));
	}

	@GetMapping("/audit")
	Mono<List<PrivacyAudit.Entry>> audit(ServerWebExchange exchange) {
		return staff(exchange).flatMap((staff) -> offEventLoop(() -> this.audit.newest(200)));
	}

	/**
	 * A request the person confirmed through the mailed link is theirs to download; staff
	 * download only what they verified by letter, to send it by post.
	 */
	private static PrivacyRequestRecord verifiedByLetter(PrivacyRequestRecord request) {
		if (!request.verified() || PrivacyRequestRecord.VERIFIED_BY_LINK.equals(request.verifiedBy())) {
			throw new PrivacyProblem(409,
					"Diese Auskunft lädt die Person selbst über den Link in ihrer E-Mail herunter. "
							+ "Herunterladen können Sie nur Anfragen, deren Identität Sie per Brief geprüft haben.");
		}
		return request;
	}

	private Mono<PrivacyRequestRecord> staffRequest(String id) {
		return offEventLoop(() -> this.flow.byId(id)
			.filter((request) -> request.requestedBy() != null)
			.orElseThrow(() -> new PrivacyProblem(404, "Diese Anfrage gibt es nicht.")));
	}

	private static Mono<String> staff(ServerWebExchange exchange) {
		return exchange.getPrincipal()
			.ofType(Authentication.class)
			.filter((auth) -> auth.getAuthorities().stream().anyMatch((a) -> a.getAuthority().equals("ROLE_STAFF")))
			.map(Authentication::getName)
			.switchIfEmpty(Mono.error(
					new PrivacyProblem(403, "Anfragen im Auftrag einer Person bearbeitet nur die Geschäftsstelle.")));
	}

	record StaffRequest(
			@NotBlank(message = "Bitte geben Sie die E-Mail-Adresse der Person an.") @Email(
					message = "Das ist keine gültige E-Mail-Adresse.") @Size(max = 254,
							message = "Eine E-Mail-Adresse hat höchstens 254 Zeichen.") String email,
			@NotNull(message = "Bitte wählen Sie Auskunft oder Löschung.") PrivacyRequestKind kind,
			boolean identityCheckedByLetter) {
	}

}
