package de.industriedialog.evaluation.kpi.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import de.industriedialog.evaluation.kpi.Dimension;
import de.industriedialog.evaluation.kpi.EventTable;
import de.industriedialog.evaluation.kpi.GroupCounts;
import de.industriedialog.evaluation.kpi.ItemFigures;
import de.industriedialog.evaluation.kpi.KpiFilter;
import de.industriedialog.evaluation.kpi.KpiQueries;
import de.industriedialog.evaluation.kpi.Labels;
import de.industriedialog.evaluation.kpi.LandscapeFigures;
import de.industriedialog.evaluation.kpi.Overview;
import de.industriedialog.evaluation.kpi.ReachTable;
import de.industriedialog.evaluation.kpi.SatisfactionTable;
import de.industriedialog.platform.security.CurrentUser;
import de.industriedialog.platform.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The KPI tables as CSV for reports to the ministry, staff only. */
@RestController
class KpiExportController {

	private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	private static final DateTimeFormatter GERMAN_TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");

	private final KpiQueries queries;

	private final Clock clock;

	KpiExportController(KpiQueries queries, Clock clock) {
		this.queries = queries;
		this.clock = clock;
	}

	@GetMapping("/api/kpi/export/{table}.csv")
	@Operation(summary = "A KPI table as CSV (overview, reach, satisfaction, landscape, events)",
			security = @SecurityRequirement(name = "bearer"))
	ResponseEntity<byte[]> export(CurrentUser user, @PathVariable String table,
			@RequestParam(required = false) String by, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String state,
			@RequestParam(required = false) String format, @RequestParam(required = false) String initiativeType) {
		user.requireStaff();
		KpiFilter filter = KpiFilter.parse(from, to, state, format, initiativeType);
		String name;
		Csv csv;
		switch (table) {
			case "overview" -> {
				name = "overview";
				csv = overview(this.queries.overview(filter));
			}
			case "reach" -> {
				Dimension dimension = Dimension.parse(by, KpiQueries.REACH_DIMENSIONS);
				name = "reach-" + dimension.code();
				csv = reach(this.queries.reach(dimension, filter));
			}
			case "satisfaction" -> {
				Dimension dimension = Dimension.parse(by, KpiQueries.SATISFACTION_DIMENSIONS);
				name = "satisfaction-" + dimension.code();
				csv = satisfaction(this.queries.satisfaction(dimension, filter));
			}
			case "landscape" -> {
				name = "landscape";
				csv = landscape(this.queries.landscape(filter));
			}
			case "events" -> {
				name = "events";
				csv = events(this.queries.events(filter));
			}
			default -> throw new NotFoundException("Diese Tabelle gibt es nicht. Möglich sind overview, reach, "
					+ "satisfaction, landscape und events.");
		}
		String filename = "kpi-" + name + "-" + LocalDate.now(this.clock.withZone(BERLIN)) + ".csv";
		return ResponseEntity.ok()
			.contentType(CSV)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(filename).build().toString())
			.body(csv.bytes());
	}

	static Csv overview(Overview overview) {
		Csv csv = new Csv().row("Kennzahl", "Wert");
		csv.row("Stand", GERMAN_TIME.format(overview.asOf().atZone(BERLIN)));
		csv.row("Veröffentlichte Initiativen", overview.initiatives().published());
		csv.row("Neue Initiativen seit Kampagnenstart (" + overview.initiatives().campaignStart() + ")",
				overview.initiatives().newSinceCampaignStart());
		csv.row("Initiativen bei Treffen regionaler Industrieinitiativen", overview.initiatives().inNetworkMeetings());
		csv.row("Veranstaltungen", overview.events().total());
		csv.row("Veranstaltungen durchgeführt", overview.events().held());
		csv.row("Veranstaltungen von der Kampagne unterstützt", overview.events().campaignSupported());
		csv.row("Veranstaltungen in Eigeninitiative", overview.events().selfOrganised());
		groupRows(csv, "Angemeldet", overview.reach().registered());
		groupRows(csv, "Teilgenommen", overview.reach().attended());
		csv.row("Multiplikatorinnen und Multiplikatoren", overview.reach().multipliers());
		csv.row("Rückmeldungen (Evaluationsbögen)", overview.satisfaction().responses());
		for (ItemFigures item : overview.satisfaction().items()) {
			csv.row(item.item() + " " + item.text() + ": Anteil der ersten beiden Stufen (%)", item.topTwoPercent());
		}
		newsletterRows(csv, overview.newsletter());
		return csv;
	}

	private static void newsletterRows(Csv csv, Overview.Newsletter newsletter) {
		if (newsletter == null || !newsletter.available()) {
			return;
		}
		csv.row("Infobrief: aktive Abonnent:innen", newsletter.activeSubscribers());
		newsletter.subscribersByAudience()
			.forEach((code, count) -> csv.row("Infobrief-Abonnent:innen: " + Labels.AUDIENCES.getOrDefault(code, code),
					count));
		newsletter.subscribersByState()
			.forEach((code,
					count) -> csv.row("Infobrief-Abonnent:innen mit Interesse an: "
							+ (Labels.NATIONWIDE.equals(code) ? "ganz Deutschland (bundesweit)" : Labels.state(code)),
							count));
		csv.row("Infobrief: Abmeldungen", newsletter.unsubscribed());
		csv.row("Infobrief: wegen Unzustellbarkeit ausgetragen", newsletter.bounced());
		csv.row("Versendete Infobriefe", newsletter.infobriefeSent());
		csv.row("Infobrief: zugestellte Mails", newsletter.mailsDelivered());
		csv.row("Infobrief: nicht zustellbare Mails", newsletter.mailsFailed());
		Overview.LastInfobrief last = newsletter.lastInfobrief();
		if (last != null) {
			csv.row("Letzter Infobrief: Betreff", last.subject());
			csv.row("Letzter Infobrief: versendet am",
					(last.sentAt() != null) ? GERMAN_TIME.format(last.sentAt().atZoneSameInstant(BERLIN)) : null);
			csv.row("Letzter Infobrief: Empfänger:innen", last.recipients());
			csv.row("Letzter Infobrief: zugestellt", last.delivered());
		}
		if (!newsletter.filtersNotApplied().isEmpty()) {
			csv.row("Hinweis Infobrief",
					"Die Filter Format und Typ der Initiative gelten nicht für die Infobrief-Zahlen.");
		}
	}

	static Csv reach(ReachTable table) {
		List<Object> header = new ArrayList<>(List.of("Schlüssel", "Bezeichnung", "Veranstaltungen"));
		header.addAll(groupHeaders("Angemeldet"));
		header.addAll(groupHeaders("Teilgenommen"));
		Csv csv = new Csv().row(header);
		for (ReachTable.Row row : table.rows()) {
			List<Object> cells = new ArrayList<>(List.of(row.key(), row.label(), row.events()));
			cells.addAll(groupCells(row.registered()));
			cells.addAll(groupCells(row.attended()));
			csv.row(cells);
		}
		return csv;
	}

	static Csv satisfaction(SatisfactionTable table) {
		List<Object> header = new ArrayList<>(List.of("Schlüssel", "Bezeichnung", "Rückmeldungen"));
		List<ItemFigures> template = table.rows().isEmpty() ? List.of() : table.rows().get(0).items();
		for (ItemFigures item : template) {
			header.add(item.item() + " Antworten");
			item.options().forEach((option) -> header.add(item.item() + " " + option.label() + " (%)"));
			header.add(item.item() + " erste beiden Stufen (%)");
		}
		Csv csv = new Csv().row(header);
		for (SatisfactionTable.Row row : table.rows()) {
			List<Object> cells = new ArrayList<>(List.of(row.key(), row.label(), row.responses()));
			for (ItemFigures item : row.items()) {
				cells.add(item.n());
				item.options().forEach((option) -> cells.add(option.percent()));
				cells.add(item.topTwoPercent());
			}
			csv.row(cells);
		}
		return csv;
	}

	/** Tabelle 1 of the study: level × type with sums. */
	static Csv landscape(LandscapeFigures figures) {
		Map<String, Map<String, Long>> byLevelAndType = figures.initiatives().byLevelAndType();
		List<Object> header = new ArrayList<>(List.of("Handlungsebene"));
		Labels.INITIATIVE_TYPES.values().forEach(header::add);
		header.add("Summe");
		Csv csv = new Csv().row(header);
		long[] columnSums = new long[Labels.INITIATIVE_TYPES.size()];
		Labels.LEVELS.forEach((level, label) -> {
			List<Object> cells = new ArrayList<>(List.of(label));
			long sum = 0;
			int column = 0;
			for (String type : Labels.INITIATIVE_TYPES.keySet()) {
				long count = byLevelAndType.getOrDefault(level, Map.of()).getOrDefault(type, 0L);
				cells.add(count);
				columnSums[column++] += count;
				sum += count;
			}
			cells.add(sum);
			csv.row(cells);
		});
		List<Object> sums = new ArrayList<>(List.of("Summe"));
		long total = 0;
		for (long sum : columnSums) {
			sums.add(sum);
			total += sum;
		}
		sums.add(total);
		return csv.row(sums);
	}

	static Csv events(EventTable table) {
		List<Object> header = new ArrayList<>(List.of("Veranstaltung", "Format", "Beginn", "Ort", "Bundesland",
				"Initiative", "Typ der Initiative", "Von der Kampagne unterstützt", "Status"));
		header.addAll(groupHeaders("Angemeldet"));
		header.addAll(groupHeaders("Teilgenommen"));
		header.addAll(List.of("Rückmeldungen", "Erwartungen getroffen (%)", "Format geeignet (%)"));
		Csv csv = new Csv().row(header);
		for (EventTable.Row row : table.rows()) {
			List<Object> cells = new ArrayList<>();
			cells.add(row.title());
			cells.add(row.formatLabel());
			cells.add((row.start() != null) ? GERMAN_TIME.format(row.start()) : null);
			cells.add(row.city());
			cells.add(row.stateLabel());
			cells.add(row.initiativeName());
			cells.add((row.initiativeType() != null)
					? Labels.INITIATIVE_TYPES.getOrDefault(row.initiativeType(), row.initiativeType()) : null);
			cells.add(row.campaignSupported());
			cells.add((row.status() != null) ? Labels.STATUSES.getOrDefault(row.status(), row.status()) : null);
			cells.addAll(groupCells(row.registered()));
			cells.addAll(groupCells(row.attended()));
			cells.add(row.responses());
			cells.add(row.expectationsMetPercent());
			cells.add(row.formatSuitablePercent());
			csv.row(cells);
		}
		return csv;
	}

	private static void groupRows(Csv csv, String prefix, GroupCounts counts) {
		List<String> headers = groupHeaders(prefix);
		List<Object> cells = groupCells(counts);
		for (int i = 0; i < headers.size(); i++) {
			csv.row(headers.get(i), cells.get(i));
		}
	}

	private static List<String> groupHeaders(String prefix) {
		return List.of(prefix + " Fachpublikum", prefix + " Auszubildende/Studierende",
				prefix + " Schülerinnen/Schüler", prefix + " gesamt");
	}

	private static List<Object> groupCells(GroupCounts counts) {
		return List.of(counts.professional(), counts.traineeStudent(), counts.pupil(), counts.total());
	}

}
