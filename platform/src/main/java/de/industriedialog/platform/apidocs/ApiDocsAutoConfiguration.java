package de.industriedialog.platform.apidocs;

import de.industriedialog.platform.security.CurrentUser;
import org.springdoc.core.customizers.ServerBaseUrlCustomizer;
import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * The OpenAPI documents name the server relative to where they are read ({@code /}):
 * people read them through the gateway's Swagger UI, which fetches each service's
 * document over a gateway route, so the address springdoc would compute (the service's
 * own host and port, unreachable from a browser and past the gateway's login) would send
 * every "Try it out" to the wrong place. Relative, the calls go to the gateway that
 * served the page, or to the service when a developer opens its document directly.
 */
@AutoConfiguration
@ConditionalOnClass(ServerBaseUrlCustomizer.class)
public class ApiDocsAutoConfiguration {

	static {
		// The CurrentUser parameter is resolved from the relayed JWT, not sent by a
		// client.
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(CurrentUser.class);
	}

	@Bean
	ServerBaseUrlCustomizer relativeServerBaseUrl() {
		return (serverBaseUrl, request) -> "/";
	}

}
