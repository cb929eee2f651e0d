package de.industriedialog.gateway.account;

import java.util.Map;

import de.industriedialog.platform.ratelimit.RateLimit;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.support.WebExchangeBindException;

/**
 * A new initiative creates its account; its Steckbrief is public only after staff review.
 */
@RestController
class SignUpController {

	private final Accounts accounts;

	private final RateLimit signUps;

	SignUpController(Accounts accounts, RateLimit signUps) {
		this.accounts = accounts;
		this.signUps = signUps;
	}

	@PostMapping("/account/signup")
	Mono<ResponseEntity<Object>> signUp(@Valid @RequestBody SignUpRequest request, ServerHttpRequest http) {
		String client = (http.getRemoteAddress() != null) ? http.getRemoteAddress().getAddress().getHostAddress()
				: "unknown";
		// Every valid attempt counts, also one for an address that has an account. It is
		// counted atomically in the store before the account is made, so a burst of
		// parallel requests on several replicas gets no more than the limit either.
		return OffEventLoop.offEventLoop(() -> this.signUps.tryAcquire(client)).flatMap((decision) -> {
			if (!decision.allowed()) {
				ProblemDetail refused = problem(HttpStatus.TOO_MANY_REQUESTS,
						"Von Ihrem Anschluss wurden in der letzten Stunde schon mehrere Konten angelegt. "
								+ "Bitte versuchen Sie es später noch einmal.");
				refused.setTitle("Zu viele Anfragen");
				return Mono.just(ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
					.header(HttpHeaders.RETRY_AFTER, String.valueOf(decision.retryAfter().toSeconds()))
					.<Object>body(refused));
			}
			return this.accounts.signUp(request.email(), request.password())
				.map((account) -> ResponseEntity.status(HttpStatus.CREATED)
					.<Object>body(Map.of("email", account.email(), "initiativeId", account.initiativeId())))
				.defaultIfEmpty(ResponseEntity.status(HttpStatus.CONFLICT)
					.body(problem(HttpStatus.CONFLICT,
							"Für diese E-Mail-Adresse gibt es schon ein Konto. Bitte melden Sie sich an.")));
		});
	}

	@ExceptionHandler(WebExchangeBindException.class)
	ResponseEntity<ProblemDetail> invalid(WebExchangeBindException ex) {
		ProblemDetail detail = problem(HttpStatus.BAD_REQUEST, "Bitte prüfen Sie die markierten Angaben.");
		detail.setProperty("errors", ex.getFieldErrors()
			.stream()
			.map((error) -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
			.toList());
		return ResponseEntity.badRequest().body(detail);
	}

	private static ProblemDetail problem(HttpStatus status, String detail) {
		return ProblemDetail.forStatusAndDetail(status, detail);
	}

	record SignUpRequest(
			@NotBlank(message = "Bitte geben Sie Ihre E-Mail-Adresse an.") @Email(
					message = "Das ist keine gültige E-Mail-Adresse.") @Size(max = 254) String email,
			@NotBlank(message = "Bitte legen Sie ein Passwort fest.") @Size(min = 12, max = 128,
					message = "Das Passwort muss zwischen 12 und 128 Zeichen lang sein.") String password) {
	}

}
