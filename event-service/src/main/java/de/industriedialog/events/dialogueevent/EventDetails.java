package de.industriedialog.events.dialogueevent;

import de.industriedialog.contracts.Bundesland;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What an initiative enters for a dialogue event. Times are instants; the API shows them
 * in Europe/Berlin. {@link #problems} holds every rule in one place so the web layer, the
 * tests and future importers all judge input the same way.
 *
 * @param state Bundesland as ISO 3166-2 code, e.g. {@code DE-NW}
 * @param campaignSupported {@code true} if the campaign supported the event,
 * {@code false} for an initiative's own event ("Eigeninitiative")
 */
public record EventDetails(String title, String description, String format, Instant start, Instant end, String venue,
		String city, String state, Integer capacity, List<TargetGroup> targetGroups, Instant registrationOpens,
		Instant registrationCloses, Boolean campaignSupported) {

	public static final int MAX_TITLE = 200;

	public static final int MAX_DESCRIPTION = 4000;

	public static final int MAX_VENUE = 200;

	public static final int MAX_CITY = 100;

	/**
	 * Normalises what a client sent: trimmed texts, blank optional texts as {@code null},
	 * times to whole seconds (the store keeps milliseconds, and equal input must compare
	 * equal), target groups sorted and distinct.
	 */
	public EventDetails {
		title = trim(title);
		description = blankToNull(trim(description));
		format = trim(format);
		venue = blankToNull(trim(venue));
		city = trim(city);
		state = trim(state);
		start = seconds(start);
		end = seconds(end);
		registrationOpens = seconds(registrationOpens);
		registrationCloses = seconds(registrationCloses);
		targetGroups = (targetGroups != null)
				? targetGroups.stream().filter((group) -> group != null).distinct().sorted().toList() : List.of();
	}

	/**
	 * Every rule this input breaks; empty when it is fine.
	 * @param now the current time
	 * @param startMustBeFuture {@code true} for a new event or a moved start: nobody
	 * schedules an event in the past
	 * @param knownFormat whether a format code exists in the catalogue
	 */
	public List<EventProblem> problems(Instant now, boolean startMustBeFuture, Predicate<String> knownFormat) {
		List<EventProblem> problems = new ArrayList<>();
		text(problems, "title", this.title, true, MAX_TITLE, "Bitte geben Sie einen Titel an.");
		text(problems, "description", this.description, false, MAX_DESCRIPTION, null);
		text(problems, "venue", this.venue, false, MAX_VENUE, null);
		text(problems, "city", this.city, true, MAX_CITY, "Bitte geben Sie den Ort an.");
		if (this.format == null || this.format.isEmpty()) {
			problems.add(new EventProblem("format", "Bitte wählen Sie ein Format."));
		}
		else if (!knownFormat.test(this.format)) {
			problems
				.add(new EventProblem("format", "Unbekanntes Format. Die Formate stehen unter /api/events/formats."));
		}
		if (this.state == null || this.state.isEmpty()) {
			problems.add(new EventProblem("state", "Bitte geben Sie das Bundesland an."));
		}
		else if (Bundesland.ofCode(this.state).isEmpty()) {
			problems.add(new EventProblem("state", "Unbekannter Bundesland-Code. Erlaubt sind DE-BW, DE-BY, … DE-TH."));
		}
		if (this.capacity == null) {
			problems.add(new EventProblem("capacity", "Bitte geben Sie an, wie viele Personen teilnehmen können."));
		}
		else if (this.capacity <= 0) {
			problems.add(new EventProblem("capacity", "Die Zahl der Plätze muss größer als 0 sein."));
		}
		if (this.targetGroups.isEmpty()) {
			problems.add(new EventProblem("targetGroups", "Bitte wählen Sie mindestens eine Zielgruppe."));
		}
		if (this.campaignSupported == null) {
			problems.add(new EventProblem("campaignSupported",
					"Bitte geben Sie an, ob die Kampagne die Veranstaltung unterstützt oder ob sie in Eigeninitiative stattfindet."));
		}
		times(problems, now, startMustBeFuture);
		return problems;
	}

	private void times(List<EventProblem> problems, Instant now, boolean startMustBeFuture) {
		if (this.start == null) {
			problems.add(new EventProblem("start", "Bitte geben Sie Beginn (Datum und Uhrzeit) an."));
		}
		else if (startMustBeFuture && !this.start.isAfter(now)) {
			problems.add(new EventProblem("start", "Der Beginn darf nicht in der Vergangenheit liegen."));
		}
		if (this.end == null) {
			problems.add(new EventProblem("end", "Bitte geben Sie das Ende (Datum und Uhrzeit) an."));
		}
		else if (this.start != null && !this.end.isAfter(this.start)) {
			problems.add(new EventProblem("end", "Das Ende muss nach dem Beginn liegen."));
		}
		if ((this.registrationOpens == null) != (this.registrationCloses == null)) {
			problems.add(new EventProblem((this.registrationOpens == null) ? "registrationOpens" : "registrationCloses",
					"Bitte geben Sie Beginn und Ende des Anmeldezeitraums an oder keines von beiden."));
		}
		if (this.registrationOpens != null && this.registrationCloses != null
				&& !this.registrationCloses.isAfter(this.registrationOpens)) {
			problems.add(new EventProblem("registrationCloses",
					"Der Anmeldeschluss muss nach dem Beginn der Anmeldung liegen."));
		}
		if (this.registrationCloses != null && this.end != null && this.registrationCloses.isAfter(this.end)) {
			problems.add(new EventProblem("registrationCloses",
					"Der Anmeldeschluss darf nicht nach dem Ende der Veranstaltung liegen."));
		}
	}

	private static void text(List<EventProblem> problems, String field, String value, boolean required, int max,
			String missing) {
		if (value == null || value.isEmpty()) {
			if (required) {
				problems.add(new EventProblem(field, missing));
			}
		}
		else if (value.length() > max) {
			problems.add(new EventProblem(field, "Höchstens " + max + " Zeichen."));
		}
	}

	private static String trim(String value) {
		return (value != null) ? value.strip() : null;
	}

	private static String blankToNull(String value) {
		return (value == null || value.isEmpty()) ? null : value;
	}

	private static Instant seconds(Instant value) {
		return (value != null) ? value.truncatedTo(ChronoUnit.SECONDS) : null;
	}

}
