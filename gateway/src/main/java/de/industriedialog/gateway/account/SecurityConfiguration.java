package de.industriedialog.gateway.account;

import java.net.URI;
import java.time.Duration;

import de.industriedialog.platform.ratelimit.RateLimit;
import de.industriedialog.platform.ratelimit.RateLimits;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UserDetailsRepositoryReactiveAuthenticationManager;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.CsrfWebFilter;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.WebFilter;

import static de.industriedialog.gateway.account.OffEventLoop.offEventLoop;

/**
 * People log in at the gateway with a form and keep a session; the gateway relays who
 * they are to the services (see {@code TokenRelayFilter}). Which request needs which role
 * is decided by the owning service, so the gateway lets every request through.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GatewayAccountProperties.class)
class SecurityConfiguration {

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	/**
	 * Five failed logins per account within 15 minutes lock further attempts. Counted in
	 * the store, so a guesser gains nothing by spreading attempts over the replicas.
	 */
	@Bean
	RateLimit loginFailures(RateLimits limits) {
		return limits.limit("gateway.login-failures", 5, Duration.ofMinutes(15));
	}

	/** Five sign-ups per client address and hour. */
	@Bean
	RateLimit signUps(RateLimits limits) {
		return limits.limit("gateway.sign-ups", 5, Duration.ofHours(1));
	}

	/**
	 * Newsletter subscriptions per client address and hour (default 20): enough for a
	 * shared office connection, too few to flood strangers' mailboxes with confirmation
	 * mails.
	 */
	@Bean
	RateLimit newsletterSubscriptions(RateLimits limits,
			@Value("${industriedialog.gateway.newsletter-subscriptions-per-hour:20}") int perHour) {
		return limits.limit("gateway.newsletter-subscriptions", perHour, Duration.ofHours(1));
	}

	/**
	 * Checks the password and then forgets it and its hash: the authenticated principal
	 * goes into the session, and the session into the store, where no password hash
	 * belongs.
	 */
	private static ReactiveAuthenticationManager loginManager(Accounts accounts, PasswordEncoder passwordEncoder) {
		UserDetailsRepositoryReactiveAuthenticationManager manager = new UserDetailsRepositoryReactiveAuthenticationManager(
				accounts);
		manager.setPasswordEncoder(passwordEncoder);
		return (authentication) -> manager.authenticate(authentication).doOnNext((authenticated) -> {
			if (authenticated instanceof CredentialsContainer container) {
				container.eraseCredentials();
			}
		});
	}

	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, RateLimit loginFailures,
			RateLimit newsletterSubscriptions, Accounts accounts, PasswordEncoder passwordEncoder,
			JsonMapper jsonMapper) {
		RedirectServerAuthenticationFailureHandler failed = new RedirectServerAuthenticationFailureHandler(
				"/login?error");
		RedirectServerAuthenticationSuccessHandler succeeded = new RedirectServerAuthenticationSuccessHandler("/");
		return http.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
			.csrf((csrf) -> csrf.requireCsrfProtectionMatcher(csrfProtected())
				.csrfTokenRepository(CookieServerCsrfTokenRepository.withHttpOnlyFalse())
				.csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
				.accessDeniedHandler(
						(exchange, denied) -> Mono.error(new ResponseStatusException(HttpStatus.FORBIDDEN))))
			.formLogin((form) -> form.loginPage("/login")
				.authenticationManager(loginManager(accounts, passwordEncoder))
				.authenticationFailureHandler(countFailure(loginFailures, failed))
				.authenticationSuccessHandler(forgetFailures(loginFailures, markUsed(accounts, succeeded))))
			.logout((logout) -> logout.logoutUrl("/logout"))
			.addFilterBefore(refuseLockedLogins(loginFailures), SecurityWebFiltersOrder.FORM_LOGIN)
			.addFilterAfter(exposeCsrfCookie(), SecurityWebFiltersOrder.CSRF)
			.addFilterAfter(throttleNewsletterSubscriptions(newsletterSubscriptions, jsonMapper),
					SecurityWebFiltersOrder.AUTHORIZATION)
			.build();
	}

	/** A failed login counts against the account it named, on every replica. */
	private static ServerAuthenticationFailureHandler countFailure(RateLimit loginFailures,
			ServerAuthenticationFailureHandler then) {
		return (exchange, exception) -> exchange.getExchange()
			.getFormData()
			.mapNotNull((data) -> data.getFirst("username"))
			.flatMap((username) -> offEventLoop(() -> loginFailures.record(Accounts.normalize(username))))
			.then(then.onAuthenticationFailure(exchange, exception));
	}

	/** A successful login forgets the account's failed attempts. */
	private static ServerAuthenticationSuccessHandler forgetFailures(RateLimit loginFailures,
			ServerAuthenticationSuccessHandler then) {
		return (exchange, authentication) -> {
			String username = Accounts.normalize(authentication.getName());
			return offEventLoop(() -> loginFailures.reset(username))
				.then(then.onAuthenticationSuccess(exchange, authentication));
		};
	}

	/**
	 * A successful login puts a sign-up in use, so the retention of unused sign-ups
	 * leaves it alone.
	 */
	private static ServerAuthenticationSuccessHandler markUsed(Accounts accounts,
			ServerAuthenticationSuccessHandler then) {
		return (exchange, authentication) -> accounts.markUsed(authentication.getName())
			.then(then.onAuthenticationSuccess(exchange, authentication));
	}

	/**
	 * Every state-changing request needs the CSRF token except the RFC 8058 one-click
	 * unsubscribe: mailbox providers POST it without cookies or token, and the personal
	 * token in the path is its authorization. Only this exact path is exempt.
	 */
	static ServerWebExchangeMatcher csrfProtected() {
		return new AndServerWebExchangeMatcher(CsrfWebFilter.DEFAULT_CSRF_MATCHER, new NegatedServerWebExchangeMatcher(
				ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, "/api/newsletter/unsubscribe/*")));
	}

	/**
	 * Limits newsletter subscriptions per client address: each one may send a
	 * confirmation mail to an address somebody typed in, so a script must not be able to
	 * turn the form into a mail cannon. Counts only requests that passed the CSRF check.
	 */
	private static WebFilter throttleNewsletterSubscriptions(RateLimit limit, JsonMapper jsonMapper) {
		ServerWebExchangeMatcher subscriptions = ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST,
				"/api/newsletter/subscriptions");
		return (exchange, chain) -> subscriptions.matches(exchange).flatMap((match) -> {
			if (!match.isMatch()) {
				return chain.filter(exchange);
			}
			String client = (exchange.getRequest().getRemoteAddress() != null)
					? exchange.getRequest().getRemoteAddress().getAddress().getHostAddress() : "unknown";
			return offEventLoop(() -> limit.tryAcquire(client)).flatMap((decision) -> {
				if (decision.allowed()) {
					return chain.filter(exchange);
				}
				ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
						"Von deinem Anschluss kamen in der letzten Stunde sehr viele Anmeldungen zum Infobrief. "
								+ "Bitte versuche es später noch einmal.");
				problem.setTitle("Zu viele Anfragen");
				problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
				exchange.getResponse().setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
				exchange.getResponse().getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
				exchange.getResponse()
					.getHeaders()
					.set(HttpHeaders.RETRY_AFTER, String.valueOf(decision.retryAfter().toSeconds()));
				return exchange.getResponse()
					.writeWith(Mono
						.just(exchange.getResponse().bufferFactory().wrap(jsonMapper.writeValueAsBytes(problem))));
			});
		});
	}

	/** Refuses a login attempt for a locked account before the password is checked. */
	private static WebFilter refuseLockedLogins(RateLimit loginFailures) {
		return (exchange, chain) -> ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, "/login")
			.matches(exchange)
			.flatMap((match) -> {
				if (!match.isMatch()) {
					return chain.filter(exchange);
				}
				return exchange.getFormData().flatMap((data) -> {
					String username = data.getFirst("username");
					if (username == null) {
						return chain.filter(exchange);
					}
					return offEventLoop(() -> loginFailures.check(Accounts.normalize(username))).flatMap((decision) -> {
						if (decision.allowed()) {
							return chain.filter(exchange);
						}
						exchange.getResponse().setStatusCode(HttpStatus.SEE_OTHER);
						exchange.getResponse().getHeaders().setLocation(URI.create("/login?locked"));
						return exchange.getResponse().setComplete();
					});
				});
			});
	}

	/**
	 * The cookie with the CSRF token is written only when somebody asks for the token;
	 * asking on every request lets the static pages read it and send it back.
	 */
	private static WebFilter exposeCsrfCookie() {
		return (exchange, chain) -> {
			Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
			return (token != null) ? token.then(chain.filter(exchange)) : chain.filter(exchange);
		};
	}

}
