package de.industriedialog.platform.privacy;

import java.util.LinkedHashMap;
import java.util.Map;

import de.industriedialog.platform.security.ForbiddenException;

import org.springframework.http.ResponseEntity;
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
		Map<String, Object> part = new LinkedHashMap<>();
		part.put("service", this.requests.service());
		part.put("data", this.requests.export(subjectOf(id, jwt)));
		return part;
	}

	/**
	 * This service's answer to the request, for the person's progress page; 404 while the
	 * service has not answered it yet.
	 */
	@GetMapping(PrivacyScope.ANSWER_PATH)
	public ResponseEntity<PrivacyRequestAnswered> answer(@PathVariable String id, @AuthenticationPrincipal Jwt jwt) {
		subjectOf(id, jwt);
		return ResponseEntity.of(this.requests.answerOf(id));
	}

	private static String subjectOf(String id, Jwt jwt) {
		// The security chain lets only the privacy role through; the token must also be
		// for this very request.
		String subject = (jwt != null) ? jwt.getClaimAsString(PrivacyScope.SUBJECT_CLAIM) : null;
		if (subject == null || !id.equals(jwt.getClaimAsString(PrivacyScope.REQUEST_CLAIM))) {
			throw new ForbiddenException("Dieser Zugang gilt nicht für diese Datenschutzanfrage.");
		}
		return subject;
	}

}
