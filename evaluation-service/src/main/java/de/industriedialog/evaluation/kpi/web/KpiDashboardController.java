package de.industriedialog.evaluation.kpi.web;

import de.industriedialog.evaluation.kpi.Dimension;
import de.industriedialog.evaluation.kpi.EventTable;
import de.industriedialog.evaluation.kpi.KpiFilter;
import de.industriedialog.evaluation.kpi.KpiQueries;
import de.industriedialog.evaluation.kpi.KpiRebuild;
import de.industriedialog.evaluation.kpi.LandscapeFigures;
import de.industriedialog.evaluation.kpi.Overview;
import de.industriedialog.evaluation.kpi.ReachTable;
import de.industriedialog.evaluation.kpi.RebuildStatus;
import de.industriedialog.evaluation.kpi.SatisfactionTable;
import de.industriedialog.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The KPI dashboard of the network office: staff only (protected reads in
 * {@code industriedialog.security.protected-reads}, the role checked here). Every view
 * takes the filters {@code from}, {@code to}, {@code state}, {@code format} and
 * {@code initiativeType}.
 */
@RestController
@RequestMapping("/api/kpi")
@Tag(name = "Kennzahlen", description = "Kennzahlen der Kampagne für die Geschäftsstelle")
class KpiDashboardController {

	private final KpiQueries queries;

	private final KpiRebuild rebuild;

	KpiDashboardController(KpiQueries queries, KpiRebuild rebuild) {
		this.queries = queries;
		this.rebuild = rebuild;
	}

	@GetMapping("/overview")
	@Operation(summary = "Headline figures: initiatives, events, reach, satisfaction",
			security = @SecurityRequirement(name = "bearer"))
	@ApiResponse(responseCode = "400", description = "Invalid filter")
	@ApiResponse(responseCode = "401", description = "No valid token")
	@ApiResponse(responseCode = "403", description = "Not staff")
	Overview overview(CurrentUser user, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String state,
			@RequestParam(required = false) String format, @RequestParam(required = false) String initiativeType) {
		user.requireStaff();
		return this.queries.overview(KpiFilter.parse(from, to, state, format, initiativeType));
	}

	@GetMapping("/reach")
	@Operation(summary = "Registered and attended participants by event, format, initiative, Bundesland or month",
			security = @SecurityRequirement(name = "bearer"))
	ReachTable reach(CurrentUser user, @RequestParam(required = false) String by,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String state, @RequestParam(required = false) String format,
			@RequestParam(required = false) String initiativeType) {
		user.requireStaff();
		KpiFilter filter = KpiFilter.parse(from, to, state, format, initiativeType);
		return this.queries.reach(Dimension.parse(by, KpiQueries.REACH_DIMENSIONS), filter);
	}

	@GetMapping("/satisfaction")
	@Operation(summary = "Questionnaire items overall or by event, format, initiative, Bundesland or month",
			security = @SecurityRequirement(name = "bearer"))
	SatisfactionTable satisfaction(CurrentUser user, @RequestParam(required = false) String by,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String state, @RequestParam(required = false) String format,
			@RequestParam(required = false) String initiativeType) {
		user.requireStaff();
		KpiFilter filter = KpiFilter.parse(from, to, state, format, initiativeType);
		return this.queries.satisfaction(Dimension.parse(by, KpiQueries.SATISFACTION_DIMENSIONS), filter);
	}

	@GetMapping("/landscape")
	@Operation(summary = "Initiatives by level, type, Bundesland, composition and goal; their events by format",
			description = "Here state is the initiative's Bundesland.",
			security = @SecurityRequirement(name = "bearer"))
	LandscapeFigures landscape(CurrentUser user, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String state,
			@RequestParam(required = false) String format, @RequestParam(required = false) String initiativeType) {
		user.requireStaff();
		return this.queries.landscape(KpiFilter.parse(from, to, state, format, initiativeType));
	}

	@GetMapping("/events")
	@Operation(summary = "The dialogue events behind the figures, latest first",
			security = @SecurityRequirement(name = "bearer"))
	EventTable events(CurrentUser user, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String state,
			@RequestParam(required = false) String format, @RequestParam(required = false) String initiativeType) {
		user.requireStaff();
		return this.queries.events(KpiFilter.parse(from, to, state, format, initiativeType));
	}

	@PostMapping("/rebuild")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(summary = "Rebuild the KPI views from the topics (offset 0), in the background",
			security = @SecurityRequirement(name = "bearer"))
	@ApiResponse(responseCode = "409", description = "A rebuild is running")
	RebuildStatus startRebuild(CurrentUser user) {
		user.requireStaff();
		return this.rebuild.start();
	}

	@GetMapping("/rebuild")
	@Operation(summary = "Progress of the last rebuild", security = @SecurityRequirement(name = "bearer"))
	RebuildStatus rebuildStatus(CurrentUser user) {
		user.requireStaff();
		return this.rebuild.status();
	}

}
