package de.industriedialog.gateway.invitation;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An invitation for an initiative's contact to set a password. Only the SHA-256 of the
 * token is stored (it is the id, so redeeming is a primary-key lookup): a leaked database
 * does not leak usable links.
 *
 * @param tokenHash hex SHA-256 of the token in the link
 * @param email who is invited
 * @param subjectKey {@code SubjectKeys.of(email)}: finds the invitation for a privacy
 * request without a scan by address (docs/adr/0015)
 * @param initiativeId the initiative the new account will act for
 * @param invitedBy the staff member who invited
 * @param expiresAt after this the link no longer works
 * @param usedAt when the link was used, {@code null} while unused
 */
@Document("invitations")
record Invitation(@Id String tokenHash, String email, @Indexed String subjectKey, String initiativeId, String invitedBy,
		Instant createdAt, Instant expiresAt, Instant usedAt) {

}
