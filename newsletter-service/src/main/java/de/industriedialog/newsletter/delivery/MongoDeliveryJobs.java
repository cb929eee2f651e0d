package de.industriedialog.newsletter.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.bson.Document;

import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

import de.industriedialog.newsletter.subscriber.Segment;

/**
 * {@link DeliveryJobs} on the {@code delivery_jobs} collection. Starting only records the
 * job; the {@link DeliverySender} of whichever instance gets the lease records the
 * recipients and sends, so a crash at any point leaves a job another instance finishes.
 */
@Component
class MongoDeliveryJobs implements DeliveryJobs {

	private final DeliveryStore store;

	private final DeliverySender sender;

	private final IssueContent content;

	private final IssueMails mails;

	private final JavaMailSenderImpl mailSender;

	private final Clock clock;

	MongoDeliveryJobs(DeliveryStore store, DeliverySender sender, IssueContent content, IssueMails mails,
			JavaMailSenderImpl mailSender, Clock clock) {
		this.store = store;
		this.sender = sender;
		this.content = content;
		this.mails = mails;
		this.mailSender = mailSender;
		this.clock = clock;
	}

	@Override
	public SendProgress start(String issueId, Segment segment) {
		Instant now = this.clock.instant();
		// Created without an owner: the next poll of any instance takes it.
		this.store.createJob(issueId, segment, null, now, now.minusMillis(1));
		this.sender.wakeUp();
		return progress(issueId).orElseThrow();
	}

	@Override
	public Optional<SendProgress> progress(String issueId) {
		return this.store.job(issueId).map(this::progress);
	}

	private SendProgress progress(Document job) {
		String issueId = job.getString("_id");
		String status = job.getString("status");
		long recipients = ((Number) job.getOrDefault("recipients", 0L)).longValue();
		Instant startedAt = instant(job.getDate("startedAt"));
		Instant finishedAt = instant(job.getDate("finishedAt"));
		long sent;
		long failed;
		long pending;
		if (DeliveryStore.JOB_DONE.equals(status)) {
			Document counters = job.get("counters", Document.class);
			sent = ((Number) counters.get("sent")).longValue();
			failed = ((Number) counters.get("failed")).longValue();
			pending = 0;
		}
		else if (job.get("counters") instanceof Document counters) {
			// Kept by the sending instance after every batch: staff polling the progress
			// must not make the store count every delivery each second.
			sent = ((Number) counters.get("sent")).longValue();
			failed = ((Number) counters.get("failed")).longValue();
			pending = ((Number) counters.get("pending")).longValue();
		}
		else {
			DeliveryStore.Counts counts = this.store.counts(issueId);
			sent = counts.sent();
			failed = counts.failed();
			pending = counts.pending();
			if (DeliveryStore.JOB_PREPARING.equals(status)) {
				recipients = this.store.countAll(issueId);
			}
		}
		Instant until = (finishedAt != null) ? finishedAt : this.clock.instant();
		return new SendProgress(issueId, status, recipients, sent, failed, pending, startedAt, finishedAt,
				rate(sent, startedAt, until));
	}

	@Override
	public void sendTest(String issueId, String to) {
		PreparedIssue issue = this.content.prepare(issueId);
		try {
			MimeMessage message = this.mails.forTest(this.mailSender.getSession(), issue, to);
			this.mailSender.send(message);
		}
		catch (MessagingException ex) {
			throw new IllegalStateException("Cannot build the test mail of Infobrief " + issueId, ex);
		}
	}

	static double rate(long sent, Instant from, Instant until) {
		if (from == null || until == null || sent == 0) {
			return 0;
		}
		double seconds = Math.max(1, Duration.between(from, until).toMillis()) / 1000.0;
		return Math.round(sent / seconds * 10) / 10.0;
	}

	private static Instant instant(Date date) {
		return (date != null) ? date.toInstant() : null;
	}

}
