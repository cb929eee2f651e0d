package de.industriedialog.newsletter.subscriber;

import java.util.Collection;
import java.util.Set;

/**
 * Who an Infobrief goes to: audiences × Bundesländer. An empty set means "all". A
 * subscriber interested in no particular Land (bundesweit) is in every state segment.
 *
 * @param audiences audiences, empty = every audience
 * @param states Länder as ISO codes ({@code DE-BW}), empty = all of Germany
 */
public record Segment(Set<Audience> audiences, Set<String> states) {

	public Segment {
		audiences = (audiences != null) ? Set.copyOf(audiences) : Set.of();
		states = (states != null) ? Set.copyOf(states) : Set.of();
	}

	public static Segment everyone() {
		return new Segment(Set.of(), Set.of());
	}

	/** Whether a confirmed subscriber with these preferences is in the segment. */
	public boolean includes(Collection<Audience> subscriberAudiences, Collection<String> subscriberStates) {
		boolean audienceMatches = this.audiences.isEmpty()
				|| subscriberAudiences.stream().anyMatch(this.audiences::contains);
		boolean stateMatches = this.states.isEmpty() || subscriberStates.isEmpty()
				|| subscriberStates.stream().anyMatch(this.states::contains);
		return audienceMatches && stateMatches;
	}

}
