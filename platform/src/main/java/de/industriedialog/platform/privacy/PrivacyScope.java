package de.industriedialog.platform.privacy;

/**
 * The JWT the gateway mints to fetch one privacy request's export from a service: role
 * {@value #ROLE} and the request and subject in claims, valid for a minute. It opens only
 * {@code GET /api/privacy/requests/{id}/export} and {@code GET
 * /api/privacy/requests/{id}} of that request; no other route accepts the role.
 */
public final class PrivacyScope {

	public static final String ROLE = "PRIVACY";

	public static final String REQUEST_CLAIM = "privacy_request";

	public static final String SUBJECT_CLAIM = "subject_key";

	/** The route every service with personal data answers. */
	public static final String EXPORT_PATH = "/api/privacy/requests/{id}/export";

	/** The service's answer to a request: status and counts, 404 until it answered. */
	public static final String ANSWER_PATH = "/api/privacy/requests/{id}";

	private PrivacyScope() {
	}

}
