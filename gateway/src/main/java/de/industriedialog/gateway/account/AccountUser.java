package de.industriedialog.gateway.account;

import java.util.List;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/**
 * The logged-in principal: Spring's user plus the initiative the account is bound to. It
 * lives in the web session, which is kept in the store (see {@link SessionStore}), and is
 * written there as JSON without the password hash ({@link AccountUserJson}).
 */
public class AccountUser extends User {

	private final List<String> roles;

	private final String initiativeId;

	AccountUser(Account account) {
		super(account.email(), account.passwordHash(), authorities(account.roles()));
		this.roles = account.roles();
		this.initiativeId = account.initiativeId();
	}

	/** A principal read back from a stored session: it never carries a password. */
	AccountUser(String email, List<String> roles, String initiativeId) {
		super(email, "", authorities(roles));
		this.roles = List.copyOf(roles);
		this.initiativeId = initiativeId;
		eraseCredentials();
	}

	private static List<SimpleGrantedAuthority> authorities(List<String> roles) {
		return roles.stream().map((role) -> new SimpleGrantedAuthority("ROLE_" + role)).toList();
	}

	public List<String> roles() {
		return this.roles;
	}

	public String initiativeId() {
		return this.initiativeId;
	}

	@Override
	public boolean equals(Object other) {
		return super.equals(other);
	}

	@Override
	public int hashCode() {
		return super.hashCode();
	}

}
