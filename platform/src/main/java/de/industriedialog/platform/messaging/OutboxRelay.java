package de.industriedialog.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import de.industriedialog.contracts.CloudEventHeaders;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.aggregation.ArrayOperators;
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
 *
 * <p>
 * Catching up: a batch is sent as a whole (with a Kafka producer: every record handed to
 * the producer first, then all acknowledgements awaited, then one removal write), and
 * while a batch comes back full the next one follows at once instead of at the next tick.
 * A failed send never loses the way back to its entries: the collection switches to scan
 * mode and is drained by scanning until it is empty, so a broker outage ends in a
 * catch-up as fast as the broker takes the records, not in one safety scan every
 * {@code safetyScanInterval}.
 */
public class OutboxRelay implements SmartLifecycle {

	static final String OUTBOX_FIELD = "outbox";

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private final MongoTemplate mongo;

	private final Sender sender;

	private final OutboxTracing tracing;

	private final OutboxProperties properties;

	private final String source;

	private final Counter published;

	private final AtomicLong backlog = new AtomicLong();

	private ScheduledExecutorService executor;

	private final Queue<Hint> hints = new ConcurrentLinkedQueue<>();

	/**
	 * Hinted collections to drain by scanning: all of them at start (hints do not survive
	 * a restart), after a failed send (the hints taken for it are gone), and every
	 * {@code safetyScanInterval} (hints lost in another instance's crash).
	 */
	private final Set<String> scanning = ConcurrentHashMap.newKeySet();

	private long lastSafetyScan = System.nanoTime();

	/** When the backlog was last counted; the first poll counts it. */
	private long lastBacklogCount = System.nanoTime() - Duration.ofDays(1).toNanos();

	/**
	 * A relay that sends through Spring Cloud Stream, one blocking send per entry (the
	 * binding is synchronous so that an entry is removed only after the broker's
	 * acknowledgement). Used where no Kafka producer configuration is at hand.
	 */
	public OutboxRelay(MongoTemplate mongo, StreamBridge streamBridge, OutboxProperties properties, String source,
			MeterRegistry meterRegistry) {
		this(mongo, streamBridge, properties, source, meterRegistry, OutboxTracing.NONE);
	}

	/**
	 * A relay through Spring Cloud Stream (see above) that publishes each entry in a
	 * producer span continuing the trace stored in the entry.
	 */
	public OutboxRelay(MongoTemplate mongo, StreamBridge streamBridge, OutboxProperties properties, String source,
			MeterRegistry meterRegistry, OutboxTracing tracing) {
		this(mongo, new BridgeSender(streamBridge), properties, source, meterRegistry, tracing);
	}

	/**
	 * A relay with a Kafka producer of its own, built from {@code producerConfig} (at
	 * least {@code bootstrap.servers}; serializers, acks and idempotence are set here):
	 * each batch goes to the producer without waiting, and the acknowledgements are
	 * awaited together, so a backlog drains at the broker's pace.
	 * @param streamBridge sends the first entry of each topic, so that the binder
	 * provisions the topic as before (partitions and replication from the binder's
	 * settings, not the broker's auto-creation defaults); {@code null} to leave topics to
	 * the broker
	 */
	public OutboxRelay(MongoTemplate mongo, StreamBridge streamBridge, Map<String, Object> producerConfig,
			OutboxProperties properties, String source, MeterRegistry meterRegistry) {
		this(mongo, streamBridge, producerConfig, properties, source, meterRegistry, OutboxTracing.NONE);
	}

	/**
	 * A relay with a Kafka producer of its own (see above) that publishes each entry in a
	 * producer span continuing the trace stored in the entry.
	 */
	public OutboxRelay(MongoTemplate mongo, StreamBridge streamBridge, Map<String, Object> producerConfig,
			OutboxProperties properties, String source, MeterRegistry meterRegistry, OutboxTracing tracing) {
		this(mongo, new KafkaSender(producerConfig, (streamBridge != null) ? new BridgeSender(streamBridge) : null),
				properties, source, meterRegistry, tracing);
	}

	private OutboxRelay(MongoTemplate mongo, Sender sender, OutboxProperties properties, String source,
			MeterRegistry meterRegistry, OutboxTracing tracing) {
		this.mongo = mongo;
		this.sender = sender;
		this.tracing = tracing;
		this.properties = properties;
		this.source = source;
		this.scanning.addAll(properties.hintedCollections());
		this.published = Counter.builder("outbox.published")
			.description("Events published from the outbox")
			.register(meterRegistry);
		Gauge.builder("outbox.backlog", this.backlog, AtomicLong::get)
			.description("Outbox entries not yet published, across the outbox collections (counted every "
					+ "backlog-interval)")
			.register(meterRegistry);
	}

	/**
	 * Publishes everything pending now. Returns the number of events published.
	 */
	public synchronized int publishPending() {
		int count = 0;
		for (String collection : this.properties.collections()) {
			count += drain(collection);
			this.scanning.remove(collection);
		}
		return count;
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
		return publishHinted(Set.of());
	}

	/**
	 * Hints for a collection in {@code scannedNow} are dropped: the scan that follows in
	 * the same poll starts after they were taken and so finds their entries.
	 */
	private int publishHinted(Set<String> scannedNow) {
		Map<String, Set<Object>> byCollection = new LinkedHashMap<>();
		for (Hint hint = this.hints.poll(); hint != null; hint = this.hints.poll()) {
			if (!scannedNow.contains(hint.collection())) {
				byCollection.computeIfAbsent(hint.collection(), (c) -> new LinkedHashSet<>()).add(hint.aggregateId());
			}
		}
		int count = 0;
		for (Map.Entry<String, Set<Object>> entry : byCollection.entrySet()) {
			String collection = entry.getKey();
			try {
				List<Object> ids = new ArrayList<>(entry.getValue());
				for (int from = 0; from < ids.size(); from += this.properties.batchSize()) {
					List<Document> aggregates = new ArrayList<>();
					for (Object id : ids.subList(from, Math.min(ids.size(), from + this.properties.batchSize()))) {
						// One lookup by _id each: fast on every store, unlike a scan.
						Document aggregate = this.mongo.findById(id, Document.class, collection);
						if (aggregate != null) {
							aggregates.add(aggregate);
						}
					}
					count += send(collection, aggregates);
				}
			}
			catch (RuntimeException ex) {
				// The hints taken off the queue are gone: scan the collection until it is
				// drained instead. Other collections' hints taken with them as well.
				this.scanning.addAll(byCollection.keySet());
				throw ex;
			}
		}
		return count;
	}

	/**
	 * Sends batch after batch while they come back full. Entries that fail stay, so the
	 * loop ends on the first failure (with the exception) instead of spinning on them.
	 */
	private int drain(String collection) {
		int count = 0;
		while (!Thread.currentThread().isInterrupted()) {
			Query pending = new Query(Criteria.where(OUTBOX_FIELD + ".0").exists(true))
				.limit(this.properties.batchSize());
			pending.fields().include(OUTBOX_FIELD);
			List<Document> aggregates = this.mongo.find(pending, Document.class, collection);
			count += send(collection, aggregates);
			if (aggregates.size() < this.properties.batchSize()) {
				break;
			}
		}
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
		if (batch.isEmpty()) {
			return 0;
		}
		// Several aggregates may share a record key (all registrations of one event):
		// send in the order things happened, not in the order the store returns
		// documents. Within one aggregate the array order stays the tie-breaker. One
		// thread hands them to the producer in this order, so each partition keeps it.
		batch.sort(Comparator.comparing(Pending::occurredAt).thenComparingInt(Pending::index));
		RuntimeException failure = null;
		List<InFlight> inFlight = new ArrayList<>(batch.size());
		for (Pending item : batch) {
			try {
				Document entry = item.entry();
				String idField = idField(entry);
				CompletableFuture<Void> acknowledgement = send(entry, idField);
				inFlight.add(new InFlight(item, idField, entry.getString("key"), acknowledgement));
				if (acknowledgement.isCompletedExceptionally()) {
					// Failed within send: the producer reports a broker it could not
					// reach within max.block.ms this way, and every further send of the
					// batch would wait as long.
					break;
				}
			}
			catch (RuntimeException ex) {
				// Refused before it left (no metadata within max.block.ms, a closed
				// producer): the rest of the batch would wait just as long each.
				failure = ex;
				break;
			}
		}
		Map<String, Set<Object>> sentIds = new LinkedHashMap<>();
		Map<String, Set<Object>> aggregateIds = new LinkedHashMap<>();
		Set<String> failedKeys = new HashSet<>();
		for (InFlight sent : inFlight) {
			try {
				// The producer fails a record after delivery.timeout.ms; the relay waits
				// a
				// little longer and then gives up itself, since an idempotent producer
				// that lost its broker can keep records waiting for a new producer id.
				sent.acknowledgement().get(this.sender.acknowledgementTimeout().toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (ExecutionException | TimeoutException ex) {
				failedKeys.add(sent.key());
				failure = (failure != null) ? failure
						: new IllegalStateException(
								"Kafka did not acknowledge event " + sent.item().entry().get(sent.idField()),
								(ex instanceof ExecutionException) ? ex.getCause() : ex);
				continue;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				failure = (failure != null) ? failure
						: new IllegalStateException("interrupted while waiting for Kafka");
				break;
			}
			if (failedKeys.contains(sent.key())) {
				// A later event of a key whose earlier event failed stays as well: both
				// go
				// out again in order (the later one twice; consumers deduplicate by
				// ce_id).
				continue;
			}
			Object id = sent.item().entry().get(sent.idField());
			sentIds.computeIfAbsent(sent.idField(), (f) -> new LinkedHashSet<>()).add(id);
			aggregateIds.computeIfAbsent(sent.idField(), (f) -> new LinkedHashSet<>()).add(sent.item().aggregateId());
			this.published.increment();
		}
		// Remove exactly what was acknowledged, in one write per id field: entries added
		// while sending stay, and one store commit covers the whole batch.
		for (Map.Entry<String, Set<Object>> sent : sentIds.entrySet()) {
			Update remove = new Update().pull(OUTBOX_FIELD,
					new Document(sent.getKey(), new Document("$in", new ArrayList<>(sent.getValue()))));
			this.mongo.updateMulti(Query.query(Criteria.where("_id").in(aggregateIds.get(sent.getKey()))), remove,
					collection);
		}
		if (failure != null) {
			// Start the next attempt with a fresh producer rather than one whose state
			// after the failure is unknown; what the old one still holds is dropped and
			// stays in the outbox.
			this.sender.reset();
			throw failure;
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

	private CompletableFuture<Void> send(Document entry, String idField) {
		Object time = entry.get("occurredAt");
		String ceTime = (time instanceof java.util.Date date) ? date.toInstant().toString() : String.valueOf(time);
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
		headers.put(CloudEventHeaders.ID, String.valueOf(entry.get(idField)));
		headers.put(CloudEventHeaders.TYPE, CloudEventHeaders.ceType(entry.getString("eventType")));
		headers.put(CloudEventHeaders.SOURCE, this.source);
		headers.put(CloudEventHeaders.SUBJECT, entry.getString("subject"));
		headers.put(CloudEventHeaders.TIME, ceTime);
		headers.put(CloudEventHeaders.CONTENT_TYPE, "application/json");
		String topic = entry.getString("topic");
		// The trace of the change that wrote the entry, not the relay thread's own.
		return this.tracing.publish(entry.getString(OutboxTracing.TRACEPARENT), topic, headers,
				(traced) -> this.sender.send(topic, entry.getString("key").getBytes(StandardCharsets.UTF_8),
						entry.getString("payload").getBytes(StandardCharsets.UTF_8), traced));
	}

	/**
	 * The number of outbox entries across the collections, by one aggregation each. It
	 * reads every document with entries, so it runs every {@code backlogInterval}, not
	 * per scrape.
	 */
	long countBacklog() {
		long total = 0;
		for (String collection : this.properties.collections()) {
			Aggregation count = Aggregation.newAggregation(
					Aggregation.match(Criteria.where(OUTBOX_FIELD + ".0").exists(true)),
					Aggregation.project().and(ArrayOperators.Size.lengthOfArray(OUTBOX_FIELD)).as("n"),
					Aggregation.group().sum("n").as("n"));
			Document result = this.mongo.aggregate(count, collection, Document.class).getUniqueMappedResult();
			total += (result != null) ? ((Number) result.get("n")).longValue() : 0;
		}
		return total;
	}

	private void refreshBacklog() {
		long now = System.nanoTime();
		if (now - this.lastBacklogCount < this.properties.backlogInterval().toNanos()) {
			return;
		}
		this.lastBacklogCount = now;
		try {
			this.backlog.set(countBacklog());
		}
		catch (RuntimeException ex) {
			// The store is away: keep the last count, the next interval tries again.
			log.debug("Outbox backlog not counted: {}", ex.getMessage());
		}
	}

	private void poll() {
		synchronized (this) {
			long now = System.nanoTime();
			if (now - this.lastSafetyScan >= this.properties.safetyScanInterval().toNanos()) {
				this.lastSafetyScan = now;
				this.scanning.addAll(this.properties.hintedCollections());
			}
			Set<String> scannedNow = new LinkedHashSet<>(this.properties.collections());
			scannedNow.removeIf((c) -> this.properties.hintedCollections().contains(c) && !this.scanning.contains(c));
			try {
				publishHinted(scannedNow);
			}
			catch (RuntimeException ex) {
				log.warn("Outbox relay could not publish: {}", ex.getMessage());
			}
			for (String collection : scannedNow) {
				try {
					drain(collection);
					this.scanning.remove(collection);
				}
				catch (RuntimeException ex) {
					// Kafka or the store is unavailable; the entries stay, the collection
					// stays in scan mode and the next poll drains it again.
					log.warn("Outbox relay could not publish from {}: {}", collection, ex.getMessage());
				}
			}
		}
		refreshBacklog();
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
		if (this.executor == null) {
			this.sender.close();
			return;
		}
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
		this.sender.close();
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

	private record Hint(String collection, Object aggregateId) {
	}

	private record Pending(Object aggregateId, int index, Document entry) {

		java.util.Date occurredAt() {
			Object time = this.entry.get("occurredAt");
			return (time instanceof java.util.Date date) ? date : new java.util.Date(0);
		}

	}

	private record InFlight(Pending item, String idField, String key, CompletableFuture<Void> acknowledgement) {
	}

	/** Where the records go; the future completes with the broker's acknowledgement. */
	private interface Sender {

		CompletableFuture<Void> send(String topic, byte[] key, byte[] payload, Map<String, String> headers);

		/** How long to wait for an acknowledgement before counting the send as failed. */
		default Duration acknowledgementTimeout() {
			return Duration.ofMinutes(2);
		}

		/** Called after a failed send. */
		default void reset() {
		}

		default void close() {
		}

	}

	/** Through the (synchronous) binding: the future is complete when send returns. */
	private record BridgeSender(StreamBridge streamBridge) implements Sender {

		@Override
		public CompletableFuture<Void> send(String topic, byte[] key, byte[] payload, Map<String, String> headers) {
			MessageBuilder<byte[]> message = MessageBuilder.withPayload(payload).setHeader(KafkaHeaders.KEY, key);
			headers.forEach(message::setHeader);
			Message<byte[]> built = message.setHeader(MessageHeaders.CONTENT_TYPE, "application/json").build();
			if (!this.streamBridge.send(topic, built)) {
				throw new IllegalStateException("Kafka did not accept event " + headers.get(CloudEventHeaders.ID));
			}
			return CompletableFuture.completedFuture(null);
		}

	}

	/**
	 * A producer of the relay's own: idempotent with {@code acks=all}, so retries inside
	 * the producer neither duplicate nor reorder a partition's records, and an entry is
	 * removed only once every in-sync replica has it. Created on first use, closed on
	 * stop.
	 */
	private static final class KafkaSender implements Sender {

		private final Map<String, Object> config;

		private final Duration acknowledgementTimeout;

		private volatile Producer<byte[], byte[]> producer;

		/** Sends each topic's first record; {@code null}: none. */
		private final Sender provisioner;

		private final Set<String> provisioned = ConcurrentHashMap.newKeySet();

		KafkaSender(Map<String, Object> producerConfig, Sender provisioner) {
			this.provisioner = provisioner;
			Map<String, Object> config = new HashMap<>(producerConfig);
			config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
			config.put(ProducerConfig.ACKS_CONFIG, "all");
			config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
			config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
			this.config = Map.copyOf(config);
			Object delivery = config.getOrDefault(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
			this.acknowledgementTimeout = Duration.ofMillis(Long.parseLong(String.valueOf(delivery))).plusSeconds(5);
		}

		@Override
		public Duration acknowledgementTimeout() {
			return this.acknowledgementTimeout;
		}

		@Override
		public void reset() {
			Producer<byte[], byte[]> open;
			synchronized (this) {
				open = this.producer;
				this.producer = null;
			}
			if (open != null) {
				// Fails what it still holds at once; those entries are still in the
				// outbox.
				open.close(Duration.ZERO);
			}
		}

		@Override
		public CompletableFuture<Void> send(String topic, byte[] key, byte[] payload, Map<String, String> headers) {
			if (this.provisioner != null && !this.provisioned.contains(topic)) {
				// Synchronous, so it is on the topic before the records sent after it.
				CompletableFuture<Void> first = this.provisioner.send(topic, key, payload, headers);
				this.provisioned.add(topic);
				return first;
			}
			List<Header> recordHeaders = new ArrayList<>(headers.size());
			headers.forEach(
					(name, value) -> recordHeaders.add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8))));
			CompletableFuture<Void> acknowledged = new CompletableFuture<>();
			// Not under a lock: a send waiting for metadata (broker away) must not keep
			// close() from interrupting it.
			producer().send(new ProducerRecord<>(topic, null, key, payload, recordHeaders), (metadata, ex) -> {
				if (ex != null) {
					acknowledged.completeExceptionally(ex);
				}
				else {
					acknowledged.complete(null);
				}
			});
			return acknowledged;
		}

		private synchronized Producer<byte[], byte[]> producer() {
			if (this.producer == null) {
				this.producer = new KafkaProducer<>(this.config, new ByteArraySerializer(), new ByteArraySerializer());
			}
			return this.producer;
		}

		@Override
		public void close() {
			Producer<byte[], byte[]> open;
			synchronized (this) {
				open = this.producer;
				this.producer = null;
			}
			if (open != null) {
				open.close(Duration.ofSeconds(2));
			}
		}

	}

}
