package de.industriedialog.gateway.account;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The login page and who is logged in, for the web UI. */
@RestController
class SessionController {

	private static final ClassPathResource LOGIN_PAGE = new ClassPathResource("static/login.html");

	@GetMapping(path = "/login", produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<ClassPathResource> loginPage() {
		return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(LOGIN_PAGE);
	}

	/**
	 * Reads the security context itself rather than taking an
	 * {@code @AuthenticationPrincipal}: for a visitor, or a session cookie the store no
	 * longer knows (expired, logged out, made up), there is no principal of that type and
	 * the resolver hands over {@code null}.
	 */
	@GetMapping("/api/session")
	Mono<SessionView> session() {
		return ReactiveSecurityContextHolder.getContext()
			.mapNotNull(SecurityContext::getAuthentication)
			.filter(Authentication::isAuthenticated)
			.mapNotNull(
					(authentication) -> (authentication.getPrincipal() instanceof AccountUser account) ? account : null)
			.map((account) -> new SessionView(true, account.getUsername(), account.roles(), account.initiativeId()))
			.defaultIfEmpty(new SessionView(false, null, List.of(), null));
	}

	/** Who is logged in; {@code authenticated=false} for visitors. */
	record SessionView(boolean authenticated, String email, List<String> roles, String initiativeId) {
	}

}
