package de.industriedialog.platform.privacy;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A verified privacy request on {@code dialog.privacy.v1} (contract:
 * {@code PrivacyRequestVerified.schema.json}): the subject key, never the address.
 */
public record PrivacyRequestVerified(String requestId, PrivacyRequestKind kind, String subjectKey, Instant occurredAt) {

	public static final String TYPE = "PrivacyRequestVerified";

	/** Every event carries a version; a request or an answer never changes. */
	@JsonProperty(value = "version", access = JsonProperty.Access.READ_ONLY)
	public int version() {
		return 1;
	}

}
