package de.industriedialog.registry.web;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

import org.springframework.context.annotation.Configuration;

/** Names the bearer scheme the write endpoints refer to in the OpenAPI document. */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(title = "Industriedialog initiative registry",
		description = "Steckbriefe der Industrieinitiativen, Prüf-Workflow, Selbsteinschätzung, Karte"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
		description = "JWT, das das Gateway für die angemeldete Person ausstellt (Rollen STAFF / INITIATIVE)")
class OpenApiConfiguration {

}
