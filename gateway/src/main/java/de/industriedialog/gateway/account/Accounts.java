package de.industriedialog.gateway.account;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * The accounts of the gateway. The first staff account comes from configuration
 * ({@code STAFF_EMAIL}, {@code STAFF_PASSWORD}) so a fresh installation can be entered.
 */
@Service
public class Accounts implements ReactiveUserDetailsService {

	private static final Logger log = LoggerFactory.getLogger(Accounts.class);

	private final AccountRepository repository;

	private final PasswordEncoder passwordEncoder;

	private final GatewayAccountProperties properties;

	private final Clock clock;

	Accounts(AccountRepository repository, PasswordEncoder passwordEncoder, GatewayAccountProperties properties,
			Clock clock) {
		this.repository = repository;
		this.passwordEncoder = passwordEncoder;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public Mono<UserDetails> findByUsername(String username) {
		return this.repository.findById(normalize(username)).map(AccountUser::new);
	}

	public Mono<Boolean> exists(String email) {
		return this.repository.existsById(normalize(email));
	}

	/** Creates an account unless one with this e-mail exists; returns the stored one. */
	public Mono<Account> createIfAbsent(String email, String rawPassword, List<String> roles, String initiativeId) {
		String id = normalize(email);
		// Another gateway replica may insert it at the same moment (all create the first
		// staff account at startup): then the account is there, which is what is wanted.
		return this.repository.findById(id)
			.switchIfEmpty(Mono.defer(() -> this.repository
				.insert(new Account(id, this.passwordEncoder.encode(rawPassword), roles, initiativeId,
						this.clock.instant()))
				.onErrorResume(DuplicateKeyException.class, (ex) -> this.repository.findById(id))));
	}

	/**
	 * A new initiative signs up: the account is bound to a fresh initiative id under
	 * which it then writes its first Steckbrief, which staff review before it is public.
	 * @return empty if an account with this e-mail exists
	 */
	public Mono<Account> signUp(String email, String rawPassword) {
		Account account = new Account(normalize(email), this.passwordEncoder.encode(rawPassword), List.of("INITIATIVE"),
				UUID.randomUUID().toString(), this.clock.instant());
		return this.repository.insert(account).onErrorResume(DuplicateKeyException.class, (ex) -> Mono.empty());
	}

	@EventListener(ApplicationReadyEvent.class)
	void createFirstStaffAccount() {
		String email = this.properties.staffEmail();
		String password = this.properties.staffPassword();
		if (email == null || email.isBlank() || password == null || password.isBlank()) {
			log.warn("No first staff account configured (STAFF_EMAIL, STAFF_PASSWORD): nobody can log in as staff");
			return;
		}
		createIfAbsent(email, password, List.of("STAFF"), null)
			.doOnNext((account) -> log.info("Staff account {} is ready", account.email()))
			.block();
	}

	static String normalize(String email) {
		return email.trim().toLowerCase(Locale.ROOT);
	}

}
