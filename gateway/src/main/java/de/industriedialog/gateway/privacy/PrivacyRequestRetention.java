package de.industriedialog.gateway.privacy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes privacy requests some time after their link expired, and staff's records of
 * requests by letter after three years (docs/adr/0014, 0015). Both hold no address, only
 * the subject key; one conditional delete each, so a second run changes nothing more.
 */
@Component
class PrivacyRequestRetention {

	private static final Logger log = LoggerFactory.getLogger(PrivacyRequestRetention.class);

	private final PrivacyRequestStore requests;

	private final PrivacyAudit audit;

	private final Duration requestPeriod;

	private final Duration auditPeriod;

	private final Clock clock;

	PrivacyRequestRetention(PrivacyRequestStore requests, PrivacyAudit audit,
			@Value("${industriedialog.gateway.retention.privacy-requests:30d}") Duration requestPeriod,
			@Value("${industriedialog.gateway.retention.privacy-audit:1095d}") Duration auditPeriod, Clock clock) {
		this.requests = requests;
		this.audit = audit;
		this.requestPeriod = requestPeriod;
		this.auditPeriod = auditPeriod;
		this.clock = clock;
	}

	/** Daily, on one replica; the scheduler's thread may wait for the store. */
	@Scheduled(cron = "${industriedialog.gateway.retention.cron:0 30 3 * * *}", zone = "Europe/Berlin")
	@SchedulerLock(name = "gateway-retention-privacy-requests", lockAtLeastFor = "1m", lockAtMostFor = "30m")
	public void run() {
		Deleted deleted = deleteOld(this.clock.instant());
		log.info("Retention: {} privacy requests and {} audit entries deleted", deleted.requests(), deleted.audit());
	}

	Deleted deleteOld(Instant now) {
		return new Deleted(this.requests.deleteExpiredBefore(now.minus(this.requestPeriod)),
				this.audit.deleteBefore(now.minus(this.auditPeriod)));
	}

	record Deleted(long requests, long audit) {
	}

}
