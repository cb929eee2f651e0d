package de.industriedialog.registry.steckbrief;

import java.util.Set;

/**
 * Where a Steckbrief is in its review workflow; only published ones are public. The
 * allowed moves are kept here, in one place, so the use cases and the tests read the same
 * rules.
 */
public enum SteckbriefStatus {

	DRAFT("Entwurf"), IN_REVIEW("in Prüfung"), PUBLISHED("veröffentlicht"), WITHDRAWN("zurückgezogen");

	private final String germanName;

	SteckbriefStatus(String germanName) {
		this.germanName = germanName;
	}

	public String germanName() {
		return this.germanName;
	}

	/**
	 * The states this one may move to: a draft goes to review, a reviewed profile is
	 * published or goes back for rework, a published one is withdrawn, a withdrawn one
	 * can be reworked (and published again through review).
	 */
	public Set<SteckbriefStatus> next() {
		return switch (this) {
			case DRAFT -> Set.of(IN_REVIEW);
			case IN_REVIEW -> Set.of(PUBLISHED, DRAFT);
			case PUBLISHED -> Set.of(WITHDRAWN);
			case WITHDRAWN -> Set.of(DRAFT);
		};
	}

	public boolean mayMoveTo(SteckbriefStatus target) {
		return next().contains(target);
	}

	/**
	 * Whether the content may be edited: a withdrawn profile must be taken back into
	 * draft first, so that a change never silently reaches a profile nobody reviews.
	 */
	public boolean isEditable() {
		return this != WITHDRAWN;
	}

}
