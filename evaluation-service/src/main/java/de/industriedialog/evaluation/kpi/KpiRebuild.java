package de.industriedialog.evaluation.kpi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import de.industriedialog.evaluation.kpi.KpiFacts.Stamped;
import de.industriedialog.contracts.Topics;
import de.industriedialog.evaluation.landscape.InitiativeFacts;
import de.industriedialog.platform.instance.InstanceIdEnvironmentPostProcessor;
import de.industriedialog.platform.messaging.IncomingEvent;
import de.industriedialog.platform.messaging.UnprocessableEventException;
import de.industriedialog.platform.web.ConflictException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

/**
 * Rebuilds the KPI views from the topics: empties the facts (and the initiative facts),
 * takes the end offsets of the five topics, reads every partition from offset 0 up to
 * them with a consumer of its own (no group, so the live consumers' offsets stay as they
 * are) and applies the same idempotent fact writes in bulk, then reloads the view from
 * the facts. The live consumers keep running meanwhile: a fact they write again is
 * matched by version and {@code ce_id} and changes nothing (docs/adr/0008).
 *
 * <p>
 * One rebuild at a time across all replicas: the run is a lease in the store (collection
 * {@value #COLLECTION}), which the running replica renews with its progress, so the
 * status reads the same on every replica, and a rebuild whose replica died is reported
 * failed once its lease ran out and may be started again. When a rebuild is done the
 * other replicas reload their views from the rebuilt facts (docs/adr/0012).
 */
@Component
public class KpiRebuild {

	static final String COLLECTION = "kpi_rebuild";

	private static final String ID = "rebuild";

	/** How long a rebuild counts as running without a sign of life from its replica. */
	static final Duration LEASE = Duration.ofSeconds(60);

	private static final Duration HEARTBEAT = Duration.ofSeconds(5);

	static final List<String> TOPICS = List.of(Topics.INITIATIVES_V1, Topics.EVENTS_V1, Topics.REGISTRATIONS_V1,
			Topics.FEEDBACK_V1, Topics.NEWSLETTER_V1);

	private static final Logger log = LoggerFactory.getLogger(KpiRebuild.class);

	private static final int BATCH = 2000;

	// Bounds the bytes a poll may buffer: the service runs with a small heap next to the
	// live consumers, and larger batches do not make the bulk writes noticeably faster.
	private static final int FETCH_MAX_BYTES = 4 * 1024 * 1024;

	private final KpiView view;

	private final KpiFacts facts;

	private final InitiativeFacts initiativeFacts;

	private final KpiPayloads payloads;

	private final KafkaProperties kafka;

	private final Clock clock;

	private final MongoTemplate mongo;

	private final String instanceId;

	private final AtomicLong records = new AtomicLong();

	/** The generation of the last rebuild this replica's view has loaded. */
	private final AtomicLong loadedGeneration = new AtomicLong(-1);

	KpiRebuild(KpiView view, KpiFacts facts, InitiativeFacts initiativeFacts, KpiPayloads payloads,
			KafkaProperties kafka, Clock clock, MongoTemplate mongo,
			@Value("${" + InstanceIdEnvironmentPostProcessor.PROPERTY + "}") String instanceId) {
		this.view = view;
		this.facts = facts;
		this.initiativeFacts = initiativeFacts;
		this.payloads = payloads;
		this.kafka = kafka;
		this.clock = clock;
		this.mongo = mongo;
		this.instanceId = instanceId;
	}

	/**
	 * Starts a rebuild in the background, unless one runs on any replica.
	 * @throws ConflictException if one is running
	 */
	public RebuildStatus start() {
		Instant startedAt = this.clock.instant();
		Document taken;
		try {
			// Takes the lease unless a rebuild runs and its lease is alive; the upsert of
			// a taken lease collides with the existing document.
			taken = collection().findOneAndUpdate(
					Filters.and(Filters.eq("_id", ID),
							Filters.or(Filters.ne("state", "RUNNING"), Filters.lt("leaseUntil", Date.from(startedAt)))),
					Updates.combine(Updates.set("state", "RUNNING"), Updates.set("owner", this.instanceId),
							Updates.set("startedAt", Date.from(startedAt)), Updates.set("finishedAt", null),
							Updates.set("records", 0L), Updates.set("durationMs", null),
							Updates.set("leaseUntil", Date.from(startedAt.plus(LEASE))), Updates.inc("generation", 1L)),
					new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
		}
		catch (MongoException ex) {
			if (ErrorCategory.fromErrorCode(ex.getCode()) != ErrorCategory.DUPLICATE_KEY) {
				throw ex;
			}
			taken = null;
		}
		if (taken == null) {
			throw new ConflictException("Die Kennzahlen werden gerade neu aufgebaut. "
					+ "Bitte warten Sie, bis dieser Lauf abgeschlossen ist.");
		}
		long generation = taken.get("generation", Number.class).longValue();
		this.records.set(0);
		Thread worker = new Thread(() -> run(startedAt, generation), "kpi-rebuild");
		worker.setDaemon(true);
		worker.start();
		return new RebuildStatus("RUNNING", startedAt, null, 0, null);
	}

	/** The last rebuild on any replica, as the store has it. */
	public RebuildStatus status() {
		Document stored = collection().find(Filters.eq("_id", ID)).first();
		if (stored == null) {
			return RebuildStatus.IDLE;
		}
		String state = stored.getString("state");
		Date leaseUntil = stored.getDate("leaseUntil");
		if ("RUNNING".equals(state) && leaseUntil != null && leaseUntil.toInstant().isBefore(this.clock.instant())) {
			// Its replica stopped without finishing: a new rebuild may start.
			state = "FAILED";
		}
		Number duration = stored.get("durationMs", Number.class);
		return new RebuildStatus(state, instant(stored.getDate("startedAt")), instant(stored.getDate("finishedAt")),
				stored.get("records", Number.class).longValue(), (duration != null) ? duration.longValue() : null);
	}

	private void run(Instant startedAt, long generation) {
		long started = System.nanoTime();
		boolean done = false;
		this.view.beginRebuild();
		try {
			replay(generation);
			done = true;
		}
		catch (RuntimeException | Error ex) {
			// Errors too (OutOfMemoryError above all): the view must not stay frozen and
			// the
			// status must not say RUNNING for ever.
			log.error("KPI rebuild failed", ex);
		}
		finally {
			try {
				this.view.endRebuild();
			}
			catch (RuntimeException | Error ex) {
				done = false;
				log.error("KPI view could not be reloaded after the rebuild", ex);
			}
			long durationMs = (System.nanoTime() - started) / 1_000_000;
			this.loadedGeneration.set(generation);
			finish(generation, done ? "DONE" : "FAILED", durationMs);
			log.info("KPI rebuild {}: {} records of {} replayed in {} ms", done ? "done" : "failed", this.records.get(),
					TOPICS, durationMs);
		}
	}

	private void finish(long generation, String state, long durationMs) {
		try {
			collection().updateOne(Filters.and(Filters.eq("_id", ID), Filters.eq("generation", generation)),
					Updates.combine(Updates.set("state", state),
							Updates.set("finishedAt", Date.from(this.clock.instant())),
							Updates.set("records", this.records.get()), Updates.set("durationMs", durationMs)));
		}
		catch (RuntimeException ex) {
			// The lease runs out and the status then says FAILED; a new run may start.
			log.warn("Could not record the end of KPI rebuild {}", generation, ex);
		}
	}

	/** Renews the lease with the progress; at most every few seconds. */
	private Instant heartbeat(long generation, Instant last) {
		Instant now = this.clock.instant();
		if (Duration.between(last, now).compareTo(HEARTBEAT) < 0) {
			return last;
		}
		long matched = collection().updateOne(
				Filters.and(Filters.eq("_id", ID), Filters.eq("generation", generation),
						Filters.eq("owner", this.instanceId)),
				Updates.combine(Updates.set("records", this.records.get()),
						Updates.set("leaseUntil", Date.from(now.plus(LEASE)))))
			.getMatchedCount();
		if (matched == 0) {
			throw new IllegalStateException("KPI rebuild " + generation + " lost its lease");
		}
		return now;
	}

	/**
	 * Reloads this replica's view when another replica finished a rebuild since the view
	 * was loaded.
	 */
	void reloadIfRebuiltElsewhere() {
		Document stored = collection().find(Filters.eq("_id", ID)).first();
		if (stored == null || !"DONE".equals(stored.getString("state"))) {
			return;
		}
		long generation = stored.get("generation", Number.class).longValue();
		long loaded = this.loadedGeneration.get();
		if (generation > loaded && this.loadedGeneration.compareAndSet(loaded, generation) && loaded >= 0) {
			log.info("KPI rebuild {} finished on instance {}: reloading the view", generation,
					stored.getString("owner"));
			this.view.reloadFromFacts();
		}
	}

	/**
	 * Notes the rebuild the facts contain now (called once the view was loaded from them
	 * at startup).
	 */
	void noteLoaded() {
		Document stored = collection().find(Filters.eq("_id", ID)).first();
		this.loadedGeneration.set((stored != null) ? stored.get("generation", Number.class).longValue() : 0);
	}

	private MongoCollection<Document> collection() {
		return this.mongo.getCollection(COLLECTION);
	}

	private static Instant instant(Date date) {
		return (date != null) ? date.toInstant() : null;
	}

	private void replay(long generation) {
		this.facts.clear();
		this.initiativeFacts.clear();
		Map<String, Object> config = new HashMap<>(this.kafka.buildConsumerProperties());
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, OffsetResetStrategy.EARLIEST.toString());
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, BATCH);
		config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, FETCH_MAX_BYTES);
		config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, FETCH_MAX_BYTES);
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			Map<String, List<PartitionInfo>> existing = consumer.listTopics(Duration.ofSeconds(30));
			List<TopicPartition> partitions = TOPICS.stream()
				.flatMap((topic) -> existing.getOrDefault(topic, List.of())
					.stream()
					.map((info) -> new TopicPartition(topic, info.partition())))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			// Taken after the views were emptied: everything before is replayed here,
			// everything after comes through the live consumers (or both, harmlessly).
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			Set<TopicPartition> open = new HashSet<>(partitions);
			closeFinished(consumer, open, end);
			Instant beat = this.clock.instant();
			while (!open.isEmpty()) {
				beat = heartbeat(generation, beat);
				Batch batch = new Batch();
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
						batch.add(record);
					}
				}
				batch.apply();
				closeFinished(consumer, open, end);
			}
		}
	}

	private static void closeFinished(KafkaConsumer<?, ?> consumer, Set<TopicPartition> open,
			Map<TopicPartition, Long> end) {
		List<TopicPartition> finished = open.stream().filter((p) -> consumer.position(p) >= end.get(p)).toList();
		if (!finished.isEmpty()) {
			consumer.pause(finished);
			finished.forEach(open::remove);
		}
	}

	/**
	 * The records of one poll, reduced per aggregate to the one that wins (the first with
	 * the highest version, as the sequential conditional writes would leave it) and
	 * written in bulk.
	 */
	private final class Batch {

		private final List<IncomingEvent> initiatives = new ArrayList<>();

		private final Map<String, Stamped<EventFact>> events = new LinkedHashMap<>();

		private final Map<String, Stamped<RegistrationFact>> registrations = new LinkedHashMap<>();

		private final Map<String, FeedbackFact> feedback = new LinkedHashMap<>();

		private final Map<String, List<Stamped<SubscriberUpdate>>> subscribers = new LinkedHashMap<>();

		private final Map<String, Stamped<InfobriefFact>> infobriefe = new LinkedHashMap<>();

		void add(ConsumerRecord<byte[], byte[]> record) {
			KpiRebuild.this.records.incrementAndGet();
			IncomingEvent event;
			try {
				event = incoming(record);
				switch (record.topic()) {
					case Topics.EVENTS_V1 -> keepNewest(this.events, KpiRebuild.this.payloads.eventFact(event), event,
							EventFact::eventId, EventFact::version);
					case Topics.REGISTRATIONS_V1 ->
						keepNewest(this.registrations, KpiRebuild.this.payloads.registrationFact(event), event,
								RegistrationFact::registrationId, RegistrationFact::version);
					case Topics.FEEDBACK_V1 -> {
						FeedbackFact fact = KpiRebuild.this.payloads.feedbackFact(event);
						if (fact != null) {
							this.feedback.putIfAbsent(fact.responseId(), fact);
						}
					}
					case Topics.NEWSLETTER_V1 -> newsletter(event);
					default -> this.initiatives.add(event);
				}
			}
			catch (UnprocessableEventException ex) {
				// The live consumer parks it in the dead-letter topic.
				log.debug("KPI rebuild skips {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
						ex.getMessage());
			}
		}

		void apply() {
			for (IncomingEvent event : this.initiatives) {
				try {
					KpiRebuild.this.initiativeFacts.apply(event);
				}
				catch (UnprocessableEventException ex) {
					log.debug("KPI rebuild skips {}: {}", event.id(), ex.getMessage());
				}
			}
			KpiRebuild.this.facts.applyEvents(this.events.values());
			KpiRebuild.this.facts.applyRegistrations(this.registrations.values());
			KpiRebuild.this.facts.applyFeedback(new ArrayList<>(this.feedback.values()));
			KpiRebuild.this.facts.applySubscribers(this.subscribers.values());
			KpiRebuild.this.facts.applyInfobriefe(this.infobriefe.values());
		}

		/**
		 * Subscriber events name only what they change, so none may be dropped for a
		 * later one: they are kept in the order sequential writes would apply them (a
		 * version not above the last kept one is stale or a duplicate, as there).
		 */
		private void newsletter(IncomingEvent event) {
			SubscriberUpdate update = KpiRebuild.this.payloads.subscriberUpdate(event);
			if (update != null) {
				List<Stamped<SubscriberUpdate>> kept = this.subscribers.computeIfAbsent(update.subscriberId(),
						(id) -> new ArrayList<>());
				if (kept.isEmpty() || kept.get(kept.size() - 1).fact().version() < update.version()) {
					kept.add(new Stamped<>(event.id(), update));
				}
				return;
			}
			keepNewest(this.infobriefe, KpiRebuild.this.payloads.infobriefFact(event), event, InfobriefFact::issueId,
					InfobriefFact::version);
		}

		private <T> void keepNewest(Map<String, Stamped<T>> batch, T fact, IncomingEvent event, Function<T, String> id,
				ToLongFunction<T> version) {
			if (fact == null) {
				return;
			}
			Stamped<T> kept = batch.get(id.apply(fact));
			if (kept == null || version.applyAsLong(kept.fact()) < version.applyAsLong(fact)) {
				batch.put(id.apply(fact), new Stamped<>(event.id(), fact));
			}
		}

	}

	private static IncomingEvent incoming(ConsumerRecord<byte[], byte[]> record) {
		if (record.value() == null) {
			throw new UnprocessableEventException("record without a value");
		}
		MessageBuilder<byte[]> message = MessageBuilder.withPayload(record.value());
		for (Header header : record.headers()) {
			message.setHeader(header.key(), (header.value() != null) ? header.value() : new byte[0]);
		}
		return IncomingEvent.from(message.build());
	}

}
