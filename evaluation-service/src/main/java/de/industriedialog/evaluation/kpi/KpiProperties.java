package de.industriedialog.evaluation.kpi;

import java.time.Duration;
import java.time.LocalDate;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the KPI views.
 *
 * @param campaignStart initiatives founded in this year or later count as "neue
 * Initiativen"
 * @param streamTimeout how long one live-stream connection stays open; the browser's
 * EventSource reconnects and gets a fresh snapshot
 * @param keepAlive how often an idle live stream gets a comment, so that proxies keep it
 * open
 * @param coalesce changes within this interval go out as one message
 */
@ConfigurationProperties("industriedialog.kpi")
public record KpiProperties(@DefaultValue("2017-01-01") LocalDate campaignStart,
		@DefaultValue("30m") Duration streamTimeout, @DefaultValue("15s") Duration keepAlive,
		@DefaultValue("100ms") Duration coalesce) {

}
