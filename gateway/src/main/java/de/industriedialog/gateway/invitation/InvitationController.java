package de.industriedialog.gateway.invitation;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ServerWebExchange;

/**
 * Invitations of initiative contacts (staff) and setting the password (the invited
 * person).
 */
@RestController
@RequestMapping("/account/invitations")
class InvitationController {

	private final Invitations invitations;

	InvitationController(Invitations invitations) {
		this.invitations = invitations;
	}

	@PostMapping
	Mono<ResponseEntity<Map<String, Object>>> invite(@Valid @RequestBody InviteRequest request,
			ServerWebExchange exchange) {
		return exchange.getPrincipal()
			.ofType(Authentication.class)
			.filter((auth) -> auth.getAuthorities().stream().anyMatch((a) -> a.getAuthority().equals("ROLE_STAFF")))
			.switchIfEmpty(Mono
				.error(new Invitations.InvitationProblem(403, "Einladungen verschicken darf nur die Geschäftsstelle.")))
			.flatMap((staff) -> this.invitations.invite(request.email(), request.initiativeId(), staff.getName()))
			.map((invitation) -> ResponseEntity.status(HttpStatus.CREATED)
				.body(Map.of("email", invitation.email(), "initiativeId", invitation.initiativeId(), "expiresAt",
						invitation.expiresAt())));
	}

	@PostMapping("/redeem")
	Mono<ResponseEntity<Invitations.Redeemed>> redeem(@Valid @RequestBody RedeemRequest request) {
		return this.invitations.redeem(request.token(), request.password())
			.map((redeemed) -> ResponseEntity.status(HttpStatus.CREATED).body(redeemed));
	}

	@ExceptionHandler(Invitations.InvitationProblem.class)
	ResponseEntity<ProblemDetail> problem(Invitations.InvitationProblem problem) {
		ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(problem.status()),
				problem.getMessage());
		return ResponseEntity.status(problem.status()).body(detail);
	}

	@ExceptionHandler(WebExchangeBindException.class)
	ResponseEntity<ProblemDetail> invalid(WebExchangeBindException ex) {
		ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"Bitte prüfen Sie die markierten Angaben.");
		detail.setTitle("Ungültige Eingabe");
		detail.setProperty("errors", ex.getFieldErrors()
			.stream()
			.map((error) -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
			.toList());
		return ResponseEntity.badRequest().body(detail);
	}

	record InviteRequest(
			@NotBlank(message = "Bitte geben Sie eine E-Mail-Adresse an.") @Email(
					message = "Das ist keine gültige E-Mail-Adresse.") @Size(max = 254) String email,
			@NotBlank(message = "Bitte wählen Sie die Initiative.") @Size(max = 64) String initiativeId) {
	}

	record RedeemRequest(@NotBlank @Size(max = 100) String token,
			@NotBlank(message = "Bitte legen Sie ein Passwort fest.") @Size(min = 12, max = 128,
					message = "Das Passwort muss zwischen 12 und 128 Zeichen lang sein.") String password) {
	}

}
