package de.industriedialog.gateway.account;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import de.industriedialog.platform.privacy.SubjectKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
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

	private final ReactiveMongoTemplate mongo;

	private final PasswordEncoder passwordEncoder;

	private final GatewayAccountProperties properties;

	private final SubjectKeys subjectKeys;

	private final Clock clock;

	Accounts(AccountRepository repository, ReactiveMongoTemplate mongo, PasswordEncoder passwordEncoder,
			GatewayAccountProperties properties, SubjectKeys subjectKeys, Clock clock) {
		this.repository = repository;
		this.mongo = mongo;
		this.passwordEncoder = passwordEncoder;
		this.properties = properties;
		this.subjectKeys = subjectKeys;
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
				.insert(new Account(id, this.subjectKeys.of(id), this.passwordEncoder.encode(rawPassword), roles,
						initiativeId, this.clock.instant(), null))
				.onErrorResume(DuplicateKeyException.class, (ex) -> this.repository.findById(id))));
	}

	/**
	 * A new initiative signs up: the account is bound to a fresh initiative id under
	 * which it then writes its first Steckbrief, which staff review before it is public.
	 * The account counts as unused until its first login: nobody confirmed the address,
	 * so one nobody ever logs in with is deleted after the retention period.
	 * @return empty if an account with this e-mail exists
	 */
	public Mono<Account> signUp(String email, String rawPassword) {
		Instant now = this.clock.instant();
		String id = normalize(email);
		Account account = new Account(id, this.subjectKeys.of(id), this.passwordEncoder.encode(rawPassword),
				List.of("INITIATIVE"), UUID.randomUUID().toString(), now, now);
		return this.repository.insert(account).onErrorResume(DuplicateKeyException.class, (ex) -> Mono.empty());
	}

	/**
	 * Somebody logged in with the account: a sign-up is in use from now on and stays.
	 * Matches nothing (and changes nothing) for every account that is not an unused
	 * sign-up.
	 */
	Mono<Void> markUsed(String email) {
		return this.mongo
			.updateFirst(Query.query(Criteria.where("_id").is(normalize(email)).and("unusedSince").exists(true)),
					new Update().unset("unusedSince"), Account.class)
			.then();
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
			// Not the address: no personal data in the log.
			.doOnNext((account) -> log.info("First staff account is ready"))
			.block();
	}

	static String normalize(String email) {
		return email.trim().toLowerCase(Locale.ROOT);
	}

}
