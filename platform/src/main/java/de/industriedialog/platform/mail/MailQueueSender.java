package de.industriedialog.platform.mail;

import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.bson.Document;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.dao.DataAccessException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Drains the {@link MailQueue} over a few long-lived SMTP connections, one thread each.
 * <p>
 * A mail queued by this instance is handed to a sender thread at once; a periodic scan
 * finds the rest: retries that are due, mails other instances queued, mails a dead
 * instance had claimed. Before sending, a thread claims the mail for a lease with one
 * conditional update, so with several instances each mail goes out from one of them. The
 * mail is marked sent only after the server's OK. A crash between the OK and the mark
 * sends it again when the lease ends, with the same {@code Message-ID} (RFC 1047's
 * unavoidable duplicate, recognisable as such). A transient failure waits out an
 * exponential back-off, for hours if need be; a permanent one (5xx, unusable address) is
 * recorded as failed and never retried.
 * <p>
 * The scan also deletes, hourly, the sent and failed mails older than
 * {@code industriedialog.mail.queue.retention} (data protection: the queue holds
 * recipients).
 * <p>
 * Meters: {@code mail.queue.depth}, {@code mail.queue.oldest.pending.age} (seconds),
 * {@code mails.sent}, {@code mails.failed} and {@code mails.retried} by {@code type}.
 */
public class MailQueueSender implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(MailQueueSender.class);

	/**
	 * How often the gauges are refreshed: two scans of the queue, not at every scrape.
	 */
	private static final Duration BACKLOG_REFRESH = Duration.ofSeconds(10);

	private static final int SCAN_LIMIT = 1000;

	/**
	 * How often finished mails older than the retention are deleted: the period is days,
	 * so an hour late is nothing, and every instance may sweep (deleting is idempotent).
	 */
	private static final Duration RETENTION_SWEEP = Duration.ofHours(1);

	private final MailQueue queue;

	private final JavaMailSenderImpl mailSender;

	private final MailQueueProperties properties;

	private final MeterRegistry meterRegistry;

	private final Clock clock;

	private final String owner = UUID.randomUUID().toString();

	private final BlockingQueue<String> hints = new LinkedBlockingQueue<>();

	private final Set<String> hinted = ConcurrentHashMap.newKeySet();

	private final List<Thread> threads = new ArrayList<>();

	private final AtomicLong depth = new AtomicLong();

	private final AtomicReference<Instant> oldestPending = new AtomicReference<>();

	private volatile boolean running;

	private volatile long nextBacklogRefresh;

	private volatile long nextRetentionSweep;

	public MailQueueSender(MailQueue queue, JavaMailSenderImpl mailSender, MailQueueProperties properties,
			MeterRegistry meterRegistry, Clock clock) {
		MailStreamProvider.nameExplicitly();
		this.queue = queue;
		this.mailSender = mailSender;
		this.properties = properties;
		this.meterRegistry = meterRegistry;
		this.clock = clock;
		Gauge.builder("mail.queue.depth", this.depth, AtomicLong::get)
			.description("Mails queued and not yet sent or failed")
			.register(meterRegistry);
		Gauge.builder("mail.queue.oldest.pending.age", this, MailQueueSender::oldestPendingAgeSeconds)
			.description("Seconds the oldest pending mail has waited")
			.baseUnit("seconds")
			.register(meterRegistry);
	}

	@Override
	public void start() {
		this.running = true;
		// The first scan sweeps: an instance that never runs an hour still deletes.
		this.nextRetentionSweep = System.nanoTime();
		this.queue.onQueued(this::hint);
		for (int i = 1; i <= Math.max(1, this.properties.connections()); i++) {
			this.threads.add(daemon("mail-sender-" + i, this::sendLoop));
		}
		this.threads.add(daemon("mail-queue-scan", this::scanLoop));
	}

	private static Thread daemon(String name, Runnable work) {
		Thread thread = new Thread(work, name);
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	@Override
	public void stop() {
		this.running = false;
		this.threads.forEach(Thread::interrupt);
		for (Thread thread : this.threads) {
			try {
				thread.join(TimeUnit.SECONDS.toMillis(15));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		this.threads.clear();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Sends the mail with this key soon, if it is due and nobody else has it. */
	void hint(String key) {
		if (this.hinted.add(key)) {
			this.hints.offer(key);
		}
	}

	private void scanLoop() {
		while (this.running) {
			try {
				Instant now = this.clock.instant();
				this.queue.due(now, SCAN_LIMIT).forEach(this::hint);
				if (System.nanoTime() - this.nextBacklogRefresh >= 0) {
					MailQueue.Backlog backlog = this.queue.backlog();
					this.depth.set(backlog.pending());
					this.oldestPending.set(backlog.oldestQueuedAt());
					this.nextBacklogRefresh = System.nanoTime() + BACKLOG_REFRESH.toNanos();
				}
				if (System.nanoTime() - this.nextRetentionSweep >= 0) {
					sweepFinished(now);
					this.nextRetentionSweep = System.nanoTime() + RETENTION_SWEEP.toNanos();
				}
			}
			catch (DataAccessException ex) {
				// The store is away: the mails wait in it, the next scan finds them.
				log.warn("Mail queue scan failed, trying again in {}: {}", this.properties.scanInterval(),
						ex.toString());
			}
			catch (RuntimeException ex) {
				log.error("Mail queue scan failed", ex);
			}
			if (!sleep(this.properties.scanInterval())) {
				return;
			}
		}
	}

	/**
	 * Deletes sent and finally failed mails older than the retention (they hold
	 * addresses); logs the count only.
	 */
	void sweepFinished(Instant now) {
		long deleted = this.queue.deleteFinishedBefore(now.minus(this.properties.retention()));
		if (deleted > 0) {
			log.info("Mail queue: {} sent or failed mail(s) older than {} deleted", deleted,
					this.properties.retention());
		}
	}

	private void sendLoop() {
		try (SmtpConnection connection = new SmtpConnection(this.mailSender)) {
			while (this.running) {
				String key;
				try {
					key = this.hints.poll(this.properties.idleTimeout().toMillis(), TimeUnit.MILLISECONDS);
				}
				catch (InterruptedException ex) {
					return;
				}
				if (key == null) {
					// Idle: do not keep a connection the server will time out anyway.
					connection.close();
					continue;
				}
				this.hinted.remove(key);
				try {
					process(key, connection);
				}
				catch (RuntimeException ex) {
					log.error("Mail {} not processed; the next scan finds it again", key, ex);
				}
			}
		}
	}

	private void process(String key, SmtpConnection connection) {
		Instant now = this.clock.instant();
		Optional<Document> claimed;
		try {
			claimed = this.queue.claim(key, this.owner, now, this.properties.lease());
		}
		catch (DataAccessException ex) {
			log.warn("Mail {} not claimed, the store is unavailable; the next scan finds it again: {}", key,
					ex.toString());
			sleep(Duration.ofSeconds(1));
			return;
		}
		if (claimed.isEmpty()) {
			return; // sent, failed, not due yet, or another instance's now
		}
		Document mail = claimed.get();
		String type = mail.getString("type");
		try {
			connection.send(build(mail));
		}
		catch (MessagingException | RuntimeException ex) {
			connection.reset();
			failed(key, mail, type, ex, now);
			return;
		}
		this.meterRegistry.counter("mails.sent", "type", type).increment();
		markSent(key, type);
	}

	private void failed(String key, Document mail, String type, Exception failure, Instant now) {
		String reason = MailFailures.describe(failure);
		int attempts = mail.getInteger("attempts", 1);
		try {
			if (MailFailures.isPermanent(failure)) {
				this.queue.markFailed(key, this.owner, reason, now);
				this.meterRegistry.counter("mails.failed", "type", type).increment();
				log.warn("Mail {} ({}) refused for good after {} attempt(s), not retried: {}", key, type, attempts,
						reason);
				return;
			}
			Instant queuedAt = mail.getDate("queuedAt").toInstant();
			if (now.isAfter(queuedAt.plus(this.properties.giveUpAfter()))) {
				this.queue.markFailed(key, this.owner,
						"given up after " + this.properties.giveUpAfter() + " and " + attempts + " attempts: " + reason,
						now);
				this.meterRegistry.counter("mails.failed", "type", type).increment();
				log.warn("Mail {} ({}) given up after {} attempts: {}", key, type, attempts, reason);
				return;
			}
			Duration wait = this.properties.backoff(attempts);
			this.queue.retryLater(key, this.owner, reason, now.plus(wait));
			this.meterRegistry.counter("mails.retried", "type", type).increment();
			log.warn("Mail {} ({}) not sent (attempt {}), retrying in {}: {}", key, type, attempts, wait, reason);
		}
		catch (DataAccessException ex) {
			// Left claimed: when the lease ends the mail is tried again.
			log.warn("Mail {} failed and the store is unavailable; retried after the lease: {}", key, ex.toString());
		}
	}

	/**
	 * Records the server's OK; waits out a short store outage rather than let the lease
	 * run out, which would send the mail a second time.
	 */
	private void markSent(String key, String type) {
		long deadline = System.nanoTime() + this.properties.lease().dividedBy(2).toNanos();
		while (true) {
			try {
				this.queue.markSent(key, this.owner, this.clock.instant());
				log.info("Mail {} ({}) sent", key, type);
				return;
			}
			catch (DataAccessException ex) {
				if (System.nanoTime() - deadline > 0 || !this.running) {
					log.error("Mail {} sent but not recorded as sent; it goes out again, with the same Message-ID,"
							+ " when its lease ends: {}", key, ex.toString());
					return;
				}
				sleep(Duration.ofSeconds(1));
			}
		}
	}

	MimeMessage build(Document mail) throws MessagingException {
		String messageId = mail.getString("messageId");
		MimeMessage message = new MimeMessage(this.mailSender.getSession()) {
			@Override
			protected void updateMessageID() throws MessagingException {
				setHeader("Message-ID", messageId);
			}
		};
		List<Document> attachments = mail.getList("attachments", Document.class, List.of());
		String html = mail.getString("html");
		String text = (mail.getString("text") != null) ? mail.getString("text") : "";
		// Without attachments the root is multipart/alternative (text first: clients show
		// the last alternative they can display); with them, mixed around it.
		MimeMessageHelper helper = new MimeMessageHelper(message,
				attachments.isEmpty() ? MimeMessageHelper.MULTIPART_MODE_NO : MimeMessageHelper.MULTIPART_MODE_MIXED,
				"UTF-8");
		try {
			InternetAddress from = new InternetAddress(mail.getString("from"), true);
			if (from.getPersonal() != null) {
				from.setPersonal(from.getPersonal(), "UTF-8");
			}
			helper.setFrom(from);
			InternetAddress to = new InternetAddress(mail.getString("to"), headerSafe(mail.getString("toName")),
					"UTF-8");
			// Strict check of the address itself: a line break or a second address in it
			// is refused, never written into a header.
			to.validate();
			helper.setTo(to);
		}
		catch (UnsupportedEncodingException ex) {
			throw new MailPreparationException("Cannot encode the recipient's name", ex);
		}
		helper.setSubject(headerSafe(mail.getString("subject")));
		if (attachments.isEmpty()) {
			if (html != null) {
				MimeBodyPart plain = new MimeBodyPart();
				plain.setText(text, "UTF-8", "plain");
				MimeBodyPart rich = new MimeBodyPart();
				rich.setText(html, "UTF-8", "html");
				message.setContent(new MimeMultipart("alternative", plain, rich));
			}
			else {
				message.setText(text, "UTF-8", "plain");
			}
		}
		else {
			if (html != null) {
				helper.setText(text, html);
			}
			else {
				helper.setText(text);
			}
			for (Document attachment : attachments) {
				helper.addAttachment(attachment.getString("filename"),
						new ByteArrayResource(attachment.get("content", Binary.class).getData()),
						attachment.getString("contentType"));
			}
		}
		Document headers = mail.get("headers", Document.class);
		if (headers != null) {
			for (Map.Entry<String, Object> header : headers.entrySet()) {
				message.setHeader(header.getKey(), String.valueOf(header.getValue()));
			}
		}
		if (message.getHeader("Auto-Submitted") == null) {
			// RFC 3834: every queued mail is sent by the system; no vacation
			// auto-replies.
			message.setHeader("Auto-Submitted", "auto-generated");
		}
		message.setSentDate(new Date());
		message.saveChanges();
		return message;
	}

	/** Names and titles are user input: no line breaks or other controls in a header. */
	static String headerSafe(String value) {
		if (value == null) {
			return null;
		}
		StringBuilder out = new StringBuilder(value.length());
		value.codePoints().forEach((c) -> out.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
		return out.toString().strip();
	}

	private double oldestPendingAgeSeconds() {
		Instant oldest = this.oldestPending.get();
		return (oldest == null || this.depth.get() == 0) ? 0
				: Math.max(0, Duration.between(oldest, this.clock.instant()).toMillis() / 1000.0);
	}

	private boolean sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
