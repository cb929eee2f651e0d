package de.industriedialog.evaluation.kpi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Supplier;

import de.industriedialog.evaluation.landscape.InitiativeFact;
import de.industriedialog.evaluation.landscape.InitiativeFacts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * The KPI figures in memory: per dialogue event its dimensions and counters, the
 * initiatives, and the Infobrief figures ({@link NewsletterFigures}). Built from the
 * facts at startup and after a rebuild; in between every fact write that really changed
 * something moves the counters by its exact delta (old → new), so a duplicate or stale
 * event, which changes no fact, changes nothing here either.
 *
 * <p>
 * A fact write and the delta it causes happen under the read side of a lock, a reload
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

	/**
	 * Set when a fact write failed with an unknown outcome: the store may have applied it
	 * and only its answer was lost (a connection cut mid-request). The retry then finds
	 * the fact applied and reports no change, so the figures would miss its delta for
	 * good; instead the next write first reloads the figures from the facts.
	 */
	private final AtomicBoolean mayMissAWrite = new AtomicBoolean();

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
	 * Runs a fact write and applies the change it reports ({@code null}: nothing
	 * changed).
	 */
	void record(Supplier<? extends FactChange> write) {
		if (this.mayMissAWrite.get() && !isRebuilding()) {
			log.info("Reloading the KPI view from the facts: a fact write failed with an unknown outcome");
			reload(false);
			// The reload may have brought a change nobody announced.
			announce(new KpiChange(read((state) -> state.sequence), null, null, null));
		}
		KpiChange announced = null;
		this.gate.readLock().lock();
		try {
			FactChange change;
			try {
				change = write.get();
			}
			catch (RuntimeException ex) {
				this.mayMissAWrite.set(true);
				throw ex;
			}
			if (change == null) {
				return;
			}
			synchronized (this) {
				if (this.rebuilding) {
					this.heldBack.add(change);
				}
				else {
					this.state.apply(change);
					announced = announcement(change, this.state.sequence);
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

	private synchronized boolean isRebuilding() {
		return this.rebuilding;
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

	private void reload(boolean afterRebuild) {
		List<KpiChange> announcements = new ArrayList<>();
		this.gate.writeLock().lock();
		try {
			long started = System.nanoTime();
			// Cleared first: a reload that fails leaves it set again below.
			boolean reloadWanted = this.mayMissAWrite.getAndSet(false);
			State loaded = new State();
			try {
				this.facts.forEachEvent((fact) -> loaded.events.put(fact.eventId(), fact));
				this.facts.forEachRegistration((fact) -> loaded.aggregate(fact.eventId()).registration(fact, 1));
				this.facts.forEachFeedback((fact) -> loaded.aggregate(fact.eventId()).feedback(fact));
				this.initiativeFacts.all().forEach((fact) -> loaded.initiatives.put(fact.initiativeId(), fact));
				this.facts.forEachSubscriber((fact) -> loaded.newsletter.subscriber(fact, 1));
				this.facts.forEachInfobrief(loaded.newsletter::infobrief);
			}
			catch (RuntimeException ex) {
				if (reloadWanted) {
					this.mayMissAWrite.set(true);
				}
				throw ex;
			}
			synchronized (this) {
				loaded.sequence = this.state.sequence + 1;
				this.state = loaded;
				if (afterRebuild) {
					this.heldBack.forEach((change) -> announcements.add(announcement(change, loaded.sequence)));
					this.heldBack.clear();
					this.rebuilding = false;
				}
			}
			log.info("KPI view loaded from the facts: {} events, {} initiatives in {} ms", loaded.events.size(),
					loaded.initiatives.size(), (System.nanoTime() - started) / 1_000_000);
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

		/** Counts every applied change (and every reload). */
		long sequence;

		EventAggregate aggregate(String eventId) {
			return this.aggregates.computeIfAbsent(eventId, (id) -> new EventAggregate());
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
			}
			else if (change instanceof FactChange.FeedbackAdded c) {
				aggregate(c.fact().eventId()).feedback(c.fact());
			}
			else if (change instanceof FactChange.SubscriberChanged c) {
				this.newsletter.subscriber(c.before(), -1);
				this.newsletter.subscriber(c.after(), 1);
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
