package de.industriedialog.platform.security;

import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Lets a controller method take the {@link CurrentUser} as a parameter instead of the
 * relayed {@link Jwt} it is read from, so that reading the claims is written once. Only
 * for endpoints the security configuration already protects: without a JWT the request is
 * refused as unauthenticated rather than handed a user that is not there, unless the
 * parameter is {@code @Nullable} (a public read that shows more to the owner).
 */
public class CurrentUserArgumentResolver implements HandlerMethodArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return CurrentUser.class.equals(parameter.getParameterType());
	}

	@Override
	public @Nullable CurrentUser resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof Jwt jwt) {
			return CurrentUser.of(jwt);
		}
		if (parameter.isOptional()) {
			return null;
		}
		throw new AuthenticationCredentialsNotFoundException("No relayed JWT on a request that needs a user");
	}

}
