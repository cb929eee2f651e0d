package de.industriedialog.newsletter.subscriber;

import de.industriedialog.contracts.Bundesland;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import de.industriedialog.platform.web.GermanProblemDetails.FieldProblem;

/**
 * What a subscriber chooses: how to be addressed, who they are, which Länder interest
 * them. {@link #problems()} lists in German what keeps it from being accepted.
 *
 * @param name optional, how to address the person
 * @param audiences audience codes, at least one
 * @param states Länder as ISO codes; none = all of Germany
 */
public record Preferences(String name, List<String> audiences, List<String> states) {

	static final int NAME_MAX = 100;

	public Preferences {
		name = (name == null || name.isBlank()) ? null : name.strip();
		audiences = distinct(audiences);
		states = distinct(states);
	}

	public List<FieldProblem> problems() {
		List<FieldProblem> problems = new ArrayList<>();
		if (this.name != null && this.name.length() > NAME_MAX) {
			problems.add(new FieldProblem("name", "Der Name darf höchstens " + NAME_MAX + " Zeichen lang sein."));
		}
		if (this.audiences.isEmpty()) {
			problems.add(new FieldProblem("audiences", "Bitte wähle mindestens eine Gruppe aus, zu der du gehörst."));
		}
		for (String audience : this.audiences) {
			if (audience == null || !isAudience(audience)) {
				problems.add(new FieldProblem("audiences", "Die Gruppe „" + audience + "“ gibt es nicht."));
			}
		}
		for (String state : this.states) {
			if (state == null || Bundesland.ofCode(state).isEmpty()) {
				problems.add(new FieldProblem("states", "Das Bundesland „" + state
						+ "“ kennen wir nicht. Erlaubt sind die Kürzel DE-BW bis DE-TH; keins heißt bundesweit."));
			}
		}
		return problems;
	}

	static boolean isAudience(String code) {
		for (Audience audience : Audience.values()) {
			if (audience.name().equals(code)) {
				return true;
			}
		}
		return false;
	}

	private static List<String> distinct(List<String> values) {
		if (values == null) {
			return List.of();
		}
		Set<String> distinct = new LinkedHashSet<>();
		for (String value : values) {
			distinct.add((value != null) ? value.strip() : null);
		}
		return new ArrayList<>(distinct);
	}

}
