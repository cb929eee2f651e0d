package de.industriedialog.gateway.account;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import reactor.core.publisher.Mono;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.WebFilter;

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

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	/** Five failed logins per account within 15 minutes lock further attempts. */
	@Bean
	AttemptThrottle loginThrottle(Clock clock) {
		return new AttemptThrottle(5, Duration.ofMinutes(15), clock);
	}

	/** Five new accounts per client address and hour. */
	@Bean
	AttemptThrottle signUpThrottle(Clock clock) {
		return new AttemptThrottle(5, Duration.ofHours(1), clock);
	}

	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, AttemptThrottle loginThrottle) {
		RedirectServerAuthenticationFailureHandler failed = new RedirectServerAuthenticationFailureHandler(
				"/login?error");
		RedirectServerAuthenticationSuccessHandler succeeded = new RedirectServerAuthenticationSuccessHandler("/");
		return http.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
			.csrf((csrf) -> csrf.csrfTokenRepository(CookieServerCsrfTokenRepository.withHttpOnlyFalse())
				.csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
				.accessDeniedHandler(
						(exchange, denied) -> Mono.error(new ResponseStatusException(HttpStatus.FORBIDDEN))))
			.formLogin((form) -> form.loginPage("/login")
				.authenticationFailureHandler((exchange, exception) -> exchange.getExchange()
					.getFormData()
					.doOnNext((data) -> loginThrottle.record(String.valueOf(data.getFirst("username"))))
					.then(failed.onAuthenticationFailure(exchange, exception)))
				.authenticationSuccessHandler((exchange, authentication) -> {
					loginThrottle.clear(authentication.getName());
					return succeeded.onAuthenticationSuccess(exchange, authentication);
				}))
			.logout((logout) -> logout.logoutUrl("/logout"))
			.addFilterBefore(refuseLockedLogins(loginThrottle), SecurityWebFiltersOrder.FORM_LOGIN)
			.addFilterAfter(exposeCsrfCookie(), SecurityWebFiltersOrder.CSRF)
			.build();
	}

	/** Refuses a login attempt for a throttled account before the password is checked. */
	private static WebFilter refuseLockedLogins(AttemptThrottle throttle) {
		return (exchange, chain) -> ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, "/login")
			.matches(exchange)
			.flatMap((match) -> {
				if (!match.isMatch()) {
					return chain.filter(exchange);
				}
				return exchange.getFormData().flatMap((data) -> {
					String username = data.getFirst("username");
					if (username != null && throttle.isLocked(username)) {
						exchange.getResponse().setStatusCode(HttpStatus.SEE_OTHER);
						exchange.getResponse().getHeaders().setLocation(URI.create("/login?locked"));
						return exchange.getResponse().setComplete();
					}
					return chain.filter(exchange);
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
