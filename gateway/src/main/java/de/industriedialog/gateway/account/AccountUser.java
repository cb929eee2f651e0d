package de.industriedialog.gateway.account;

import java.util.List;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/** The logged-in principal: Spring's user plus the initiative the account is bound to. */
public class AccountUser extends User {

	private final List<String> roles;

	private final String initiativeId;

	AccountUser(Account account) {
		super(account.email(), account.passwordHash(),
				account.roles().stream().map((role) -> new SimpleGrantedAuthority("ROLE_" + role)).toList());
		this.roles = account.roles();
		this.initiativeId = account.initiativeId();
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
