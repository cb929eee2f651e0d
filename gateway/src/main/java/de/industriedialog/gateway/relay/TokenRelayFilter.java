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

	/** Must match what the services check (platform's ResourceServerConfiguration). */
	static final String ISSUER = "industriedialog-gateway";

	static final Duration LIFETIME = Duration.ofMinutes(5);

	private final JwtEncoder encoder;

	private final Clock clock;

	TokenRelayFilter(@Value("${industriedialog.security.jwt-secret}") String secret, Clock clock) {
		if (secret.getBytes(StandardCharsets.UTF_8).length < 32) {
			throw new IllegalStateException(
					"JWT_SECRET (industriedialog.security.jwt-secret) must be set to at least 32 bytes, "
							+ "the same value for the gateway and every service");
		}
		this.encoder = new NimbusJwtEncoder(
				new ImmutableSecret<>(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256")));
		this.clock = clock;
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
		Instant now = this.clock.instant();
		JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
			.issuer(ISSUER)
			.subject(user.getUsername())
			.issuedAt(now)
			.expiresAt(now.plus(LIFETIME))
			.claim("roles", user.roles());
		if (user.initiativeId() != null) {
			claims.claim("initiative_id", user.initiativeId());
		}
		JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).build();
		return this.encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
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
