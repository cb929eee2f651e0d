package de.industriedialog.platform.privacy;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A service's answer to a privacy request on {@code dialog.privacy.v1} (contract:
 * {@code PrivacyRequestAnswered.schema.json}): counts only, never the data.
 *
 * @param status {@value #DONE} or {@value #NOTHING_FOUND}
 * @param records number of records per kind found (access) or erased (erasure)
 */
public record PrivacyRequestAnswered(String requestId, String service, PrivacyRequestKind kind, String status,
		Map<String, Integer> records, Instant occurredAt) {

	public static final String TYPE = "PrivacyRequestAnswered";

	public static final String DONE = "DONE";

	public static final String NOTHING_FOUND = "NOTHING_FOUND";

	/** Every event carries a version; a request or an answer never changes. */
	@JsonProperty(value = "version", access = JsonProperty.Access.READ_ONLY)
	public int version() {
		return 1;
	}

}
