package de.industriedialog.evaluation.kpi;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Looks every few seconds whether another replica finished a KPI rebuild, and then
 * reloads this replica's view from the rebuilt facts ({@link KpiRebuild}).
 */
@Component
class KpiRebuildWatch implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(KpiRebuildWatch.class);

	private static final Duration INTERVAL = Duration.ofSeconds(2);

	private final KpiRebuild rebuild;

	private volatile ScheduledExecutorService executor;

	KpiRebuildWatch(KpiRebuild rebuild) {
		this.rebuild = rebuild;
	}

	@Override
	public void start() {
		// The view was loaded from the facts at startup: a rebuild finished before is in
		// them.
		this.rebuild.noteLoaded();
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "kpi-rebuild-watch");
			thread.setDaemon(true);
			return thread;
		});
		scheduler.scheduleWithFixedDelay(() -> {
			try {
				this.rebuild.reloadIfRebuiltElsewhere();
			}
			catch (RuntimeException ex) {
				log.warn("Could not check for a KPI rebuild on another instance: {}", ex.toString());
			}
		}, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
		this.executor = scheduler;
	}

	@Override
	public void stop() {
		ScheduledExecutorService scheduler = this.executor;
		if (scheduler != null) {
			scheduler.shutdownNow();
			this.executor = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

}
