package de.industriedialog.gateway.relay;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import de.industriedialog.gateway.account.AccountUser;
import de.industriedialog.platform.privacy.PrivacyScope;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

/**
 * The short-lived signed JWTs the gateway vouches with towards the services (HS256 with
 * the shared JWT secret, checked by the platform's ResourceServerConfiguration): for the
 * person logged in, and for one privacy request.
 */
@Component
public class ServiceTokens {

	/** Must match what the services check (platform's ResourceServerConfiguration). */
	static final String ISSUER = "industriedialog-gateway";

	static final Duration LIFETIME = Duration.ofMinutes(5);

	/** Long enough for one export call, too short to be worth stealing. */
	static final Duration PRIVACY_LIFETIME = Duration.ofMinutes(1);

	private final JwtEncoder encoder;

	private final Clock clock;

	ServiceTokens(@Value("${industriedialog.security.jwt-secret}") String secret, Clock clock) {
		if (secret.getBytes(StandardCharsets.UTF_8).length < 32) {
			throw new IllegalStateException(
					"JWT_SECRET (industriedialog.security.jwt-secret) must be set to at least 32 bytes, "
							+ "the same value for the gateway and every service");
		}
		this.encoder = new NimbusJwtEncoder(
				new ImmutableSecret<>(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256")));
		this.clock = clock;
	}

	/** Who is logged in, relayed with every routed request. */
	public String forUser(AccountUser user) {
		JwtClaimsSet.Builder claims = claims(user.getUsername(), LIFETIME).claim("roles", user.roles());
		if (user.initiativeId() != null) {
			claims.claim("initiative_id", user.initiativeId());
		}
		return encode(claims);
	}

	/**
	 * Opens a service's answer and export of one privacy request ({@link PrivacyScope}),
	 * and nothing else.
	 */
	public String forPrivacyRequest(String requestId, String subjectKey) {
		return encode(
				claims("privacy-request:" + requestId, PRIVACY_LIFETIME).claim("roles", List.of(PrivacyScope.ROLE))
					.claim(PrivacyScope.REQUEST_CLAIM, requestId)
					.claim(PrivacyScope.SUBJECT_CLAIM, subjectKey));
	}

	private JwtClaimsSet.Builder claims(String subject, Duration lifetime) {
		Instant now = this.clock.instant();
		return JwtClaimsSet.builder().issuer(ISSUER).subject(subject).issuedAt(now).expiresAt(now.plus(lifetime));
	}

	private String encode(JwtClaimsSet.Builder claims) {
		JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).build();
		return this.encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
	}

}
