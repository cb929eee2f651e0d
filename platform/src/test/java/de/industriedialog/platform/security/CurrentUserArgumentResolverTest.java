package de.industriedialog.platform.security;

import java.lang.reflect.Method;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CurrentUserArgumentResolverTest {

	private final CurrentUserArgumentResolver resolver = new CurrentUserArgumentResolver();

	@AfterEach
	void clearContext() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void readsTheUserFromTheRelayedJwt() {
		Jwt jwt = Jwt.withTokenValue("t")
			.header("alg", "HS256")
			.subject("account-7")
			.claim(CurrentUser.ROLES_CLAIM, List.of(CurrentUser.INITIATIVE))
			.claim(CurrentUser.INITIATIVE_CLAIM, "ini-3")
			.issuedAt(Instant.now())
			.build();
		SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt));

		MethodParameter parameter = parameter("required");
		assertThat(this.resolver.supportsParameter(parameter)).isTrue();
		assertThat(this.resolver.resolveArgument(parameter, null, null, null))
			.isEqualTo(new CurrentUser("account-7", List.of(CurrentUser.INITIATIVE), "ini-3"));
	}

	@Test
	void refusesARequiredUserWithoutJwt() {
		assertThatExceptionOfType(AuthenticationCredentialsNotFoundException.class)
			.isThrownBy(() -> this.resolver.resolveArgument(parameter("required"), null, null, null));
	}

	@Test
	void givesNoUserToANullableParameterWithoutJwt() {
		assertThat(this.resolver.resolveArgument(parameter("optional"), null, null, null)).isNull();
	}

	@Test
	void leavesOtherParametersAlone() {
		assertThat(this.resolver.supportsParameter(parameter("other"))).isFalse();
	}

	private static MethodParameter parameter(String name) {
		Method method = ReflectionUtils.findMethod(Handlers.class, name, (Class<?>[]) null);
		return new MethodParameter(method, 0);
	}

	@SuppressWarnings("unused")
	static class Handlers {

		void required(CurrentUser user) {
		}

		void optional(@Nullable CurrentUser user) {
		}

		void other(String user) {
		}

	}

}
