package de.industriedialog.newsletter.infobrief;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import de.industriedialog.newsletter.delivery.PreparedIssue;
import de.industriedialog.newsletter.delivery.SendProgress;
import de.industriedialog.newsletter.infobrief.Infobrief.Counts;
import de.industriedialog.newsletter.infobrief.Infobrief.Section;
import de.industriedialog.newsletter.infobrief.Infobrief.SegmentSelection;
import de.industriedialog.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Infobriefe for the staff of the network office. */
@RestController
@RequestMapping("/api/infobriefe")
@Tag(name = "Infobrief", description = "Entwürfe, Vorschau, Versand und Verlauf des Infobriefs")
class InfobriefController {

	private final Infobriefe infobriefe;

	InfobriefController(Infobriefe infobriefe) {
		this.infobriefe = infobriefe;
	}

	@GetMapping
	@Operation(summary = "All issues, newest first, with their delivery counts")
	List<HistoryItem> history(CurrentUser user) {
		user.requireStaff();
		return this.infobriefe.history()
			.stream()
			.map((issue) -> new HistoryItem(issue.id(), issue.subject(), issue.status(), issue.segment(),
					issue.createdAt(), issue.sentAt(), this.infobriefe.counts(issue)))
			.toList();
	}

	@PostMapping
	@Operation(summary = "Create a draft")
	ResponseEntity<InfobriefView> create(CurrentUser user, @RequestBody(required = false) InfobriefDraft draft) {
		user.requireStaff();
		Infobrief issue = this.infobriefe.create(draft, user.subject());
		return ResponseEntity.created(URI.create("/api/infobriefe/" + issue.id())).body(view(issue));
	}

	@GetMapping("/{id}")
	@Operation(summary = "One issue")
	InfobriefView get(CurrentUser user, @PathVariable String id) {
		user.requireStaff();
		return view(this.infobriefe.get(id));
	}

	@PutMapping("/{id}")
	@Operation(summary = "Change a draft")
	InfobriefView update(CurrentUser user, @PathVariable String id,
			@RequestBody(required = false) InfobriefDraft draft) {
		user.requireStaff();
		return view(this.infobriefe.update(id, draft));
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete a draft")
	void delete(CurrentUser user, @PathVariable String id) {
		user.requireStaff();
		this.infobriefe.delete(id);
	}

	@GetMapping("/{id}/preview")
	@Operation(summary = "The issue as a recipient sees it (personal links with a stand-in)")
	Preview preview(CurrentUser user, @PathVariable String id) {
		user.requireStaff();
		PreparedIssue preview = this.infobriefe.preview(id);
		return new Preview(preview.subject(), preview.html(), preview.text());
	}

	@PostMapping("/{id}/test-send")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(summary = "Mail the issue to the caller's own address, subject prefixed [Test]")
	Message testSend(CurrentUser user, @PathVariable String id) {
		user.requireStaff();
		this.infobriefe.testSend(id, user.subject());
		return new Message("Die Testmail ist an " + user.subject() + " unterwegs.");
	}

	@PostMapping("/{id}/send")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(summary = "Send the issue to its segment; only once")
	SendStarted send(CurrentUser user, @PathVariable String id) {
		user.requireStaff();
		SendProgress progress = this.infobriefe.send(id);
		return new SendStarted(progress.status(), progress.recipients());
	}

	@GetMapping("/{id}/progress")
	@Operation(summary = "How far the send is")
	Progress progress(CurrentUser user, @PathVariable String id) {
		user.requireStaff();
		SendProgress p = this.infobriefe.progress(id);
		return new Progress(p.status(), p.recipients(), p.sent(), p.failed(), p.pending(), p.startedAt(),
				p.finishedAt(), p.mailsPerSecond());
	}

	private InfobriefView view(Infobrief issue) {
		return new InfobriefView(issue.id(), issue.subject(), issue.intro(), issue.sections(), issue.segment(),
				issue.status(), issue.createdBy(), issue.createdAt(), issue.updatedAt(), issue.sendStartedAt(),
				issue.sentAt(), this.infobriefe.counts(issue), issue.version());
	}

	record InfobriefView(String id, String subject, String intro, List<Section> sections, SegmentSelection segment,
			String status, String createdBy, Instant createdAt, Instant updatedAt, Instant sendStartedAt,
			Instant sentAt, Counts counts, long version) {
	}

	record HistoryItem(String id, String subject, String status, SegmentSelection segment, Instant createdAt,
			Instant sentAt, Counts counts) {
	}

	record Preview(String subject, String html, String text) {
	}

	record SendStarted(String status, long recipients) {
	}

	record Progress(String status, long recipients, long sent, long failed, long pending, Instant startedAt,
			Instant finishedAt, double mailsPerSecond) {
	}

	record Message(String message) {
	}

}
