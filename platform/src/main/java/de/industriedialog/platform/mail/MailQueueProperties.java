package de.industriedialog.platform.mail;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The mail queue ({@code industriedialog.mail.queue.*}).
 *
 * @param enabled whether this service drains its mail queue (mails are queued either way)
 * @param connections how many SMTP connections send in parallel, each on its own thread
 * @param scanInterval how often the queue is searched for mails due (retries, mails other
 * instances queued or left behind); mails queued here are sent at once
 * @param lease how long a claimed mail belongs to the instance that claimed it; after
 * that another instance may send it (the one that claimed it died)
 * @param initialBackoff the wait before the first retry after a transient failure
 * @param maxBackoff the longest wait between two retries (the wait doubles until then)
 * @param giveUpAfter how long after it was queued a mail the server keeps refusing
 * temporarily is given up and recorded as failed
 * @param idleTimeout how long an idle SMTP connection is kept open
 * @param retention how long a sent or finally failed mail is kept before it is deleted:
 * the queue holds recipients (a failed mail keeps its address for staff), and a sent mail
 * is needed only to keep its cause from mailing twice, which its redelivery window (days)
 * bounds
 */
@ConfigurationProperties("industriedialog.mail.queue")
public record MailQueueProperties(@DefaultValue("true") boolean enabled, @DefaultValue("4") int connections,
		@DefaultValue("2s") Duration scanInterval, @DefaultValue("2m") Duration lease,
		@DefaultValue("5s") Duration initialBackoff, @DefaultValue("15m") Duration maxBackoff,
		@DefaultValue("72h") Duration giveUpAfter, @DefaultValue("30s") Duration idleTimeout,
		@DefaultValue("7d") Duration retention) {

	/** The wait before retry number {@code attempt} (1 = the first retry). */
	public Duration backoff(int attempt) {
		long factor = 1L << Math.min(Math.max(attempt - 1, 0), 30);
		Duration wait = this.initialBackoff.multipliedBy(factor);
		return (wait.compareTo(this.maxBackoff) > 0 || wait.isNegative()) ? this.maxBackoff : wait;
	}

}
