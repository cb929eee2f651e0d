package de.industriedialog.localstack;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The demo data: the model-region events of 2017 from the study (section IV), with their
 * participants by group and the answers to the Evaluationsbogen. The numbers are made to
 * reproduce what the study reports over all model-region events (4.3): 405 attending
 * multipliers (group PROFESSIONAL); Q1 32/61/14/0 of 107 (29.9/57.0/13.1/0 %), Q2 36/30/1
 * of 67 (53.7/44.8/1.5 %; the sheets of three early events and two of Koblenz lacked the
 * item), Q3 71.0 %, Q4 63.6 %, Q5 52.3 % "voll und ganz". {@code DemoPlanTest} checks
 * these totals. Names are made up; nobody gets a mail (no addresses).
 */
final class DemoPlan {

	/** The participant groups of the study (4.3), as the API spells them. */
	static final List<String> GROUPS = List.of("PROFESSIONAL", "TRAINEE_STUDENT", "PUPIL");

	/** Answer codes of Q1, Q3, Q4, Q5, best first. */
	static final List<String> AGREEMENT = List.of("FULLY", "MOSTLY", "PARTLY", "NOT_AT_ALL");

	/** Answer codes of Q2, best first. */
	static final List<String> SUITABILITY = List.of("VERY_GOOD", "GOOD", "LESS_GOOD", "NOT_SUITABLE");

	static final String MUENSTER = "In|du|strie: Gemeinsam.Zukunft.Leben. (Münster)";

	static final String KREFELD = "Zukunft durch Industrie - Initiative Krefeld";

	static final String RHEIN_MOSEL = "Industriedialog Rhein-Mosel";

	static final String FRANKFURT = "Masterplan Industrie der Stadt Frankfurt am Main";

	static final String THUERINGEN = "Thüringer Bündnis für Industrie";

	static final String BADEN_WUERTTEMBERG = "Industriedialog Baden-Württemberg";

	static final String BERLIN = "Masterplan Industriestadt Berlin";

	static final String BERLIN_STEERING = "Steuerungskreis Industrie- und Innovationspolitik";

	/**
	 * One event and what happened at it.
	 *
	 * @param initiative name of the registry initiative that ran it (2017 import)
	 * @param groups attendees per participant group, in the order of {@link #GROUPS}
	 * @param represented how many professionals came for a registry initiative (network
	 * meetings), each for another one
	 * @param pupilsFrom organisation of the pupils / trainees
	 * @param q1 answers per option of Q1 in the order of {@link #AGREEMENT}; every answer
	 * array sums to the number of questionnaires, except Q2 where some left it out
	 */
	record Event(String title, String format, String initiative, LocalDateTime start, int minutes, String venue,
			String city, String state, boolean campaignSupported, String description, int[] groups, int represented,
			String pupilsFrom, int[] q1, int[] q2, int[] q3, int[] q4, int[] q5, List<String> good,
			List<String> improve) {

		int attendees() {
			return Arrays.stream(this.groups).sum();
		}

		int attendees(String group) {
			return this.groups[GROUPS.indexOf(group)];
		}

		int questionnaires() {
			return Arrays.stream(this.q1).sum();
		}

		/** Seats: the attendees and some room, as an organiser would have planned. */
		int capacity() {
			return (int) (Math.ceil(attendees() * 1.15 / 5.0) * 5);
		}

		List<String> targetGroups() {
			List<String> targets = new ArrayList<>();
			for (String group : GROUPS) {
				if (attendees(group) > 0) {
					targets.add(group);
				}
			}
			return targets;
		}

	}

	static final List<Event> EVENTS = List.of(
			new Event("Treffen regionaler Industrieinitiativen (Frühjahr 2017)", "TREFFEN_REGIONALER_INITIATIVEN",
					BERLIN, LocalDateTime.of(2017, 4, 5, 10, 30), 330, "Bundesministerium für Wirtschaft und Energie",
					"Berlin", "DE-BE", true,
					"Erstes Vernetzungstreffen der regionalen Industrieinitiativen: Erfahrungen austauschen, "
							+ "Modellregionen vorstellen, gemeinsame Themen für 2017 finden.",
					counts(45, 0, 0), 26, null, counts(1, 4, 0, 0), counts(3, 2, 0, 0), counts(4, 1, 0, 0),
					counts(3, 2, 0, 0), counts(3, 2, 0, 0, 0),
					List.of("Endlich lernt man die anderen Initiativen kennen.",
							"Gute Mischung aus Input und Austausch."),
					List.of("Mehr Zeit für die Gespräche zwischen den Initiativen.")),
			new Event("Design-Thinking-Workshop „Virtuelles Haus“", "DESIGN_THINKING_WORKSHOP", MUENSTER,
					LocalDateTime.of(2017, 5, 4, 9, 0), 360, "Schulzentrum Ahaus", "Ahaus", "DE-NW", true,
					"Schülerinnen und Schüler der Klassen 7 und 8 entwerfen mit Unternehmen der Region ein virtuelles "
							+ "Haus voller Industrieprodukte aus dem Münsterland.",
					counts(6, 0, 24), 0, "Gesamtschule Ahaus", counts(4, 7, 1, 0), counts(0, 0, 0, 0),
					counts(9, 3, 0, 0), counts(8, 3, 1, 0), counts(5, 4, 2, 1),
					List.of("Wir durften selbst etwas bauen.", "Die Leute aus den Firmen haben alles gut erklärt.",
							"Teamarbeit hat Spaß gemacht."),
					List.of("Mehr Pausen.", "Die Präsentation am Ende war zu lang.")),
			new Event("Zukunftswerkstatt Industrie Krefeld", "ZUKUNFTSWERKSTATT", KREFELD,
					LocalDateTime.of(2017, 6, 30, 10, 0), 360, "Seidenweberhaus", "Krefeld", "DE-NW", false,
					"Bestandsaufnahme, Vision, Realisierung: Bürgerinnen und Bürger, Unternehmen, Schulen und Politik "
							+ "entwickeln gemeinsam Ideen für den Industriestandort Krefeld.",
					counts(62, 14, 24), 0, "Berufskolleg Vera Beckers", counts(5, 10, 3, 0), counts(0, 0, 0, 0),
					counts(12, 5, 1, 0), counts(11, 5, 2, 0), counts(9, 6, 3, 0),
					List.of("Offene Diskussion auf Augenhöhe.", "Viele verschiedene Perspektiven an einem Tisch.",
							"Die Vision-Phase war sehr kreativ."),
					List.of("Die Ergebnisse sollten nachher sichtbar umgesetzt werden.",
							"Weniger Vorträge am Anfang.")),
			new Event("Welt-Café zum Kick-off des Industriedialogs Rhein-Mosel", "WELT_CAFE", RHEIN_MOSEL,
					LocalDateTime.of(2017, 7, 4, 17, 0), 210, "IHK Koblenz", "Koblenz", "DE-RP", true,
					"Auftakt des Industriedialogs Rhein-Mosel: an Thementischen über Fachkräfte, Akzeptanz und "
							+ "Infrastruktur der Region sprechen.",
					counts(66, 6, 0), 0, "Hochschule Koblenz", counts(4, 8, 2, 0), counts(6, 6, 0, 0),
					counts(10, 4, 0, 0), counts(9, 4, 1, 0), counts(8, 4, 2, 0),
					List.of("Lockere Atmosphäre, man kommt schnell ins Gespräch.", "Gute Moderation an den Tischen.",
							"Spannende Themen für die Region."),
					List.of("Die Tischwechsel kamen manchmal zu früh.")),
			new Event("Zweiter Workshop „Virtuelles Haus“: Feedback der Schülerinnen und Schüler",
					"DESIGN_THINKING_WORKSHOP", MUENSTER, LocalDateTime.of(2017, 8, 18, 10, 0), 180,
					"Schulzentrum Ahaus", "Ahaus", "DE-NW", false,
					"Die Klassen vom Mai stellen vor, was aus ihren Entwürfen geworden ist, und sagen, was sie sich "
							+ "von den Unternehmen wünschen.",
					counts(5, 0, 18), 0, "Gesamtschule Ahaus", counts(3, 4, 1, 0), counts(0, 0, 0, 0),
					counts(6, 2, 0, 0), counts(5, 3, 0, 0), counts(4, 2, 2, 0),
					List.of("Schön zu sehen, was aus unseren Ideen geworden ist.",
							"Die Firmen haben uns ernst genommen."),
					List.of("Mehr Zeit zum Ausprobieren.")),
			new Event("Forum Industriepolitik Frankfurt", "FORUM_INDUSTRIEPOLITIK", FRANKFURT,
					LocalDateTime.of(2017, 9, 7, 14, 0), 240, "Haus am Dom", "Frankfurt am Main", "DE-HE", false,
					"Unternehmen, Gewerkschaften, Verbände und Stadtpolitik beraten über die Umsetzung des "
							+ "Masterplans Industrie.",
					counts(40, 0, 0), 0, null, counts(2, 4, 1, 0), counts(3, 4, 0, 0), counts(5, 2, 0, 0),
					counts(4, 2, 1, 0), counts(4, 3, 0, 0, 0),
					List.of("Konstruktive Diskussion zwischen Stadt und Unternehmen.", "Gut vorbereitete Impulse."),
					List.of("Konkrete nächste Schritte vereinbaren.")),
			new Event("Branchenforum Thüringer Automobil- und Zulieferindustrie", "BRANCHENFORUM", THUERINGEN,
					LocalDateTime.of(2017, 9, 26, 13, 0), 270, "IHK Erfurt", "Erfurt", "DE-TH", true,
					"Welt-Café mit sechs Thementischen zu Elektromobilität, Digitalisierung und Fachkräften in der "
							+ "Thüringer Automobil- und Zulieferindustrie.",
					counts(50, 0, 0), 0, null, counts(3, 5, 2, 0), counts(6, 4, 0, 0), counts(7, 2, 1, 0),
					counts(6, 3, 1, 0), counts(6, 3, 1, 0),
					List.of("Sechs Tische, sechs Themen: sehr effizient.",
							"Austausch zwischen Zulieferern und Herstellern.", "Offene Worte der Gewerkschaft."),
					List.of("Ergebnisse der Tische bitte als Protokoll verschicken.")),
			new Event("Treffen regionaler Industrieinitiativen (Herbst 2017)", "TREFFEN_REGIONALER_INITIATIVEN", BERLIN,
					LocalDateTime.of(2017, 11, 7, 10, 30), 330, "Bundesministerium für Wirtschaft und Energie",
					"Berlin", "DE-BE", true,
					"Zweites Vernetzungstreffen: Ergebnisse aus den Modellregionen, Werkzeugkasten für "
							+ "Dialogveranstaltungen, Ausblick auf 2018.",
					counts(46, 0, 0), 31, null, counts(2, 3, 1, 0), counts(3, 3, 0, 0), counts(4, 1, 1, 0),
					counts(4, 1, 1, 0), counts(4, 2, 0, 0, 0),
					List.of("Der Werkzeugkasten ist sehr praktisch.", "Gute Beispiele aus den Modellregionen."),
					List.of("Ein Treffen im Jahr ist zu wenig.")),
			new Event("Zukunftscafé „Bildung für Industrie 4.0“", "ZUKUNFTSCAFE", FRANKFURT,
					LocalDateTime.of(2017, 11, 9, 9, 0), 240, "Berufsschulzentrum", "Frankfurt am Main", "DE-HE", true,
					"Berufsschülerinnen und -schüler diskutieren mit Ausbildern und Lehrkräften, was die Ausbildung "
							+ "für die Industrie 4.0 braucht.",
					counts(12, 80, 0), 0, "Berufliche Schulen Frankfurt", counts(3, 7, 2, 0), counts(6, 5, 1, 0),
					counts(8, 3, 1, 0), counts(7, 4, 1, 0), counts(5, 4, 2, 1),
					List.of("Endlich fragt uns mal jemand.", "Die Ausbilder haben ehrlich geantwortet.",
							"Gute Fragen an den Tischen."),
					List.of("Mehr Unternehmen einladen.", "WLAN hat nicht funktioniert.")),
			new Event("Zukunftswerkstatt „Unsere Industrie = Unsere Zukunft“", "ZUKUNFTSWERKSTATT", BADEN_WUERTTEMBERG,
					LocalDateTime.of(2017, 11, 14, 10, 0), 420, "Haus der Wirtschaft", "Stuttgart", "DE-BW", true,
					"Junge Menschen zwischen 18 und 30 entwickeln in drei Phasen ihre Vision einer Industrie, in der "
							+ "sie arbeiten wollen.",
					counts(8, 17, 0), 0, "Duale Hochschule Baden-Württemberg", counts(3, 5, 1, 0), counts(5, 4, 0, 0),
					counts(7, 2, 0, 0), counts(6, 3, 0, 0), counts(4, 3, 2, 0),
					List.of("Wir wurden ernst genommen.", "Die drei Phasen haben gut funktioniert."),
					List.of("Schade, dass nicht mehr Unternehmen da waren.")),
			new Event("Abschlussworkshop „Gesellschaftlicher Dialog zur Zukunft der Industrie“", "WELT_CAFE",
					BERLIN_STEERING, LocalDateTime.of(2018, 1, 25, 10, 0), 360,
					"Bundesministerium für Wirtschaft und Energie", "Berlin", "DE-BE", true,
					"Welt-Café zum Abschluss: Was haben die Modellregionen erreicht, was brauchen die Initiativen "
							+ "künftig?",
					counts(65, 8, 0), 0, "Technische Universität Berlin", counts(2, 4, 0, 0), counts(4, 2, 0, 0),
					counts(4, 2, 0, 0), counts(5, 1, 0, 0), counts(4, 2, 0, 0),
					List.of("Schöner Rückblick auf ein Jahr Dialog.", "Gute Ideen für die Fortsetzung."),
					List.of("Die Finanzierung der Initiativen nach 2018 blieb offen.")));

	private static final String[] FIRST_NAMES = { "Anna", "Ben", "Clara", "David", "Elif", "Felix", "Greta", "Hannes",
			"Ida", "Jonas", "Katharina", "Lukas", "Mia", "Niklas", "Olga", "Paul", "Quirin", "Rosa", "Stefan", "Tanja",
			"Ulrich", "Vera", "Wolfgang", "Yasemin", "Zoe", "Andreas", "Birgit", "Christian", "Doris", "Emil", "Frieda",
			"Georg", "Heike", "Ingo", "Julia", "Karl", "Lena", "Markus", "Nadine", "Oliver" };

	private static final String[] LAST_NAMES = { "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer",
			"Wagner", "Becker", "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf",
			"Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange",
			"Schmitt", "Werner", "Schmitz", "Krause", "Meier", "Lehmann", "Schmid", "Schulze", "Maier", "Köhler",
			"Herrmann", "König", "Walter", "Mayer", "Huber", "Kaiser", "Fuchs", "Peters", "Lang", "Scholz", "Möller",
			"Weiß", "Jung", "Hahn", "Vogel" };

	private static final String[] PROFESSIONAL_ORGANISATIONS = { "IHK", "IG Metall", "Stadtverwaltung",
			"Arbeitgeberverband", "Handwerkskammer", "Stadtrat", "Wirtschaftsförderung", "IG BCE", "Landesministerium",
			"Maschinenbau GmbH", "Chemiepark", "Zulieferbetrieb", "Agentur für Arbeit", "Schule (Lehrkraft)",
			"Unternehmerverband", "DGB" };

	private DemoPlan() {
	}

	/** A person at the door, as the walk-in request takes it. */
	record Attendee(String name, String group, String organisation, int representedIndex) {
	}

	/**
	 * The attendees of an event, in the order they are admitted: professionals first, the
	 * first {@code represented} of them each for another initiative (an index into the
	 * sorted registry, see {@link #representedIndex}). Names are distinct within the
	 * event, so a second run can tell who is on the door list already.
	 * @param index position of the event in {@link #EVENTS}
	 */
	static List<Attendee> attendees(int index) {
		Event event = EVENTS.get(index);
		List<Attendee> attendees = new ArrayList<>();
		int n = 0;
		for (String group : GROUPS) {
			for (int i = 0; i < event.attendees(group); i++, n++) {
				// Steps coprime with the pool sizes: the first 200 names of an event are
				// distinct pairs.
				String name = FIRST_NAMES[(n * 7 + index * 3) % FIRST_NAMES.length] + " "
						+ LAST_NAMES[(n * 11 + index * 5) % LAST_NAMES.length];
				boolean represents = group.equals("PROFESSIONAL") && i < event.represented();
				String organisation = group.equals("PROFESSIONAL")
						? PROFESSIONAL_ORGANISATIONS[(n + index) % PROFESSIONAL_ORGANISATIONS.length] + " "
								+ event.city()
						: event.pupilsFrom();
				attendees.add(new Attendee(name, group, represents ? null : organisation,
						represents ? representedIndex(index, i) : -1));
			}
		}
		return attendees;
	}

	/**
	 * Which initiative (index into the registry sorted by id) the i-th representative of
	 * a network meeting came for: the spring meeting the first ones, the autumn meeting
	 * from the tenth on, so that together they reach every initiative.
	 */
	static int representedIndex(int eventIndex, int i) {
		int offset = EVENTS.get(eventIndex).start().getMonthValue() < 7 ? 0 : 9;
		return offset + i;
	}

	/** One filled-in Evaluationsbogen. */
	record Questionnaire(String participantGroup, String q1, String q2, String q3, String q4, String q5, String good,
			String improve) {
	}

	/**
	 * The questionnaires of an event. Each item's answers are dealt out best first, so
	 * the most satisfied person is satisfied throughout, as on real sheets; the groups in
	 * proportion to who attended.
	 */
	static List<Questionnaire> questionnaires(int index) {
		Event event = EVENTS.get(index);
		int n = event.questionnaires();
		List<String> groups = proportionalGroups(event, n);
		List<String> q1 = deal(event.q1(), AGREEMENT);
		List<String> q2 = deal(event.q2(), SUITABILITY);
		List<String> q3 = deal(event.q3(), AGREEMENT);
		List<String> q4 = deal(event.q4(), AGREEMENT);
		List<String> q5 = deal(event.q5(), AGREEMENT);
		List<Questionnaire> sheets = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			sheets.add(new Questionnaire(groups.get(i), q1.get(i), (i < q2.size()) ? q2.get(i) : null, q3.get(i),
					q4.get(i), q5.get(i), (i < event.good().size()) ? event.good().get(i) : null,
					(n - 1 - i < event.improve().size()) ? event.improve().get(n - 1 - i) : null));
		}
		return sheets;
	}

	private static List<String> deal(int[] counts, List<String> codes) {
		List<String> answers = new ArrayList<>();
		for (int option = 0; option < counts.length; option++) {
			for (int i = 0; i < counts[option]; i++) {
				answers.add(codes.get(option));
			}
		}
		return answers;
	}

	/** Largest remainder: n answers split over the groups as the attendees were. */
	private static List<String> proportionalGroups(Event event, int n) {
		int[] seats = new int[GROUPS.size()];
		double[] remainders = new double[GROUPS.size()];
		int given = 0;
		for (int g = 0; g < GROUPS.size(); g++) {
			double exact = (double) n * event.groups()[g] / event.attendees();
			seats[g] = (int) exact;
			remainders[g] = exact - seats[g];
			given += seats[g];
		}
		while (given < n) {
			int best = 0;
			for (int g = 1; g < GROUPS.size(); g++) {
				if (remainders[g] > remainders[best]) {
					best = g;
				}
			}
			seats[best]++;
			remainders[best] = -1;
			given++;
		}
		// Interleaved, so that each group meets every part of the answer range.
		List<String> groups = new ArrayList<>();
		int[] left = seats.clone();
		while (groups.size() < n) {
			for (int g = 0; g < GROUPS.size(); g++) {
				if (left[g] > 0) {
					groups.add(GROUPS.get(g));
					left[g]--;
				}
			}
		}
		return groups;
	}

	private static int[] counts(int... counts) {
		return counts;
	}

}
