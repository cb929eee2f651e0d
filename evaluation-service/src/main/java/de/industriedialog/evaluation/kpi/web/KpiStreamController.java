package de.industriedialog.evaluation.kpi.web;

import de.industriedialog.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live KPI stream (Server-Sent Events), staff only. A reconnecting EventSource sends
 * {@code Last-Event-ID}; it is not needed: every connection starts with a snapshot of the
 * current figures, so there is never a gap.
 */
@RestController
class KpiStreamController {

	private final KpiBroadcaster broadcaster;

	KpiStreamController(KpiBroadcaster broadcaster) {
		this.broadcaster = broadcaster;
	}

	@GetMapping(path = "/api/kpi/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@Operation(summary = "Live overview: a snapshot, then coalesced changes",
			security = @SecurityRequirement(name = "bearer"))
	ResponseEntity<SseEmitter> stream(CurrentUser user) {
		user.requireStaff();
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			// Tells buffering proxies (nginx) to pass every message on at once.
			.header("X-Accel-Buffering", "no")
			.body(this.broadcaster.connect());
	}

}
