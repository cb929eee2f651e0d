package de.industriedialog.registry.steckbrief.web;

import java.util.List;
import java.util.Optional;

import de.industriedialog.contracts.Bundesland;
import de.industriedialog.platform.security.CurrentUser;
import de.industriedialog.platform.web.GermanProblemDetails.FieldProblem;
import de.industriedialog.platform.web.InvalidInputException;
import de.industriedialog.platform.web.NotFoundException;
import de.industriedialog.registry.steckbrief.GoalCategory;
import de.industriedialog.registry.steckbrief.InitiativeType;
import de.industriedialog.registry.steckbrief.Level;
import de.industriedialog.registry.steckbrief.Steckbrief;
import de.industriedialog.registry.steckbrief.SteckbriefQueries;
import de.industriedialog.registry.steckbrief.SteckbriefStatus;
import de.industriedialog.registry.steckbrief.Steckbriefe;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Pageable;
import org.springframework.data.web.PageableDefault;
import org.springframework.data.web.PagedModel;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The read side of the registry: the public list and map, and single profiles. */
@RestController
@RequestMapping("/api/initiatives")
@Tag(name = "Initiativen", description = "Öffentliche Liste, Karte und Steckbriefe")
class InitiativeController {

	static final MediaType GEO_JSON = MediaType.parseMediaType("application/geo+json");

	private final SteckbriefQueries queries;

	private final Steckbriefe steckbriefe;

	InitiativeController(SteckbriefQueries queries, Steckbriefe steckbriefe) {
		this.queries = queries;
		this.steckbriefe = steckbriefe;
	}

	@GetMapping
	@Operation(summary = "Published initiatives, filtered and paged, sorted by name")
	PagedModel<InitiativeView> list(
			@Parameter(description = "Bundesland as ISO 3166-2 code, e.g. DE-NW") @RequestParam(
					required = false) String state,
			@RequestParam(required = false) Level level, @RequestParam(required = false) InitiativeType type,
			@Parameter(description = "Goal category") @RequestParam(required = false) GoalCategory goal,
			@Parameter(description = "Text in name or city, case-insensitive, taken literally") @RequestParam(
					required = false) String q,
			@PageableDefault(size = 20) Pageable pageable) {
		if (pageable.getPageSize() > 100) {
			throw new InvalidInputException("Es können höchstens 100 Einträge je Seite abgerufen werden.",
					List.of(new FieldProblem("size", "Höchstens 100.")));
		}
		return new PagedModel<>(
				this.queries.published(filter(state, level, type, goal, q), pageable).map(InitiativeView::of));
	}

	@GetMapping(path = "/map", produces = { "application/geo+json", MediaType.APPLICATION_JSON_VALUE })
	@Operation(summary = "Published initiatives with a position as a GeoJSON FeatureCollection",
			description = "Point coordinates are [longitude, latitude]. The filters are those of the list.")
	ResponseEntity<GeoJson.FeatureCollection> map(@RequestParam(required = false) String state,
			@RequestParam(required = false) Level level, @RequestParam(required = false) InitiativeType type,
			@RequestParam(required = false) GoalCategory goal, @RequestParam(required = false) String q) {
		return ResponseEntity.ok()
			.contentType(GEO_JSON)
			.body(GeoJson.of(this.queries.publishedOnMap(filter(state, level, type, goal, q))));
	}

	@GetMapping("/review-queue")
	@Operation(summary = "Steckbriefe waiting for review (staff only)",
			security = @SecurityRequirement(name = "bearer"))
	@ApiResponse(responseCode = "401", description = "Nicht angemeldet",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "403", description = "Kein Konto der Geschäftsstelle",
			content = @Content(mediaType = "application/problem+json"))
	List<SteckbriefDetails> reviewQueue(CurrentUser user) {
		user.requireStaff();
		return this.steckbriefe.inReview().stream().map(SteckbriefDetails::of).toList();
	}

	@GetMapping("/{id}")
	@Operation(summary = "One initiative",
			description = "Public: only published profiles (InitiativeView). With a bearer token of the "
					+ "initiative itself or of staff: every state, with contact and workflow (SteckbriefDetails).")
	@ApiResponse(responseCode = "200",
			content = @Content(schema = @Schema(oneOf = { InitiativeView.class, SteckbriefDetails.class })))
	@ApiResponse(responseCode = "404", description = "Gibt es nicht oder ist nicht veröffentlicht",
			content = @Content(mediaType = "application/problem+json"))
	Object get(@PathVariable String id, @Nullable CurrentUser user) {
		Optional<Steckbrief> steckbrief = this.steckbriefe.find(id);
		// A GET with a valid token is authenticated although it is permitted without one.
		if (user != null && user.mayActFor(id) && steckbrief.isPresent()) {
			return SteckbriefDetails.of(steckbrief.get());
		}
		// Drafts of others answer like missing ones: their existence is not public
		// either.
		return steckbrief.filter((candidate) -> candidate.status() == SteckbriefStatus.PUBLISHED)
			.map(InitiativeView::of)
			.orElseThrow(
					() -> new NotFoundException("Eine veröffentlichte Initiative mit dieser Kennung gibt es nicht."));
	}

	private static SteckbriefQueries.Filter filter(String state, Level level, InitiativeType type, GoalCategory goal,
			String q) {
		Bundesland land = (state != null) ? Bundesland.ofCode(state)
			.orElseThrow(() -> new InvalidInputException(
					"„" + state + "“ ist kein Bundesland-Code. Erlaubt sind DE-BW, DE-BY, … DE-TH.",
					List.of(new FieldProblem("state", "Unbekannter Bundesland-Code."))))
				: null;
		if (q != null && q.length() > 100) {
			throw new InvalidInputException("Der Suchtext darf höchstens 100 Zeichen lang sein.",
					List.of(new FieldProblem("q", "Höchstens 100 Zeichen.")));
		}
		return new SteckbriefQueries.Filter(land, level, type, goal, q);
	}

}
