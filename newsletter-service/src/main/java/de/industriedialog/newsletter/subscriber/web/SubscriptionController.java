package de.industriedialog.newsletter.subscriber.web;

import java.util.Arrays;
import java.util.List;

import de.industriedialog.contracts.Bundesland;
import de.industriedialog.newsletter.subscriber.Audience;
import de.industriedialog.newsletter.subscriber.ConsentText;
import de.industriedialog.newsletter.subscriber.Preferences;
import de.industriedialog.newsletter.subscriber.Subscriber;
import de.industriedialog.newsletter.subscriber.SubscriptionForm;
import de.industriedialog.newsletter.subscriber.Subscriptions;
import de.industriedialog.newsletter.subscriber.UnsubscribeChannel;
import de.industriedialog.platform.web.GermanProblemDetails.FieldProblem;
import de.industriedialog.platform.web.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Subscribing to the Infobrief without an account: the confirmation token, and later the
 * personal token in every mail, are the keys.
 */
@RestController
@Tag(name = "Infobrief-Abo", description = "Anmeldung (Double-Opt-in), Einstellungen, Abmeldung")
class SubscriptionController {

	/**
	 * The same answer for every valid request: nobody learns whether an address is known.
	 */
	static final String NEUTRAL_ANSWER = "Danke! Wir haben dir eine E-Mail geschickt, falls diese Adresse noch nicht "
			+ "angemeldet ist. Bitte klicke auf den Link darin, um deine Anmeldung zu bestätigen – erst dann bekommst "
			+ "du den Infobrief.";

	private final Subscriptions subscriptions;

	private final ConsentText consentText;

	private final JsonMapper json;

	SubscriptionController(Subscriptions subscriptions, ConsentText consentText, JsonMapper json) {
		this.subscriptions = subscriptions;
		this.consentText = consentText;
		this.json = json;
	}

	@GetMapping("/api/newsletter/options")
	@Operation(summary = "Audiences, Länder and the consent text for the subscribe form (public)")
	Options options() {
		return new Options(Arrays.stream(Audience.values()).map((a) -> new Option(a.name(), a.label())).toList(),
				Arrays.stream(Bundesland.values()).map((s) -> new Option(s.code(), s.germanName())).toList(),
				this.consentText.text(), this.consentText.version());
	}

	@PostMapping("/api/newsletter/subscriptions")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(summary = "Subscribe (public): always the same neutral answer for a valid request",
			description = "A new or pending address gets a confirmation mail (rate limited), a confirmed one "
					+ "nothing, an unsubscribed one a new double opt-in.")
	@ApiResponse(responseCode = "400", description = "Invalid e-mail, no audience, unknown Land, outdated consent")
	Message subscribe(@RequestBody SubscriptionRequest request) {
		this.subscriptions.subscribe(request.form());
		return new Message(NEUTRAL_ANSWER);
	}

	@PostMapping("/api/newsletter/subscriptions/confirm")
	@Operation(summary = "Confirm the double opt-in with the token from the mail (public)")
	@ApiResponse(responseCode = "404", description = "Unknown token")
	@ApiResponse(responseCode = "410", description = "Expired token, code confirmation-expired")
	ConfirmationView confirm(@RequestBody(required = false) ConfirmRequest request) {
		Subscriptions.Confirmation confirmation = this.subscriptions
			.confirm((request != null) ? request.token() : null);
		return new ConfirmationView(confirmation.subscriber().status().name(), confirmation.alreadyConfirmed(),
				confirmation.preferencesToken());
	}

	@GetMapping("/api/newsletter/preferences/{token}")
	@Operation(summary = "The preference page (public with the personal token)")
	PreferencesView preferences(@PathVariable String token) {
		return PreferencesView.of(this.subscriptions.byToken(token));
	}

	@PostMapping("/api/newsletter/preferences/{token}")
	@Operation(summary = "Change name, audiences and Länder (public with the personal token)")
	@ApiResponse(responseCode = "409", description = "Not (or no longer) subscribed")
	PreferencesView changePreferences(@PathVariable String token, @RequestBody PreferencesRequest request) {
		return PreferencesView.of(this.subscriptions.changePreferences(token,
				new Preferences(request.name(), request.audiences(), request.states())));
	}

	/**
	 * One endpoint for every way in: the RFC 8058 request of a mailbox provider (form
	 * {@code List-Unsubscribe=One-Click}, no cookies), an empty POST, and the pages' JSON
	 * (with {@code {"channel":"PREFERENCE_PAGE"}} from the preference page). Read by hand
	 * because two mappings told apart by {@code consumes} are ambiguous for an empty
	 * body.
	 */
	@PostMapping("/api/newsletter/unsubscribe/{token}")
	@Operation(summary = "Unsubscribe (public with the personal token): RFC 8058 one click, or JSON from the pages",
			description = "Body List-Unsubscribe=One-Click (form), none, or JSON {\"channel\":\"PREFERENCE_PAGE\"}; "
					+ "ONE_CLICK unless the JSON says otherwise.")
	Status unsubscribe(@PathVariable String token,
			@RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
			@RequestBody(required = false) String body) {
		UnsubscribeChannel channel = UnsubscribeChannel.ONE_CLICK;
		if (body != null && !body.isBlank() && contentType != null
				&& MediaType.parseMediaType(contentType).isCompatibleWith(MediaType.APPLICATION_JSON)) {
			UnsubscribeRequest request;
			try {
				request = this.json.readValue(body, UnsubscribeRequest.class);
			}
			catch (JacksonException ex) {
				throw new InvalidInputException("Bitte prüfe deine Angaben.",
						List.of(new FieldProblem("channel", "Erlaubt sind ONE_CLICK und PREFERENCE_PAGE.")));
			}
			if (request.channel() != null) {
				channel = request.channel();
			}
		}
		return new Status(this.subscriptions.unsubscribe(token, channel).status().name());
	}

	record SubscriptionRequest(String email, String name, List<String> audiences, List<String> states,
			String consentTextVersion, String source) {

		SubscriptionForm form() {
			return new SubscriptionForm(this.email, new Preferences(this.name, this.audiences, this.states),
					this.consentTextVersion, this.source);
		}

	}

	record ConfirmRequest(String token) {
	}

	record PreferencesRequest(String name, List<String> audiences, List<String> states) {
	}

	record UnsubscribeRequest(UnsubscribeChannel channel) {
	}

	record Option(String code, String label) {
	}

	record Options(List<Option> audiences, List<Option> states, String consentText, String consentTextVersion) {
	}

	record Message(String message) {
	}

	record ConfirmationView(String status, boolean alreadyConfirmed, String preferencesToken) {
	}

	record Status(String status) {
	}

	record PreferencesView(String email, String name, List<String> audiences, List<String> states, String status) {

		static PreferencesView of(Subscriber subscriber) {
			return new PreferencesView(subscriber.email(), subscriber.name(), subscriber.audiences(),
					subscriber.states(), subscriber.status().name());
		}

	}

}
