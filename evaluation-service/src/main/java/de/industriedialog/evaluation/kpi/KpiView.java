package de.industriedialog.evaluation.kpi;

import java.util.ArrayList;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

import de.industriedialog.evaluation.landscape.InitiativeFact;
import de.industriedialog.evaluation.landscape.InitiativeFacts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * The KPI figures in memory: per dialogue event its dimensions and counters, the
 * initiatives, and the Infobrief figures ({@link NewsletterFigures}), beside the latest
 * fact of every registration, subscriber and response. Every replica keeps the whole
 * view: its KPI consumers follow all partitions in a consumer group of their own
 * (docs/adr/0012), so any replica answers with the same figures and streams every change.
 *
 * <p>
 * A fact is compared with the one the view holds (by version; a response by its id): only
 * a newer one counts, so a duplicate or stale event, or one another replica wrote first,
 * changes nothing twice. A new fact goes to the store first, where the facts are shared
 * by all replicas and kept across restarts, and only then into the figures: what the view
 * holds is always in the store, so a fact the view knows needs no write, and a write that
 * fails (or whose answer is lost) leaves the view as it was for the retry. Built from the
 * facts at startup and after a rebuild.
 *
 * <p>
 * A fact write and the change it causes happen under the read side of a lock, a reload
 * from the facts under the write side: every write is then either contained in the reload
 * or applied after it, never both or neither. While a rebuild runs the view keeps its
 * last figures; the changes of the live consumers meanwhile are held back and announced
 * after the reload, which contains them.
 */
@Component
public class KpiView implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(KpiView.class);

	private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();

	private final KpiFacts facts;

	private final InitiativeFacts initiativeFacts;

	private final List<KpiChangeListener> listeners = new CopyOnWriteArrayList<>();

	// The following three are guarded by this view's monitor; the state is replaced as a
	// whole on reload.
	private State state = new State();

	private boolean rebuilding;

	private final List<FactChange> heldBack = new ArrayList<>();

	KpiView(KpiFacts facts, InitiativeFacts initiativeFacts) {
		this.facts = facts;
		this.initiativeFacts = initiativeFacts;
	}

	@Override
	public void afterSingletonsInstantiated() {
		reload(false);
	}

	public void subscribe(KpiChangeListener listener) {
		this.listeners.add(listener);
	}

	/**
	 * Applies a fact if it is new to the view.
	 * @param change what the fact changes against the view's state, {@code null} if the
	 * view knows it already (or a newer one)
	 * @param write stores the fact (idempotent: a conditional write that another replica
	 * may have made already)
	 */
	void record(Function<State, ? extends FactChange> change, Runnable write) {
		KpiChange announced = null;
		this.gate.readLock().lock();
		try {
			if (read(change) == null) {
				return;
			}
			write.run();
			synchronized (this) {
				// Computed again: the view may have learnt it meanwhile.
				FactChange applied = change.apply(this.state);
				if (applied == null) {
					return;
				}
				if (this.rebuilding) {
					this.heldBack.add(applied);
				}
				else {
					this.state.apply(applied);
					announced = announcement(applied, this.state.sequence);
				}
			}
		}
		finally {
			this.gate.readLock().unlock();
		}
		if (announced != null) {
			announce(announced);
		}
	}

	/** Computes something from the current figures, consistently. */
	synchronized <T> T read(Function<State, T> query) {
		return query.apply(this.state);
	}

	/** From now on, changes are held back until {@link #endRebuild()}. */
	void beginRebuild() {
		this.gate.writeLock().lock();
		try {
			synchronized (this) {
				this.rebuilding = true;
			}
		}
		finally {
			this.gate.writeLock().unlock();
		}
	}

	/** Reloads from the facts and announces the changes held back meanwhile. */
	void endRebuild() {
		reload(true);
	}

	/**
	 * Reloads from the facts, e.g. after another replica rebuilt them, and tells the
	 * listeners.
	 */
	void reloadFromFacts() {
		reload(false);
		announce(new KpiChange(read((s) -> s.sequence), null, null, null));
	}

	private void reload(boolean afterRebuild) {
		List<KpiChange> announcements = new ArrayList<>();
		this.gate.writeLock().lock();
		try {
			long started = System.nanoTime();
			State loaded = new State();
			this.facts.forEachEvent((fact) -> loaded.events.put(fact.eventId(), fact));
			this.facts.forEachRegistration((fact) -> {
				loaded.registrations.put(fact.registrationId(), fact);
				loaded.aggregate(fact.eventId()).registration(fact, 1);
			});
			this.facts.forEachFeedback((fact) -> {
				loaded.responses.add(fact.responseId());
				loaded.aggregate(fact.eventId()).feedback(fact);
			});
			this.initiativeFacts.all().forEach((fact) -> loaded.initiatives.put(fact.initiativeId(), fact));
			this.facts.forEachSubscriber((fact) -> {
				loaded.subscribers.put(fact.subscriberId(), fact);
				loaded.newsletter.subscriber(fact, 1);
			});
			this.facts.forEachInfobrief(loaded.newsletter::infobrief);
			synchronized (this) {
				loaded.sequence = this.state.sequence + 1;
				this.state = loaded;
				if (afterRebuild) {
					this.heldBack.forEach((change) -> announcements.add(announcement(change, loaded.sequence)));
					this.heldBack.clear();
					this.rebuilding = false;
				}
			}
			log.info("KPI view loaded from the facts: {} events, {} registrations, {} initiatives in {} ms",
					loaded.events.size(), loaded.registrations.size(), loaded.initiatives.size(),
					(System.nanoTime() - started) / 1_000_000);
		}
		finally {
			this.gate.writeLock().unlock();
		}
		if (afterRebuild && announcements.isEmpty()) {
			// Tell the listeners anyway: the figures may have changed with the reload.
			announcements.add(new KpiChange(read((s) -> s.sequence), null, null, null));
		}
		announcements.forEach(this::announce);
	}

	private static KpiChange announcement(FactChange change, long sequence) {
		String responseId = (change instanceof FactChange.FeedbackAdded added) ? added.fact().responseId() : null;
		return new KpiChange(sequence, change.occurredAt(), change.eventId(), responseId);
	}

	private void announce(KpiChange change) {
		for (KpiChangeListener listener : this.listeners) {
			try {
				listener.changed(change);
			}
			catch (RuntimeException ex) {
				log.warn("KPI change listener failed", ex);
			}
		}
	}

	/** The figures; only touched while holding the view's monitor. */
	static final class State {

		final Map<String, EventFact> events = new HashMap<>();

		final Map<String, EventAggregate> aggregates = new HashMap<>();

		final Map<String, InitiativeFact> initiatives = new HashMap<>();

		final NewsletterFigures newsletter = new NewsletterFigures();

		/** The latest fact of every registration, to compare a new one with. */
		final Map<String, RegistrationFact> registrations = new HashMap<>();

		final Map<String, SubscriberFact> subscribers = new HashMap<>();

		final Set<String> responses = new HashSet<>();

		/** Counts every applied change (and every reload). */
		long sequence;

		EventAggregate aggregate(String eventId) {
			return this.aggregates.computeIfAbsent(eventId, (id) -> new EventAggregate());
		}

		FactChange.EventChanged change(EventFact fact, Instant occurredAt) {
			EventFact known = this.events.get(fact.eventId());
			return (known != null && known.version() >= fact.version()) ? null
					: new FactChange.EventChanged(known, fact, occurredAt);
		}

		FactChange.RegistrationChanged change(RegistrationFact fact, Instant occurredAt) {
			RegistrationFact known = this.registrations.get(fact.registrationId());
			return (known != null && known.version() >= fact.version()) ? null
					: new FactChange.RegistrationChanged(known, fact, occurredAt);
		}

		FactChange.FeedbackAdded change(FeedbackFact fact, Instant occurredAt) {
			return this.responses.contains(fact.responseId()) ? null : new FactChange.FeedbackAdded(fact, occurredAt);
		}

		FactChange.SubscriberChanged change(SubscriberUpdate update, Instant occurredAt) {
			SubscriberFact known = this.subscribers.get(update.subscriberId());
			return (known != null && known.version() >= update.version()) ? null
					: new FactChange.SubscriberChanged(known, update.applyTo(known), occurredAt);
		}

		FactChange.InfobriefChanged change(InfobriefFact fact, Instant occurredAt) {
			InfobriefFact known = this.newsletter.infobrief(fact.issueId());
			return (known != null && known.version() >= fact.version()) ? null
					: new FactChange.InfobriefChanged(known, fact, occurredAt);
		}

		/**
		 * @param fact the initiative as stored now, {@code null} if it is not known
		 */
		FactChange.InitiativeChanged change(String initiativeId, InitiativeFact fact, Instant occurredAt) {
			InitiativeFact known = this.initiatives.get(initiativeId);
			if (fact == null) {
				return (known == null) ? null : new FactChange.InitiativeChanged(initiativeId, null, occurredAt);
			}
			return (known != null && known.version() >= fact.version()) ? null
					: new FactChange.InitiativeChanged(initiativeId, fact, occurredAt);
		}

		void apply(FactChange change) {
			if (change instanceof FactChange.EventChanged c) {
				this.events.put(c.after().eventId(), c.after());
			}
			else if (change instanceof FactChange.RegistrationChanged c) {
				if (c.before() != null) {
					aggregate(c.before().eventId()).registration(c.before(), -1);
				}
				aggregate(c.after().eventId()).registration(c.after(), 1);
				this.registrations.put(c.after().registrationId(), c.after());
			}
			else if (change instanceof FactChange.FeedbackAdded c) {
				aggregate(c.fact().eventId()).feedback(c.fact());
				this.responses.add(c.fact().responseId());
			}
			else if (change instanceof FactChange.SubscriberChanged c) {
				this.newsletter.subscriber(c.before(), -1);
				this.newsletter.subscriber(c.after(), 1);
				this.subscribers.put(c.after().subscriberId(), c.after());
			}
			else if (change instanceof FactChange.InfobriefChanged c) {
				this.newsletter.infobrief(c.after());
			}
			else if (change instanceof FactChange.InitiativeChanged c) {
				if (c.fact() != null) {
					this.initiatives.put(c.initiativeId(), c.fact());
				}
				else {
					this.initiatives.remove(c.initiativeId());
				}
			}
			this.sequence++;
		}

	}

}
