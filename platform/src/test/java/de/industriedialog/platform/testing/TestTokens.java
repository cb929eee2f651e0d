package de.industriedialog.platform.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import de.industriedialog.platform.security.CurrentUser;
import de.industriedialog.platform.security.ResourceServerConfiguration;

/**
 * Mints the JWTs the gateway relays, for service tests: the services' security is tested
 * with real signed tokens, not with a mocked authentication.
 */
public final class TestTokens {

	/**
	 * The secret the services' test configuration uses
	 * ({@code industriedialog.security.jwt-secret}).
	 */
	public static final String SECRET = "test-secret-of-at-least-thirty-two-bytes!";

	private TestTokens() {
	}

	public static String staff() {
		return token("staff@industriedialog.test", List.of(CurrentUser.STAFF), null, SECRET);
	}

	public static String initiative(String initiativeId) {
		return token("contact@" + initiativeId + ".test", List.of(CurrentUser.INITIATIVE), initiativeId, SECRET);
	}

	/** A token signed with another key: must be refused like no token at all. */
	public static String forged() {
		return token("intruder", List.of(CurrentUser.STAFF), null, "another-secret-of-at-least-thirty-two-bytes");
	}

	public static String token(String subject, List<String> roles, String initiativeId, String secret) {
		Instant now = Instant.now();
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject)
			.issuer(ResourceServerConfiguration.GATEWAY_ISSUER)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(300)))
			.claim(CurrentUser.ROLES_CLAIM, roles);
		if (initiativeId != null) {
			claims.claim(CurrentUser.INITIATIVE_CLAIM, initiativeId);
		}
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
			jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
