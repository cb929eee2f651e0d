package de.industriedialog.registry.steckbrief;

import java.util.Collection;
import java.util.stream.Stream;

/**
 * How many of the classic tripartite partners take part: politics, the business side
 * (companies, chambers, associations) and unions. Always derived, never typed in.
 */
public enum Composition {

	MONO, DUO, TRIPARTITE;

	/**
	 * Derives the composition, or {@code null} when no actor groups are known (the 2017
	 * registry lists none per initiative).
	 */
	public static Composition of(Collection<ActorGroup> actorGroups) {
		if (actorGroups == null || actorGroups.isEmpty()) {
			return null;
		}
		boolean politics = actorGroups.contains(ActorGroup.POLITICS_ADMINISTRATION);
		boolean business = Stream.of(ActorGroup.COMPANIES, ActorGroup.CHAMBERS, ActorGroup.EMPLOYER_ASSOCIATIONS)
			.anyMatch(actorGroups::contains);
		boolean unions = actorGroups.contains(ActorGroup.UNIONS);
		long partners = Stream.of(politics, business, unions).filter(Boolean::booleanValue).count();
		if (partners == 3) {
			return TRIPARTITE;
		}
		return (partners == 2) ? DUO : MONO;
	}

	/** An Industriebündnis: politics, business side and unions all take part. */
	public boolean isBuendnis() {
		return this == TRIPARTITE;
	}

}
