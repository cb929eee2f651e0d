package de.industriedialog.events.format.web;

import java.util.List;

import de.industriedialog.events.format.EventFormat;
import de.industriedialog.events.format.FormatCatalogue;
import de.industriedialog.platform.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The format catalogue, public: an initiative reads it while it picks a format. */
@RestController
@RequestMapping("/api/events/formats")
@Tag(name = "Formate", description = "Katalog der Dialogformate mit Steckbrief, Drehbuch und Checkliste")
class FormatController {

	private final FormatCatalogue catalogue;

	FormatController(FormatCatalogue catalogue) {
		this.catalogue = catalogue;
	}

	@GetMapping
	@Operation(summary = "All dialogue formats with profile, run sheet and planning checklist")
	List<EventFormat> list() {
		return this.catalogue.all();
	}

	@GetMapping("/{code}")
	@Operation(summary = "One dialogue format by its code, e.g. ZUKUNFTSWERKSTATT")
	EventFormat get(@PathVariable String code) {
		return this.catalogue.find(code)
			.orElseThrow(() -> new NotFoundException("Ein Format mit dem Code „" + code + "“ gibt es nicht."));
	}

}
