package de.industriedialog.platform.security;

import java.util.List;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The person behind a request, as the gateway vouches for it in the relayed JWT.
 *
 * @param subject the account id ({@code sub})
 * @param roles {@code STAFF} and/or {@code INITIATIVE}
 * @param initiativeId the initiative an {@code INITIATIVE} account is bound to, else
 * {@code null}
 */
public record CurrentUser(String subject, List<String> roles, String initiativeId) {

	public static final String STAFF = "STAFF";

	public static final String INITIATIVE = "INITIATIVE";

	/** The claim with the roles. */
	public static final String ROLES_CLAIM = "roles";

	/** The claim with the initiative an account is bound to. */
	public static final String INITIATIVE_CLAIM = "initiative_id";

	public CurrentUser {
		roles = (roles != null) ? List.copyOf(roles) : List.of();
	}

	public static CurrentUser of(Jwt jwt) {
		return new CurrentUser(jwt.getSubject(), jwt.getClaimAsStringList(ROLES_CLAIM),
				jwt.getClaimAsString(INITIATIVE_CLAIM));
	}

	public boolean isStaff() {
		return this.roles.contains(STAFF);
	}

	/** Staff act for every initiative, an initiative account only for its own. */
	public boolean mayActFor(String initiativeId) {
		return isStaff()
				|| (this.roles.contains(INITIATIVE) && initiativeId != null && initiativeId.equals(this.initiativeId));
	}

	/**
	 * @throws ForbiddenException unless this user may act for the initiative
	 */
	public void requireActFor(String initiativeId) {
		if (!mayActFor(initiativeId)) {
			throw new ForbiddenException("Sie dürfen nur die Daten Ihrer eigenen Initiative ändern.");
		}
	}

	/**
	 * @throws ForbiddenException unless this user is staff of the network office
	 */
	public void requireStaff() {
		if (!isStaff()) {
			throw new ForbiddenException("Das dürfen nur Mitarbeitende der Geschäftsstelle.");
		}
	}

}
