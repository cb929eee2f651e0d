package de.industriedialog.registry.steckbrief;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/** The use cases of the registry that change Steckbriefe. */
@Service
public class Steckbriefe {

	private final SteckbriefRepository repository;

	private final SteckbriefEvents events;

	private final Clock clock;

	Steckbriefe(SteckbriefRepository repository, SteckbriefEvents events, Clock clock) {
		this.repository = repository;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Adds a published Steckbrief with a fixed id unless one with that id exists. Safe to
	 * call on every start and from several instances at once.
	 * @return {@code true} if it was added now
	 */
	public boolean importPublished(String id, String name, Level level, InitiativeType type, String state,
			String origin) {
		if (this.repository.existsById(id)) {
			return false;
		}
		Instant now = this.clock.instant();
		Steckbrief steckbrief = new Steckbrief(id, name, level, type, state, origin, now);
		steckbrief.markPublished(now);
		steckbrief.raise(this.events.published(steckbrief, now));
		try {
			this.repository.insert(steckbrief);
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	public Optional<Steckbrief> find(String id) {
		return this.repository.findById(id);
	}

	public long count() {
		return this.repository.count();
	}

}
