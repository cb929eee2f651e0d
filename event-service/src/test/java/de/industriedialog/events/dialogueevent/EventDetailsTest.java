package de.industriedialog.events.dialogueevent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventDetailsTest {

	private static final Instant NOW = Instant.parse("2027-03-01T09:00:00Z");

	private static final Set<String> FORMATS = Set.of("WELT_CAFE", "ZUKUNFTSWERKSTATT");

	static EventDetails valid(Instant now) {
		Instant start = now.plus(Duration.ofDays(30));
		return new EventDetails("  Welt-Café zur Zukunft der Industrie ", "Auftakt", "WELT_CAFE", start,
				start.plus(Duration.ofHours(4)), "IHK", "Koblenz", "DE-RP", 70,
				List.of(TargetGroup.PUPIL, TargetGroup.PROFESSIONAL, TargetGroup.PUPIL), now,
				start.minus(Duration.ofDays(1)), true);
	}

	@Test
	void shouldAcceptValidDetailsAndNormaliseThem() {
		EventDetails details = valid(NOW);

		assertThat(problems(details, true)).isEmpty();
		assertThat(details.title()).isEqualTo("Welt-Café zur Zukunft der Industrie");
		assertThat(details.targetGroups()).containsExactly(TargetGroup.PROFESSIONAL, TargetGroup.PUPIL);
	}

	@Test
	void shouldRefuseAnEndBeforeTheStart() {
		EventDetails details = with(valid(NOW), "end", valid(NOW).start().minusSeconds(60));
		assertThat(fields(details, true)).containsExactly("end");
	}

	@Test
	void shouldRefuseCapacityOfZeroOrLess() {
		assertThat(fields(with(valid(NOW), "capacity", 0), true)).containsExactly("capacity");
		assertThat(fields(with(valid(NOW), "capacity", -5), true)).containsExactly("capacity");
	}

	@Test
	void shouldRefuseAnUnknownBundesland() {
		assertThat(fields(with(valid(NOW), "state", "DE-XX"), true)).containsExactly("state");
		assertThat(fields(with(valid(NOW), "state", "NW"), true)).containsExactly("state");
	}

	@Test
	void shouldRefuseAStartInThePastOnlyWhereItMatters() {
		EventDetails past = with(with(valid(NOW), "start", NOW.minusSeconds(3600)), "registrationCloses", null);
		past = with(past, "registrationOpens", null);

		assertThat(fields(past, true)).containsExactly("start");
		assertThat(fields(past, false)).isEmpty();
	}

	@Test
	void shouldRefuseOverLongTexts() {
		EventDetails details = with(with(valid(NOW), "title", "x".repeat(201)), "description", "y".repeat(4001));
		List<EventProblem> problems = problems(details, true);

		assertThat(problems).extracting(EventProblem::field).containsExactlyInAnyOrder("title", "description");
		assertThat(problems).extracting(EventProblem::message).contains("Höchstens 200 Zeichen.");
	}

	@Test
	void shouldRefuseAnUnknownFormat() {
		assertThat(fields(with(valid(NOW), "format", "KAFFEEKLATSCH"), true)).containsExactly("format");
	}

	@Test
	void shouldRefuseARegistrationWindowClosingAfterTheEvent() {
		EventDetails details = with(valid(NOW), "registrationCloses", valid(NOW).end().plusSeconds(60));
		assertThat(fields(details, true)).containsExactly("registrationCloses");
	}

	@Test
	void shouldRequireBothEndsOfTheRegistrationWindowAndTheirOrder() {
		assertThat(fields(with(valid(NOW), "registrationOpens", null), true)).containsExactly("registrationOpens");
		EventDetails reversed = with(valid(NOW), "registrationOpens", valid(NOW).registrationCloses().plusSeconds(1));
		assertThat(fields(reversed, true)).containsExactly("registrationCloses");
	}

	@Test
	void shouldNameEveryMissingFieldInGerman() {
		EventDetails empty = new EventDetails(" ", null, null, null, null, null, null, null, null, null, null, null,
				null);
		List<EventProblem> problems = problems(empty, true);

		assertThat(problems).extracting(EventProblem::field)
			.containsExactlyInAnyOrder("title", "city", "format", "state", "capacity", "targetGroups",
					"campaignSupported", "start", "end");
		assertThat(problems).allSatisfy((problem) -> assertThat(problem.message()).startsWith("Bitte"));
	}

	private static List<EventProblem> problems(EventDetails details, boolean startMustBeFuture) {
		return details.problems(NOW, startMustBeFuture, FORMATS::contains);
	}

	private static List<String> fields(EventDetails details, boolean startMustBeFuture) {
		return problems(details, startMustBeFuture).stream().map(EventProblem::field).toList();
	}

	/** A copy with one field replaced, so each test shows only what it breaks. */
	static EventDetails with(EventDetails d, String field, Object value) {
		return new EventDetails(field.equals("title") ? (String) value : d.title(),
				field.equals("description") ? (String) value : d.description(),
				field.equals("format") ? (String) value : d.format(),
				field.equals("start") ? (Instant) value : d.start(), field.equals("end") ? (Instant) value : d.end(),
				d.venue(), d.city(), field.equals("state") ? (String) value : d.state(),
				field.equals("capacity") ? (Integer) value : d.capacity(), d.targetGroups(),
				field.equals("registrationOpens") ? (Instant) value : d.registrationOpens(),
				field.equals("registrationCloses") ? (Instant) value : d.registrationCloses(), d.campaignSupported());
	}

}
