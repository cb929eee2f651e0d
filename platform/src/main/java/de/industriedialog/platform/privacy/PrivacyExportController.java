package de.industriedialog.platform.privacy;

import java.util.LinkedHashMap;
import java.util.Map;

import de.industriedialog.platform.security.ForbiddenException;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A service's part of an export (GDPR Art. 15, 20), asked for by the gateway when the
 * person opens the download; assembled on the spot and never stored.
 */
@RestController
public class PrivacyExportController {

	private final PrivacyRequests requests;

	public PrivacyExportController(PrivacyRequests requests) {
		this.requests = requests;
	}

	@GetMapping(PrivacyScope.EXPORT_PATH)
	public Map<String, Object> export(@PathVariable String id, @AuthenticationPrincipal Jwt jwt) {
		// The security chain lets only the privacy role through; the token must also be
		// for this very request.
		if (jwt == null || !id.equals(jwt.getClaimAsString(PrivacyScope.REQUEST_CLAIM))
				|| jwt.getClaimAsString(PrivacyScope.SUBJECT_CLAIM) == null) {
			throw new ForbiddenException("Dieser Zugang gilt nicht für diese Datenschutzanfrage.");
		}
		Map<String, Object> part = new LinkedHashMap<>();
		part.put("service", this.requests.service());
		part.put("data", this.requests.export(jwt.getClaimAsString(PrivacyScope.SUBJECT_CLAIM)));
		return part;
	}

}
