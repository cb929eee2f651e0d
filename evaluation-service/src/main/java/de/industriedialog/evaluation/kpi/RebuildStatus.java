package de.industriedialog.evaluation.kpi;

import java.time.Instant;

/**
 * Where the rebuild of the KPI views stands.
 *
 * @param state IDLE (none since the start), RUNNING, DONE or FAILED
 * @param records records read from the topics so far
 * @param durationMs for a finished rebuild
 */
public record RebuildStatus(String state, Instant startedAt, Instant finishedAt, long records, Long durationMs) {

	static final RebuildStatus IDLE = new RebuildStatus("IDLE", null, null, 0, null);

	boolean running() {
		return "RUNNING".equals(this.state);
	}

}
