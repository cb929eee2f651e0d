package de.industriedialog.gateway.account;

import java.time.Duration;
import java.util.List;

import org.mongodb.spring.session.AbstractMongoSessionConverter;
import org.mongodb.spring.session.JacksonMongoSessionConverter;
import org.mongodb.spring.session.ReactiveMongoSessionRepository;
import org.mongodb.spring.session.config.annotation.web.reactive.EnableMongoWebSession;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.config.ReactiveSessionRepositoryCustomizer;

/**
 * Web sessions live in the gateway's store (collection {@value #COLLECTION}), not in
 * gateway memory: every replica knows every session, and a restart or a rolling update
 * logs nobody out. The session cookie stays the one Spring Boot configures
 * ({@code SESSION}, {@code server.reactive.session.cookie.*}), the idle timeout is
 * {@code server.reactive.session.timeout} as before.
 *
 * <p>
 * Sessions are written as JSON (the module's Jackson converter with Spring Security's
 * allow-list of classes), not with Java serialization: a stored session names only
 * classes that may be read back, and survives an upgrade that changes a class's
 * serialized form. Expired sessions are never handed out; real MongoDB deletes them by
 * the TTL index on {@code expireAt}, and {@link ExpiredSessionSweep} does it where the
 * store has no TTL.
 */
@Configuration(proxyBeanMethods = false)
@EnableMongoWebSession(collectionName = SessionStore.COLLECTION)
class SessionStore {

	static final String COLLECTION = "sessions";

	@Bean
	AbstractMongoSessionConverter mongoSessionConverter() {
		return new JacksonMongoSessionConverter(List.of(new AccountUserJson()));
	}

	/** The annotation takes only a constant; the timeout comes from configuration. */
	@Bean
	ReactiveSessionRepositoryCustomizer<ReactiveMongoSessionRepository> sessionTimeout(
			@Value("${server.reactive.session.timeout:30m}") Duration timeout) {
		return (repository) -> repository.setDefaultMaxInactiveInterval(timeout);
	}

}
