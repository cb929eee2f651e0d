package de.industriedialog.events.notification.web;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import de.industriedialog.platform.mail.MailQueue;
import de.industriedialog.platform.mail.QueuedMail;
import de.industriedialog.platform.security.CurrentUser;
import de.industriedialog.platform.web.GermanProblemDetails.FieldProblem;
import de.industriedialog.platform.web.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Participant mails that are stuck or failed, for staff: whom to reach another way, and
 * whether the mail server is refusing or just away.
 */
@RestController
@Tag(name = "Mails", description = "Warteschlange der Mails an Teilnehmende (Geschäftsstelle)")
class MailQueueController {

	private final MailQueue queue;

	MailQueueController(MailQueue queue) {
		this.queue = queue;
	}

	@GetMapping("/api/mails")
	@Operation(
			summary = "Participant mails by status (staff): FAILED (refused for good or given up) or PENDING "
					+ "(not yet sent, with the last error and the next attempt), oldest first",
			security = @SecurityRequirement(name = "bearer"))
	MailsView list(CurrentUser user, @RequestParam(defaultValue = "FAILED") String status,
			@RequestParam(defaultValue = "200") int limit) {
		user.requireStaff();
		QueuedMail.Status wanted = switch (status.toUpperCase(Locale.ROOT)) {
			case "FAILED" -> QueuedMail.Status.FAILED;
			case "PENDING" -> QueuedMail.Status.PENDING;
			default -> throw invalid("status",
					"Bitte „FAILED“ (fehlgeschlagen) oder „PENDING“ (noch nicht versandt) angeben.");
		};
		if (limit < 1 || limit > 1000) {
			throw invalid("limit", "Bitte eine Zahl von 1 bis 1000 angeben.");
		}
		return new MailsView(this.queue.list(wanted, limit).stream().map(MailView::of).toList());
	}

	private static InvalidInputException invalid(String field, String message) {
		return new InvalidInputException("Die Anfrage ist ungültig: " + message,
				List.of(new FieldProblem(field, message)));
	}

	record MailsView(List<MailView> mails) {
	}

	record MailView(String key, String type, String registrationId, String status, String to, String subject,
			int attempts, Instant queuedAt, Instant nextAttemptAt, String lastError, String messageId) {

		static MailView of(QueuedMail mail) {
			return new MailView(mail.key(), mail.type(), mail.reference(), mail.status().name(), mail.to(),
					mail.subject(), mail.attempts(), mail.queuedAt(), mail.nextAttemptAt(), mail.lastError(),
					mail.messageId());
		}

	}

}
