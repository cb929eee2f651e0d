package de.industriedialog.evaluation.questionnaire.web;

import de.industriedialog.evaluation.eventreplica.DialogueEventReplica;
import de.industriedialog.evaluation.eventreplica.EventReplication;
import de.industriedialog.evaluation.questionnaire.CreatedLink;
import de.industriedialog.evaluation.questionnaire.EventForms;
import de.industriedialog.evaluation.questionnaire.EventLinks;
import de.industriedialog.evaluation.questionnaire.Questionnaire;
import de.industriedialog.evaluation.questionnaire.StandardQuestionnaire;
import de.industriedialog.platform.security.CurrentUser;
import de.industriedialog.platform.web.NotFoundException;
import de.industriedialog.platform.web.QrCodeSvg;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The questionnaire definitions: public to read (the form page needs them), changed by
 * the event's organiser or staff with the gateway's JWT.
 */
@RestController
@RequestMapping("/api/questionnaires")
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
		description = "The short-lived JWT the gateway relays for the logged-in account")
@Tag(name = "Fragebögen", description = "Evaluationsbogen und eigene Fragen je Veranstaltung")
class QuestionnaireController {

	private static final String QR_CODE_TYPE = "image/svg+xml";

	private final EventReplication events;

	private final EventForms forms;

	private final EventLinks links;

	QuestionnaireController(EventReplication events, EventForms forms, EventLinks links) {
		this.events = events;
		this.forms = forms;
		this.links = links;
	}

	@GetMapping("/standard")
	@Operation(summary = "The standard questionnaire (Evaluationsbogen) with codes and German labels")
	Questionnaire standard() {
		return StandardQuestionnaire.DEFINITION;
	}

	@GetMapping("/events/{eventId}")
	@Operation(summary = "The questionnaire of one event: standard items plus the organiser's own questions")
	@ApiResponse(responseCode = "404", description = "Event not (yet) known to this service")
	EventQuestionnaireView event(@PathVariable String eventId) {
		DialogueEventReplica event = this.events.find(eventId)
			.orElseThrow(() -> new NotFoundException("Diese Veranstaltung ist hier (noch) nicht bekannt."));
		return view(event);
	}

	@PutMapping("/events/{eventId}/custom-questions")
	@Operation(summary = "Replace the organiser's own questions (up to 5) of an event",
			security = @SecurityRequirement(name = "bearer"))
	@ApiResponse(responseCode = "400", description = "Invalid questions, German problem details with errors[]")
	@ApiResponse(responseCode = "403", description = "Not the organising initiative")
	@ApiResponse(responseCode = "409", description = "The event already has responses")
	EventQuestionnaireView customQuestions(CurrentUser user, @PathVariable String eventId,
			@RequestBody CustomQuestionsRequest request) {
		this.forms.replaceCustomQuestions(user, eventId, request.questions());
		return view(this.events.find(eventId).orElseThrow());
	}

	@PostMapping("/events/{eventId}/link")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Create the shared feedback link of an event (replaces an earlier one)",
			description = "The token is returned only now; only its SHA-256 is stored.",
			security = @SecurityRequirement(name = "bearer"))
	CreatedLink createLink(CurrentUser user, @PathVariable String eventId) {
		return this.links.create(user, eventId);
	}

	@DeleteMapping("/events/{eventId}/link")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Disable the shared feedback link of an event",
			security = @SecurityRequirement(name = "bearer"))
	void disableLink(CurrentUser user, @PathVariable String eventId) {
		this.links.disable(user, eventId);
	}

	@GetMapping(path = "/events/{eventId}/link/qr.svg", produces = QR_CODE_TYPE)
	@Operation(summary = "QR code (SVG) of the shared feedback link of an event, e.g. for a slide",
			description = "Public with the link's token, which only the organiser received; the link must be active.")
	@ApiResponse(responseCode = "200", description = "The QR code as SVG")
	@ApiResponse(responseCode = "404", description = "Unknown or disabled link, another event's link, or cancelled")
	ResponseEntity<String> linkQrCode(@PathVariable String eventId,
			@Parameter(description = "The token of the shared link") @RequestParam(required = false) String link) {
		String url = this.links.activeUrl(eventId, link)
			.orElseThrow(() -> new NotFoundException("Diesen Feedback-Link gibt es für diese Veranstaltung nicht oder "
					+ "er ist abgeschaltet. Erstellen Sie einen neuen Link."));
		return ResponseEntity.ok()
			.contentType(MediaType.valueOf(QR_CODE_TYPE))
			.cacheControl(CacheControl.noStore())
			.body(QrCodeSvg.of(url, "QR-Code des Feedback-Links dieser Veranstaltung"));
	}

	private EventQuestionnaireView view(DialogueEventReplica event) {
		return new EventQuestionnaireView(event.eventId(), event.title(), event.startInBerlin(),
				StandardQuestionnaire.DEFINITION, this.forms.current(event.eventId()).customQuestions(),
				this.links.enabled(event.eventId()), this.forms.answered(event.eventId()));
	}

}
