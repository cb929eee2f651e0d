package de.industriedialog.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import de.industriedialog.contracts.CloudEventHeaders;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Publishes the {@link OutboxEvent}s embedded in aggregate documents and removes each one
 * once Kafka has acknowledged it. A crash between the send and the removal publishes the
 * event again with the same {@code ce_id}; consumers deduplicate by it, so the delivery
 * is at least once and the effect exactly once.
 *
 * <p>
 * It polls instead of tailing a change stream because change streams need a replica set
 * (and an oplog the local store would have to keep forever); polling works on every
 * MongoDB-compatible store.
 */
public class OutboxRelay implements SmartLifecycle {

	static final String OUTBOX_FIELD = "outbox";

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private final MongoTemplate mongo;

	private final StreamBridge streamBridge;

	private final OutboxProperties properties;

	private final String source;

	private final Counter published;

	private final AtomicLong backlog = new AtomicLong();

	private ScheduledExecutorService executor;

	private final Queue<Hint> hints = new ConcurrentLinkedQueue<>();

	/** Start of the last scan of the hinted collections; the first poll scans them. */
	private long lastSafetyScan = System.nanoTime() - Duration.ofDays(1).toNanos();

	public OutboxRelay(MongoTemplate mongo, StreamBridge streamBridge, OutboxProperties properties, String source,
			MeterRegistry meterRegistry) {
		this.mongo = mongo;
		this.streamBridge = streamBridge;
		this.properties = properties;
		this.source = source;
		this.published = Counter.builder("outbox.published")
			.description("Events published from the outbox")
			.register(meterRegistry);
		Gauge.builder("outbox.backlog", this.backlog, AtomicLong::get)
			.description("Pending outbox events seen in the last poll")
			.register(meterRegistry);
	}

	/**
	 * Publishes everything pending now. Returns the number of events published.
	 */
	public synchronized int publishPending() {
		return publish(this.properties.collections());
	}

	/**
	 * Tells the relay that a document of a hinted collection got outbox entries, so it
	 * publishes them within a few milliseconds without scanning the collection.
	 */
	public void hint(String collection, Object aggregateId) {
		this.hints.add(new Hint(collection, aggregateId));
	}

	/**
	 * Publishes the entries of the documents named by hints. Returns the number of events
	 * published.
	 */
	public synchronized int publishHinted() {
		Map<String, Set<Object>> byCollection = new LinkedHashMap<>();
		for (Hint hint = this.hints.poll(); hint != null; hint = this.hints.poll()) {
			byCollection.computeIfAbsent(hint.collection(), (c) -> new LinkedHashSet<>()).add(hint.aggregateId());
		}
		int count = 0;
		for (Map.Entry<String, Set<Object>> entry : byCollection.entrySet()) {
			List<Document> aggregates = new ArrayList<>();
			for (Object id : entry.getValue()) {
				// One lookup by _id each: fast on every store, unlike a scan.
				Document aggregate = this.mongo.findById(id, Document.class, entry.getKey());
				if (aggregate != null) {
					aggregates.add(aggregate);
				}
			}
			count += send(entry.getKey(), aggregates);
		}
		return count;
	}

	private int publish(List<String> collections) {
		int count = 0;
		long seen = 0;
		for (String collection : collections) {
			Query pending = new Query(Criteria.where(OUTBOX_FIELD + ".0").exists(true))
				.limit(this.properties.batchSize());
			pending.fields().include(OUTBOX_FIELD);
			List<Document> aggregates = this.mongo.find(pending, Document.class, collection);
			seen += aggregates.stream()
				.mapToLong((a) -> a.getList(OUTBOX_FIELD, Document.class, List.of()).size())
				.sum();
			count += send(collection, aggregates);
		}
		this.backlog.set(seen - count);
		return count;
	}

	private int send(String collection, List<Document> aggregates) {
		List<Pending> batch = new ArrayList<>();
		for (Document aggregate : aggregates) {
			List<Document> entries = aggregate.getList(OUTBOX_FIELD, Document.class, List.of());
			for (int i = 0; i < entries.size(); i++) {
				batch.add(new Pending(aggregate.get("_id"), i, entries.get(i)));
			}
		}
		// Several aggregates may share a record key (all registrations of one event):
		// send in the order things happened, not in the order the store returns
		// documents. Within one aggregate the array order stays the tie-breaker.
		batch.sort(java.util.Comparator.comparing(Pending::occurredAt).thenComparingInt(Pending::index));
		Map<String, Set<Object>> sentIds = new LinkedHashMap<>();
		Map<String, Set<Object>> aggregateIds = new LinkedHashMap<>();
		try {
			for (Pending item : batch) {
				Document entry = item.entry();
				String idField = idField(entry);
				send(entry, String.valueOf(entry.get(idField)));
				sentIds.computeIfAbsent(idField, (f) -> new LinkedHashSet<>()).add(entry.get(idField));
				aggregateIds.computeIfAbsent(idField, (f) -> new LinkedHashSet<>()).add(item.aggregateId());
				this.published.increment();
			}
		}
		finally {
			// Remove exactly what was sent, in one write per id field: entries added
			// while sending stay, and one store commit covers the whole batch.
			for (Map.Entry<String, Set<Object>> sent : sentIds.entrySet()) {
				Update remove = new Update().pull(OUTBOX_FIELD,
						new Document(sent.getKey(), new Document("$in", new ArrayList<>(sent.getValue()))));
				this.mongo.updateMulti(Query.query(Criteria.where("_id").in(aggregateIds.get(sent.getKey()))), remove,
						collection);
			}
		}
		return sentIds.values().stream().mapToInt(Set::size).sum();
	}

	/**
	 * Spring Data stores the {@code id} of an embedded {@link OutboxEvent} as
	 * {@code _id}; documents written without the mapping keep {@code id}.
	 */
	private static String idField(Document entry) {
		if (entry.get("_id") != null) {
			return "_id";
		}
		if (entry.get("id") != null) {
			return "id";
		}
		throw new IllegalStateException("Outbox entry without id: " + entry.toJson());
	}

	private void send(Document entry, String eventId) {
		String key = entry.getString("key");
		Object time = entry.get("occurredAt");
		String ceTime = (time instanceof java.util.Date date) ? date.toInstant().toString() : String.valueOf(time);
		Message<byte[]> message = MessageBuilder
			.withPayload(entry.getString("payload").getBytes(StandardCharsets.UTF_8))
			.setHeader(KafkaHeaders.KEY, key.getBytes(StandardCharsets.UTF_8))
			.setHeader(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0)
			.setHeader(CloudEventHeaders.ID, eventId)
			.setHeader(CloudEventHeaders.TYPE, CloudEventHeaders.ceType(entry.getString("eventType")))
			.setHeader(CloudEventHeaders.SOURCE, this.source)
			.setHeader(CloudEventHeaders.SUBJECT, entry.getString("subject"))
			.setHeader(CloudEventHeaders.TIME, ceTime)
			.setHeader(CloudEventHeaders.CONTENT_TYPE, "application/json")
			.setHeader(MessageHeaders.CONTENT_TYPE, "application/json")
			.build();
		if (!this.streamBridge.send(entry.getString("topic"), message)) {
			throw new IllegalStateException("Kafka did not accept event " + eventId);
		}
	}

	private record Hint(String collection, Object aggregateId) {
	}

	private record Pending(Object aggregateId, int index, Document entry) {

		java.util.Date occurredAt() {
			Object time = this.entry.get("occurredAt");
			return (time instanceof java.util.Date date) ? date : new java.util.Date(0);
		}

	}

	private void poll() {
		try {
			List<String> scanned = new ArrayList<>(this.properties.collections());
			long now = System.nanoTime();
			if (now - this.lastSafetyScan < this.properties.safetyScanInterval().toNanos()) {
				scanned.removeAll(this.properties.hintedCollections());
			}
			else {
				this.lastSafetyScan = now;
			}
			synchronized (this) {
				publishHinted();
				publish(scanned);
			}
		}
		catch (RuntimeException ex) {
			// Kafka or the store is unavailable; the entries stay and the next poll
			// retries.
			log.warn("Outbox relay could not publish: {}", ex.getMessage());
		}
	}

	@Override
	public void start() {
		this.executor = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "outbox-relay");
			thread.setDaemon(true);
			return thread;
		});
		long interval = this.properties.pollInterval().toMillis();
		this.executor.scheduleWithFixedDelay(this::poll, interval, interval, TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		this.executor.shutdown();
		try {
			// A poll takes milliseconds, but one waiting for a store or broker that is
			// already gone would hold the shutdown for the driver's timeout (30 s for
			// Mongo's server selection). Interrupt it: what it had not yet removed stays
			// in the outbox and goes out again after the restart (consumers deduplicate).
			if (!this.executor.awaitTermination(2, TimeUnit.SECONDS)) {
				this.executor.shutdownNow();
				this.executor.awaitTermination(2, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.executor = null;
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

	@Override
	public int getPhase() {
		// Start after the binder, stop before it.
		return Integer.MAX_VALUE - 1000;
	}

}
