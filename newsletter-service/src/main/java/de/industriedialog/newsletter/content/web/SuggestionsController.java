package de.industriedialog.newsletter.content.web;

import java.util.List;

import de.industriedialog.newsletter.content.ContentSuggestions;
import de.industriedialog.newsletter.content.Suggestion;
import de.industriedialog.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Content suggestions for the Infobrief editor: staff only (a protected read in
 * {@code industriedialog.security.protected-reads}, the role checked here).
 */
@RestController
@Tag(name = "Infobrief", description = "Infobriefe der Geschäftsstelle")
class SuggestionsController {

	private final ContentSuggestions suggestions;

	SuggestionsController(ContentSuggestions suggestions) {
		this.suggestions = suggestions;
	}

	@GetMapping("/api/infobriefe/suggestions")
	@Operation(summary = "Suggested sections: new Steckbriefe, upcoming and recently held events with their figures",
			security = @SecurityRequirement(name = "bearer"))
	@ApiResponse(responseCode = "401", description = "No valid token")
	@ApiResponse(responseCode = "403", description = "Not staff")
	List<Suggestion> suggestions(CurrentUser user) {
		user.requireStaff();
		return this.suggestions.suggestions();
	}

}
