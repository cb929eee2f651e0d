package de.industriedialog.gateway.account;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A person who can log in. The e-mail address (lower case) is the id, so lookups at login
 * hit the primary key on every MongoDB-compatible store.
 *
 * @param email the login name
 * @param subjectKey {@code SubjectKeys.of(email)}: finds the account for a privacy
 * request (docs/adr/0015)
 * @param passwordHash a {@code DelegatingPasswordEncoder} hash ({@code {bcrypt}…})
 * @param roles {@code STAFF} and/or {@code INITIATIVE}
 * @param initiativeId the initiative an {@code INITIATIVE} account acts for
 * @param createdAt when the account was created
 * @param unusedSince when a sign-up made the account, until somebody first logs in with
 * it; {@code null} for every other account. A sign-up nobody ever logged in with is
 * deleted after the retention period ({@link UnusedSignUpRetention}).
 */
@Document("accounts")
public record Account(@Id String email, @Indexed String subjectKey, String passwordHash, List<String> roles,
		String initiativeId, Instant createdAt, Instant unusedSince) {

	public Account {
		roles = List.copyOf(roles);
	}

}
