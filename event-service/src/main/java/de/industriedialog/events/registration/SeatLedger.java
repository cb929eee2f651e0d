package de.industriedialog.events.registration;

import org.bson.Document;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The seat count of each event in one small document, {@code {_id: eventId, confirmed,
 * waitlisted}}. A seat is taken with one conditional increment ({@code confirmed <
 * capacity}), which the database applies atomically: there is no lock per event that
 * requests queue behind, and no way to hand out more seats than there are.
 *
 * <p>
 * Taking the seat and storing the registration are two writes (the store has no
 * transactions). If the process dies in between, the count is one too high until
 * {@link SeatLedgerRepair} recounts it at the next start; it can never be too low, so the
 * event is never overbooked.
 *
 * <p>
 * Every write that moves {@code confirmed} also raises {@code changes}, in the same
 * update (no extra write). The repair compares it to tell "nobody touched this counter"
 * from "the counter went up and down to the same value", which comparing
 * {@code confirmed} alone cannot.
 */
@Component
class SeatLedger {

	static final String COLLECTION = "seat_ledgers";

	static final String CHANGES = "changes";

	private final MongoTemplate mongo;

	SeatLedger(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/**
	 * @return {@code true} if a seat was free and is now taken
	 */
	boolean claimSeat(String eventId, int capacity) {
		if (takeFreeSeat(eventId, capacity)) {
			return true;
		}
		// Full, or the first registration of the event. One read tells which; try again
		// even if the ledger exists now: a concurrent first request may have created it
		// between the update and the read, and the seats are free.
		Document ledger = this.mongo.findById(eventId, Document.class, COLLECTION);
		if (ledger != null && ((Number) ledger.get("confirmed")).intValue() >= capacity) {
			return false;
		}
		if (ledger == null) {
			create(eventId);
		}
		return takeFreeSeat(eventId, capacity);
	}

	/**
	 * A seat if one is free, else the next place on the waitlist: one write when there is
	 * a seat, two when the event is full (the registration load's common case), no read.
	 *
	 * <p>
	 * When neither write matches, the ledger did not exist yet or a seat was freed
	 * between the two; the loop tries again. It is lock-free rather than bounded: each
	 * further round means another request took the freed seat, so the system as a whole
	 * always moves on, and a person who keeps losing that race ends up on the waitlist,
	 * never with an error.
	 * @return the waitlist position, or {@code 0} for a seat
	 */
	long claimSeatOrWaitlistPosition(String eventId, int capacity) {
		Query full = Query.query(Criteria.where("_id").is(eventId).and("confirmed").gte(capacity));
		while (true) {
			if (takeFreeSeat(eventId, capacity)) {
				return 0;
			}
			Document ledger = this.mongo.findAndModify(full, new Update().inc("waitlisted", 1L),
					FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION);
			if (ledger != null) {
				return ((Number) ledger.get("waitlisted")).longValue();
			}
			create(eventId);
		}
	}

	/**
	 * The conditional increment itself: {@code confirmed < capacity → $inc confirmed}.
	 */
	private boolean takeFreeSeat(String eventId, int capacity) {
		Query freeSeat = Query.query(Criteria.where("_id").is(eventId).and("confirmed").lt(capacity));
		return this.mongo.updateFirst(freeSeat, new Update().inc("confirmed", 1).inc(CHANGES, 1L), COLLECTION)
			.getModifiedCount() == 1;
	}

	void releaseSeat(String eventId) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(eventId).and("confirmed").gt(0)),
				new Update().inc("confirmed", -1).inc(CHANGES, 1L), COLLECTION);
	}

	int confirmed(String eventId) {
		Document ledger = this.mongo.findById(eventId, Document.class, COLLECTION);
		return (ledger != null) ? ((Number) ledger.get("confirmed")).intValue() : 0;
	}

	/**
	 * The counter and its change count as read now; a ledger from before the change count
	 * existed gets one first, so the value read can be compared.
	 */
	Snapshot snapshot(String eventId) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(eventId).and(CHANGES).exists(false)),
				new Update().set(CHANGES, 0L), COLLECTION);
		Document ledger = this.mongo.findById(eventId, Document.class, COLLECTION);
		if (ledger == null) {
			return new Snapshot(0, -1);
		}
		return new Snapshot(((Number) ledger.get("confirmed")).intValue(), ((Number) ledger.get(CHANGES)).longValue());
	}

	/**
	 * Sets the counter if nothing moved it since {@code seen} was read: a compare-and-set
	 * on the change count.
	 * @return {@code true} if set, {@code false} if it moved (or is gone)
	 */
	boolean correct(String eventId, Snapshot seen, long confirmed) {
		Query unchanged = Query.query(Criteria.where("_id").is(eventId).and(CHANGES).is(seen.changes()));
		return this.mongo
			.updateFirst(unchanged, new Update().set("confirmed", (int) confirmed).inc(CHANGES, 1L), COLLECTION)
			.getModifiedCount() == 1;
	}

	java.util.List<String> eventIds() {
		return this.mongo.findDistinct(new Query(), "_id", COLLECTION, String.class);
	}

	/**
	 * @param confirmed the seat counter
	 * @param changes how many writes moved it so far
	 */
	record Snapshot(int confirmed, long changes) {
	}

	private void create(String eventId) {
		try {
			this.mongo.insert(
					new Document("_id", eventId).append("confirmed", 0).append("waitlisted", 0L).append(CHANGES, 0L),
					COLLECTION);
		}
		catch (DuplicateKeyException ex) {
			// Another request created it a moment ago: fine.
		}
	}

}
