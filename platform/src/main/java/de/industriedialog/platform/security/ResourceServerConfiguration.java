package de.industriedialog.platform.security;

import java.nio.charset.StandardCharsets;

import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every service is an OAuth2 resource server: reads are public unless listed in
 * {@code industriedialog.security.protected-reads} (path patterns), every write needs a
 * JWT the gateway signed unless listed in {@code industriedialog.security.public-writes}
 * (POST) (participants register, cancel and give feedback without an account; those
 * endpoints check a personal token instead). Roles come from the {@code roles} claim;
 * ownership is checked in the use cases with {@link CurrentUser}.
 *
 * <p>
 * By default the gateway signs with a shared HMAC secret
 * ({@code industriedialog.security.jwt-secret}). A production deployment with Keycloak or
 * another OIDC provider sets {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}
 * instead and leaves the secret empty; Spring Boot then builds the decoder from the
 * provider's keys.
 */
@Configuration(proxyBeanMethods = false)
public class ResourceServerConfiguration {

	/** The issuer the gateway writes into the tokens it mints. */
	public static final String GATEWAY_ISSUER = "industriedialog-gateway";

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnExpression("!'${industriedialog.security.jwt-secret:}'.isBlank()")
	JwtDecoder gatewayJwtDecoder(org.springframework.core.env.Environment environment) {
		byte[] secret = environment.getRequiredProperty("industriedialog.security.jwt-secret")
			.getBytes(StandardCharsets.UTF_8);
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(secret, "HmacSHA256"))
			.macAlgorithm(MacAlgorithm.HS256)
			.build();
		decoder.setJwtValidator(
				new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(GATEWAY_ISSUER)));
		return decoder;
	}

	@Bean
	@ConditionalOnMissingBean
	SecurityFilterChain resourceServerFilterChain(HttpSecurity http, JsonMapper jsonMapper,
			org.springframework.core.env.Environment environment) throws Exception {
		String[] protectedReads = environment.getProperty("industriedialog.security.protected-reads", String[].class,
				new String[0]);
		String[] publicWrites = environment.getProperty("industriedialog.security.public-writes", String[].class,
				new String[0]);
		SecurityProblems problems = new SecurityProblems(jsonMapper);
		JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
		roles.setAuthoritiesClaimName(CurrentUser.ROLES_CLAIM);
		roles.setAuthorityPrefix("ROLE_");
		JwtAuthenticationConverter authentication = new JwtAuthenticationConverter();
		authentication.setJwtGrantedAuthoritiesConverter(roles);
		return http.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			// The privacy export answers only the gateway's scoped token (PrivacyScope).
			.authorizeHttpRequests((requests) -> requests.requestMatchers("/api/privacy/**")
				.hasRole(de.industriedialog.platform.privacy.PrivacyScope.ROLE)
				.requestMatchers(HttpMethod.GET, protectedReads)
				.authenticated()
				.requestMatchers(HttpMethod.POST, publicWrites)
				.permitAll()
				.requestMatchers(HttpMethod.GET, "/**")
				.permitAll()
				.requestMatchers(HttpMethod.HEAD, "/**")
				.permitAll()
				.requestMatchers(HttpMethod.OPTIONS, "/**")
				.permitAll()
				.anyRequest()
				.authenticated())
			.oauth2ResourceServer((server) -> server.jwt((jwt) -> jwt.jwtAuthenticationConverter(authentication))
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems))
			.exceptionHandling((handling) -> handling.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.build();
	}

}
