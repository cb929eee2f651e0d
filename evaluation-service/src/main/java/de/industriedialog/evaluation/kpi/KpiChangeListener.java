package de.industriedialog.evaluation.kpi;

/**
 * Told about every change of the KPI view, on the thread that applied it: must return
 * quickly.
 */
public interface KpiChangeListener {

	void changed(KpiChange change);

}
