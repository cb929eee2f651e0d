package de.industriedialog.gateway.web;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * Answers whatever fails at the gateway itself (no route, a service that cannot be
 * reached) as {@code application/problem+json} with a German {@code detail}. Errors the
 * services answer themselves pass through unchanged.
 */
@Component
@Order(-2)
class ProblemJsonErrorHandler implements WebExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemJsonErrorHandler.class);

	private final JsonMapper jsonMapper;

	ProblemJsonErrorHandler(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
		if (exchange.getResponse().isCommitted()) {
			return Mono.error(error);
		}
		ProblemDetail problem = problemFor(error);
		problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
		exchange.getResponse().setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
		exchange.getResponse().getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		DataBuffer body = exchange.getResponse().bufferFactory().wrap(this.jsonMapper.writeValueAsBytes(problem));
		return exchange.getResponse().writeWith(Mono.just(body));
	}

	private ProblemDetail problemFor(Throwable error) {
		HttpStatusCode status = (error instanceof ResponseStatusException statusError) ? statusError.getStatusCode()
				: null;
		if (status == null && hasCause(error, ConnectException.class)) {
			status = HttpStatus.SERVICE_UNAVAILABLE;
		}
		else if (status == null && hasCause(error, IOException.class)) {
			// The connection to the service broke mid-request (it died or restarts): a
			// gateway's 502, not an error of its own.
			log.warn("Connection to the service broken during {}: {}", error.getClass().getSimpleName(),
					error.getMessage());
			status = HttpStatus.BAD_GATEWAY;
		}
		if (status == null) {
			log.error("Unexpected error at the gateway", error);
			status = HttpStatus.INTERNAL_SERVER_ERROR;
		}
		return GermanProblems.forStatus(status, null);
	}

	private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

}
