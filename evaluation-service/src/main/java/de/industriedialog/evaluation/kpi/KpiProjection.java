package de.industriedialog.evaluation.kpi;

import de.industriedialog.evaluation.landscape.InitiativeFact;
import de.industriedialog.evaluation.landscape.InitiativeFacts;
import de.industriedialog.platform.messaging.IncomingEvent;

import org.springframework.stereotype.Component;

/**
 * Applies the events of the KPI consumers to the {@link KpiView} and, where new to it, to
 * the KPI facts, one single-document write each.
 */
@Component
class KpiProjection {

	private final KpiPayloads payloads;

	private final KpiFacts facts;

	private final InitiativeFacts initiativeFacts;

	private final KpiView view;

	KpiProjection(KpiPayloads payloads, KpiFacts facts, InitiativeFacts initiativeFacts, KpiView view) {
		this.payloads = payloads;
		this.facts = facts;
		this.initiativeFacts = initiativeFacts;
		this.view = view;
	}

	void dialogueEvent(IncomingEvent event) {
		EventFact fact = this.payloads.eventFact(event);
		if (fact != null) {
			this.view.record((state) -> state.change(fact, event.time()),
					() -> this.facts.apply(event.id(), fact, event.time()));
		}
	}

	void registrationEvent(IncomingEvent event) {
		RegistrationFact fact = this.payloads.registrationFact(event);
		if (fact != null) {
			this.view.record((state) -> state.change(fact, event.time()),
					() -> this.facts.apply(event.id(), fact, event.time()));
		}
	}

	void feedbackEvent(IncomingEvent event) {
		FeedbackFact fact = this.payloads.feedbackFact(event);
		if (fact != null) {
			this.view.record((state) -> state.change(fact, event.time()), () -> this.facts.apply(fact, event.time()));
		}
	}

	void newsletterEvent(IncomingEvent event) {
		SubscriberUpdate update = this.payloads.subscriberUpdate(event);
		if (update != null) {
			this.view.record((state) -> state.change(update, event.time()),
					() -> this.facts.apply(event.id(), update, event.time()));
			return;
		}
		InfobriefFact fact = this.payloads.infobriefFact(event);
		if (fact != null) {
			this.view.record((state) -> state.change(fact, event.time()),
					() -> this.facts.apply(event.id(), fact, event.time()));
		}
	}

	/**
	 * A Steckbrief event: the initiative facts are written as the landscape projection
	 * writes them (idempotent), then read back, since a withdrawal names only what it
	 * changes.
	 */
	void initiativeEvent(IncomingEvent event) {
		String initiativeId = this.initiativeFacts.apply(event);
		if (initiativeId != null) {
			InitiativeFact stored = this.initiativeFacts.find(initiativeId).orElse(null);
			this.view.record((state) -> state.change(initiativeId, stored, event.time()), () -> {
			});
		}
	}

}
