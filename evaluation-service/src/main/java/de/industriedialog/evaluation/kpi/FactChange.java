package de.industriedialog.evaluation.kpi;

import java.time.Instant;

import de.industriedialog.evaluation.landscape.InitiativeFact;

/**
 * What one applied source event changed in the facts: the fact before (for the exact
 * delta) and after.
 */
sealed interface FactChange {

	/** {@code ce_time} of the source event; {@code null} if it had none. */
	Instant occurredAt();

	/** The dialogue event the change is about, {@code null} for an initiative. */
	String eventId();

	/** A dialogue event's dimensions; {@code before} is {@code null} for a new event. */
	record EventChanged(EventFact before, EventFact after, Instant occurredAt) implements FactChange {

		@Override
		public String eventId() {
			return this.after.eventId();
		}

	}

	/** A registration's state; {@code before} is {@code null} for a new registration. */
	record RegistrationChanged(RegistrationFact before, RegistrationFact after,
			Instant occurredAt) implements FactChange {

		@Override
		public String eventId() {
			return this.after.eventId();
		}

	}

	/** A response that was not known before. */
	record FeedbackAdded(FeedbackFact fact, Instant occurredAt) implements FactChange {

		@Override
		public String eventId() {
			return this.fact.eventId();
		}

	}

	/**
	 * An initiative's Steckbrief facts, read again after the landscape projection changed
	 * them.
	 *
	 * @param fact {@code null} if the initiative is no longer known
	 */
	record InitiativeChanged(String initiativeId, InitiativeFact fact, Instant occurredAt) implements FactChange {

		@Override
		public String eventId() {
			return null;
		}

	}

	/** An Infobrief subscriber; {@code before} is {@code null} for a new subscriber. */
	record SubscriberChanged(SubscriberFact before, SubscriberFact after, Instant occurredAt) implements FactChange {

		@Override
		public String eventId() {
			return null;
		}

	}

	/** An Infobrief issue that was sent; {@code before} is {@code null} for a new one. */
	record InfobriefChanged(InfobriefFact before, InfobriefFact after, Instant occurredAt) implements FactChange {

		@Override
		public String eventId() {
			return null;
		}

	}

}
