package de.industriedialog.registry.steckbrief.web;

import java.util.List;

import de.industriedialog.platform.web.GermanProblemDetails.FieldProblem;
import de.industriedialog.platform.web.InvalidInputException;
import de.industriedialog.platform.web.NotFoundException;
import de.industriedialog.registry.steckbrief.Bundesland;
import de.industriedialog.registry.steckbrief.InitiativeType;
import de.industriedialog.registry.steckbrief.Level;
import de.industriedialog.registry.steckbrief.SteckbriefQueries;
import de.industriedialog.registry.steckbrief.SteckbriefStatus;
import de.industriedialog.registry.steckbrief.Steckbriefe;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;

import org.springframework.data.domain.Pageable;
import org.springframework.data.web.PageableDefault;
import org.springframework.data.web.PagedModel;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The public read side of the registry. */
@RestController
@RequestMapping("/api/initiatives")
class InitiativeController {

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
			@PageableDefault(size = 20) Pageable pageable) {
		if (pageable.getPageSize() > 100) {
			throw new InvalidInputException("Es können höchstens 100 Einträge je Seite abgerufen werden.",
					List.of(new FieldProblem("size", "Höchstens 100.")));
		}
		Bundesland land = (state != null) ? Bundesland.ofCode(state)
			.orElseThrow(() -> new InvalidInputException(
					"„" + state + "“ ist kein Bundesland-Code. Erlaubt sind DE-BW, DE-BY, … DE-TH.",
					List.of(new FieldProblem("state", "Unbekannter Bundesland-Code."))))
				: null;
		return new PagedModel<>(this.queries.published(new SteckbriefQueries.Filter(land, level, type), pageable)
			.map(InitiativeView::of));
	}

	@GetMapping("/{id}")
	@Operation(summary = "One published initiative")
	InitiativeView get(@PathVariable String id) {
		return this.steckbriefe.find(id)
			.filter((steckbrief) -> steckbrief.status() == SteckbriefStatus.PUBLISHED)
			.map(InitiativeView::of)
			.orElseThrow(
					() -> new NotFoundException("Eine veröffentlichte Initiative mit dieser Kennung gibt es nicht."));
	}

}
