package de.industriedialog.gateway.privacy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import de.industriedialog.gateway.relay.ServiceTokens;
import de.industriedialog.platform.privacy.PrivacyRequestAnswered;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.loadbalancer.reactive.ReactorLoadBalancerExchangeFilterFunction;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * Asks a service for its part of a privacy request (platform PrivacyExportController):
 * its answer for the progress page, its export for the download. Each call carries a JWT
 * scoped to the one request and goes to any instance of the service (load balancer, as
 * the routes).
 */
@Component
class ServiceParts {

	/** A service that takes longer is reported as not answering. */
	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
	};

	private final WebClient client;

	private final ServiceTokens tokens;

	ServiceParts(ObjectProvider<WebClient.Builder> builder, ReactorLoadBalancerExchangeFilterFunction loadBalancer,
			ServiceTokens tokens) {
		this.client = builder.getIfAvailable(WebClient::builder).clone().filter(loadBalancer).build();
		this.tokens = tokens;
	}

	/** The service's answer, empty while it has not answered. */
	Mono<Optional<PrivacyRequestAnswered>> answer(String service, PrivacyRequestRecord request) {
		return this.client.get()
			.uri("http://{service}/api/privacy/requests/{id}", service, request.id())
			.header(HttpHeaders.AUTHORIZATION, bearer(request))
			.retrieve()
			.bodyToMono(PrivacyRequestAnswered.class)
			.map(Optional::of)
			.onErrorResume(WebClientResponseException.class,
					(ex) -> (ex.getStatusCode() == HttpStatus.NOT_FOUND) ? Mono.just(Optional.empty()) : Mono.error(ex))
			.timeout(TIMEOUT);
	}

	/** The service's export: its parts by name, each with title and records. */
	Mono<Map<String, Object>> export(String service, PrivacyRequestRecord request) {
		return this.client.get()
			.uri("http://{service}/api/privacy/requests/{id}/export", service, request.id())
			.header(HttpHeaders.AUTHORIZATION, bearer(request))
			.retrieve()
			.bodyToMono(JSON_OBJECT)
			.map(ServiceParts::dataOf)
			.timeout(TIMEOUT);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> dataOf(Map<String, Object> part) {
		Object data = part.get("data");
		if (!(data instanceof Map)) {
			throw new IllegalStateException("export of " + part.get("service") + " has no data");
		}
		return (Map<String, Object>) data;
	}

	private String bearer(PrivacyRequestRecord request) {
		return "Bearer " + this.tokens.forPrivacyRequest(request.id(), request.subjectKey());
	}

}
