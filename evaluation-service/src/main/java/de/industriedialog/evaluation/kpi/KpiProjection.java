package de.industriedialog.evaluation.kpi;

import de.industriedialog.evaluation.landscape.InitiativeFactChanged;
import de.industriedialog.evaluation.landscape.InitiativeFacts;
import de.industriedialog.platform.messaging.IncomingEvent;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Applies the events of the live consumers to the KPI facts, one single-document write
 * each, and hands what really changed to the {@link KpiView}.
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
			this.view.record(() -> this.facts.apply(event.id(), fact, event.time()));
		}
	}

	void registrationEvent(IncomingEvent event) {
		RegistrationFact fact = this.payloads.registrationFact(event);
		if (fact != null) {
			this.view.record(() -> this.facts.apply(event.id(), fact, event.time()));
		}
	}

	void feedbackEvent(IncomingEvent event) {
		FeedbackFact fact = this.payloads.feedbackFact(event);
		if (fact != null) {
			this.view.record(() -> this.facts.apply(fact, event.time()));
		}
	}

	void newsletterEvent(IncomingEvent event) {
		SubscriberUpdate update = this.payloads.subscriberUpdate(event);
		if (update != null) {
			this.view.record(() -> this.facts.apply(event.id(), update, event.time()));
			return;
		}
		InfobriefFact fact = this.payloads.infobriefFact(event);
		if (fact != null) {
			this.view.record(() -> this.facts.apply(event.id(), fact, event.time()));
		}
	}

	/** The landscape projection changed an initiative: read it again. */
	@EventListener
	void initiativeChanged(InitiativeFactChanged changed) {
		this.view.record(() -> new FactChange.InitiativeChanged(changed.initiativeId(),
				this.initiativeFacts.find(changed.initiativeId()).orElse(null), changed.occurredAt()));
	}

}
