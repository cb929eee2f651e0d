package de.industriedialog.evaluation.landscape.web;

import de.industriedialog.evaluation.landscape.InitiativeLandscape;
import de.industriedialog.evaluation.landscape.InitiativeLandscapeQuery;
import io.swagger.v3.oas.annotations.Operation;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** KPI views of the initiative landscape. */
@RestController
@RequestMapping("/api/kpi")
class KpiController {

	private final InitiativeLandscapeQuery landscape;

	KpiController(InitiativeLandscapeQuery landscape) {
		this.landscape = landscape;
	}

	@GetMapping("/initiatives")
	@Operation(summary = "Published initiatives by level, type, Bundesland and composition (Tabelle 1)")
	InitiativeLandscape initiatives() {
		return this.landscape.current();
	}

}
