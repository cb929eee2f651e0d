package de.industriedialog.gateway.relay;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import de.industriedialog.gateway.account.AccountUser;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Relays who is logged in to the services as a short-lived signed JWT. Whatever
 * {@code Authorization} header a client sends is dropped: the services trust only what
 * the gateway vouches for.
 */
@Component
class TokenRelayFilter implements GlobalFilter, Ordered {

	private final ServiceTokens tokens;

	TokenRelayFilter(ServiceTokens tokens) {
		this.tokens = tokens;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		return exchange.getPrincipal()
			.filter((principal) -> principal instanceof Authentication authentication
					&& authentication.getPrincipal() instanceof AccountUser)
			.map((principal) -> token((AccountUser) ((Authentication) principal).getPrincipal()))
			.map((token) -> withAuthorization(exchange, "Bearer " + token))
			.defaultIfEmpty(withAuthorization(exchange, null))
			.flatMap(chain::filter);
	}

	String token(AccountUser user) {
		return this.tokens.forUser(user);
	}

	private static ServerWebExchange withAuthorization(ServerWebExchange exchange, String value) {
		return exchange.mutate().request((request) -> request.headers((headers) -> {
			headers.remove(HttpHeaders.AUTHORIZATION);
			if (value != null) {
				headers.set(HttpHeaders.AUTHORIZATION, value);
			}
		})).build();
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 100;
	}

}
