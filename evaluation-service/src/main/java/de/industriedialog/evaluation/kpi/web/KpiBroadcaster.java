package de.industriedialog.evaluation.kpi.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import de.industriedialog.evaluation.kpi.KpiChange;
import de.industriedialog.evaluation.kpi.KpiChangeListener;
import de.industriedialog.evaluation.kpi.KpiFilter;
import de.industriedialog.evaluation.kpi.KpiProperties;
import de.industriedialog.evaluation.kpi.KpiQueries;
import de.industriedialog.evaluation.kpi.KpiView;
import de.industriedialog.evaluation.kpi.Overview;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Pushes the KPI overview to the open live streams. Every connection first gets a
 * snapshot; changes are collected and sent as one message per coalescing interval. One
 * thread does all sending, in order, so that no change can slip between a connection's
 * snapshot and its first change message. Records {@code kpi.freshness}: the time from a
 * source event's {@code ce_time} to the message that carried it.
 */
@Component
class KpiBroadcaster implements KpiChangeListener, SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(KpiBroadcaster.class);

	private final KpiQueries queries;

	private final KpiProperties properties;

	private final JsonMapper jsonMapper;

	private final Clock clock;

	private final Timer freshness;

	private final ConcurrentLinkedQueue<KpiChange> pending = new ConcurrentLinkedQueue<>();

	/** Only touched on the sending thread. */
	private final List<SseEmitter> emitters = new ArrayList<>();

	private volatile ScheduledExecutorService sender;

	KpiBroadcaster(KpiView view, KpiQueries queries, KpiProperties properties, JsonMapper jsonMapper, Clock clock,
			MeterRegistry meterRegistry) {
		this.queries = queries;
		this.properties = properties;
		this.jsonMapper = jsonMapper;
		this.clock = clock;
		this.freshness = Timer.builder("kpi.freshness")
			.description("From a source event's ce_time to the live-stream message that carried it")
			.publishPercentileHistogram()
			.register(meterRegistry);
		view.subscribe(this);
	}

	@Override
	public void changed(KpiChange change) {
		this.pending.add(change);
	}

	/** A new live stream; its first message is the snapshot. */
	SseEmitter connect() {
		SseEmitter emitter = new SseEmitter(this.properties.streamTimeout().toMillis());
		emitter.onTimeout(emitter::complete);
		emitter.onError((ex) -> emitter.complete());
		emitter.onCompletion(() -> run(() -> this.emitters.remove(emitter)));
		if (!run(() -> {
			Overview overview = this.queries.overview(KpiFilter.NONE);
			if (send(emitter, "snapshot", overview.sequence(), overview)) {
				this.emitters.add(emitter);
			}
		})) {
			emitter.complete();
		}
		return emitter;
	}

	/** How many streams are open (on the sending thread's last look). */
	int connections() {
		return this.emitters.size();
	}

	private void flush() {
		List<KpiChange> batch = new ArrayList<>();
		for (KpiChange change = this.pending.poll(); change != null; change = this.pending.poll()) {
			batch.add(change);
		}
		if (batch.isEmpty() || this.emitters.isEmpty()) {
			return;
		}
		Overview overview = this.queries.overview(KpiFilter.NONE);
		Set<String> eventIds = new LinkedHashSet<>();
		List<String> responseIds = new ArrayList<>();
		int sources = 0;
		for (KpiChange change : batch) {
			if (change.eventId() != null) {
				eventIds.add(change.eventId());
			}
			if (change.responseId() != null) {
				responseIds.add(change.responseId());
			}
			if (change.occurredAt() != null || change.eventId() != null) {
				sources++;
			}
		}
		StreamChange message = new StreamChange(overview.sequence(), overview.asOf(), overview, List.copyOf(eventIds),
				responseIds, sources);
		boolean delivered = false;
		for (SseEmitter emitter : List.copyOf(this.emitters)) {
			if (send(emitter, "change", overview.sequence(), message)) {
				delivered = true;
			}
			else {
				this.emitters.remove(emitter);
			}
		}
		if (delivered) {
			Instant now = this.clock.instant();
			batch.stream()
				.filter((change) -> change.occurredAt() != null)
				.forEach((change) -> this.freshness.record(Duration.between(change.occurredAt(), now)));
		}
	}

	private void keepAlive() {
		for (SseEmitter emitter : List.copyOf(this.emitters)) {
			try {
				emitter.send(SseEmitter.event().comment(" keep-alive"));
			}
			catch (Exception ex) {
				this.emitters.remove(emitter);
				complete(emitter);
			}
		}
	}

	private boolean send(SseEmitter emitter, String name, long sequence, Object data) {
		try {
			emitter.send(SseEmitter.event()
				.name(name)
				.id(Long.toString(sequence))
				.data(this.jsonMapper.writeValueAsString(data), MediaType.APPLICATION_JSON));
			return true;
		}
		catch (Exception ex) {
			// The client went away; the container completes the request.
			log.debug("KPI stream closed: {}", ex.toString());
			complete(emitter);
			return false;
		}
	}

	private static void complete(SseEmitter emitter) {
		try {
			emitter.complete();
		}
		catch (RuntimeException ex) {
			// completed already
		}
	}

	/** Runs a task on the sending thread; {@code false} if it is not running. */
	private boolean run(Runnable task) {
		ScheduledExecutorService executor = this.sender;
		if (executor == null) {
			return false;
		}
		try {
			executor.execute(() -> {
				try {
					task.run();
				}
				catch (RuntimeException ex) {
					log.warn("KPI stream task failed", ex);
				}
			});
			return true;
		}
		catch (RejectedExecutionException ex) {
			return false;
		}
	}

	@Override
	public void start() {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "kpi-stream");
			thread.setDaemon(true);
			return thread;
		});
		long coalesce = this.properties.coalesce().toMillis();
		executor.scheduleWithFixedDelay(guarded(this::flush), coalesce, coalesce, TimeUnit.MILLISECONDS);
		long keepAlive = this.properties.keepAlive().toMillis();
		executor.scheduleWithFixedDelay(guarded(this::keepAlive), keepAlive, keepAlive, TimeUnit.MILLISECONDS);
		this.sender = executor;
	}

	/** Ends the open streams so that the graceful shutdown need not wait for them. */
	@Override
	public void stop() {
		ScheduledExecutorService executor = this.sender;
		this.sender = null;
		if (executor != null) {
			executor.execute(() -> {
				this.emitters.forEach(KpiBroadcaster::complete);
				this.emitters.clear();
			});
			executor.shutdown();
			try {
				executor.awaitTermination(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.sender != null;
	}

	private static Runnable guarded(Runnable task) {
		return () -> {
			try {
				task.run();
			}
			catch (RuntimeException ex) {
				// A failed tick must not cancel the schedule.
				log.warn("KPI stream tick failed", ex);
			}
		};
	}

	/** The data of a {@code change} message. */
	record StreamChange(long sequence, Instant asOf, Overview overview, List<String> changedEventIds,
			List<String> feedbackResponseIds, int sources) {

	}

}
