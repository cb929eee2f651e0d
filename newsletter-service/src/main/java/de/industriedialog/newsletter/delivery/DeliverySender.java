package de.industriedialog.newsletter.delivery;

import de.industriedialog.platform.mail.SmtpConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import de.industriedialog.newsletter.NewsletterProperties;
import de.industriedialog.newsletter.subscriber.Audience;
import de.industriedialog.newsletter.subscriber.Recipient;
import de.industriedialog.newsletter.subscriber.Segment;
import de.industriedialog.newsletter.subscriber.SubscriberDirectory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Sends Infobriefe, exactly once per recipient as far as SMTP allows.
 * <p>
 * One instance at a time owns a send, by a lease on its job document that it renews while
 * sending; a crashed owner stops renewing and the next instance (or the restarted one)
 * takes over once the lease expired, handing the deliveries the dead owner had claimed
 * back to PENDING. The owner claims batches of due deliveries and hands them to
 * {@code connections} sender threads, each with one long-lived SMTP connection. A
 * delivery is marked SENT right after the server accepted its mail.
 * <p>
 * On a graceful stop (SIGTERM) no further batch is claimed, every sender thread finishes
 * the mail it is writing and records it, the claimed but unsent deliveries go back to
 * PENDING and the lease is given up, so a restart continues at once.
 */
@Component
class DeliverySender implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DeliverySender.class);

	private static final Duration POLL = Duration.ofMillis(250);

	/** This process; a restarted process is a new owner. */
	private final String owner = UUID.randomUUID().toString();

	private final DeliveryStore store;

	private final SubscriberDirectory directory;

	private final IssueContent content;

	private final SendCompletion completion;

	private final IssueMails mails;

	private final JavaMailSenderImpl mailSender;

	private final NewsletterProperties.Delivery settings;

	private final Clock clock;

	private final Pacer pacer;

	private final Counter sentCounter;

	private final Counter failedCounter;

	private final Timer mailTimer;

	private final BlockingQueue<Task> queue = new LinkedBlockingQueue<>();

	private final Set<String> leased = ConcurrentHashMap.newKeySet();

	private final Object wake = new Object();

	private final List<Thread> workers = new ArrayList<>();

	private Thread loop;

	private volatile boolean running;

	private volatile boolean stopping;

	DeliverySender(DeliveryStore store, SubscriberDirectory directory, IssueContent content, SendCompletion completion,
			IssueMails mails, JavaMailSenderImpl mailSender, NewsletterProperties properties, Clock clock,
			MeterRegistry meters) {
		this.store = store;
		this.directory = directory;
		this.content = content;
		this.completion = completion;
		this.mails = mails;
		this.mailSender = mailSender;
		this.settings = properties.delivery();
		this.clock = clock;
		this.pacer = new Pacer(this.settings.ratePerSecond(), System::nanoTime);
		this.sentCounter = Counter.builder("infobrief.mails.sent")
			.description("Infobrief mails the mail server accepted")
			.register(meters);
		this.failedCounter = Counter.builder("infobrief.mails.failed")
			.description("Infobrief deliveries that failed for good")
			.register(meters);
		this.mailTimer = Timer.builder("infobrief.mail.send")
			.description("Time to hand one Infobrief mail to the mail server")
			.register(meters);
	}

	/** A new send was recorded: look at once instead of at the next poll. */
	void wakeUp() {
		synchronized (this.wake) {
			this.wake.notifyAll();
		}
	}

	String owner() {
		return this.owner;
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.stopping = false;
		for (int i = 1; i <= Math.max(1, this.settings.connections()); i++) {
			Thread worker = new Thread(this::work, "infobrief-smtp-" + i);
			worker.setDaemon(true);
			worker.start();
			this.workers.add(worker);
		}
		this.loop = new Thread(this::runLoop, "infobrief-sender");
		this.loop.setDaemon(true);
		this.loop.start();
		this.running = true;
	}

	@Override
	public synchronized void stop() {
		if (!this.running) {
			return;
		}
		this.stopping = true;
		wakeUp();
		// The owner loop waits only for the store. One stuck on a store that is already
		// gone (the driver's server selection waits 30 s) would hold the shutdown:
		// interrupt it after a moment. The workers still finish the mail they write.
		join(this.loop, TimeUnit.SECONDS.toMillis(2));
		if (this.loop.isAlive()) {
			this.loop.interrupt();
			join(this.loop);
		}
		this.workers.forEach(DeliverySender::join);
		this.workers.clear();
		if (this.leased.isEmpty()) {
			this.running = false;
			return;
		}
		try {
			long released = this.store.releaseClaims(this.owner);
			for (String issueId : this.leased) {
				this.store.releaseLease(issueId, this.owner);
			}
			log.info("Infobrief sender stopped; {} claimed deliveries handed back", released);
		}
		catch (RuntimeException ex) {
			// The lease expires by itself and the next owner releases the claims.
			log.warn("Could not hand back the claimed deliveries on stop", ex);
		}
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private static void join(Thread thread) {
		join(thread, TimeUnit.SECONDS.toMillis(15));
	}

	private static void join(Thread thread, long millis) {
		try {
			thread.join(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	// ---------------------------------------------------------------- owner loop

	private void runLoop() {
		while (!this.stopping) {
			try {
				pollJobs();
			}
			catch (RuntimeException ex) {
				log.warn("Infobrief send loop failed; trying again", ex);
			}
			synchronized (this.wake) {
				if (!this.stopping) {
					try {
						this.wake.wait(POLL.toMillis());
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						return;
					}
				}
			}
		}
	}

	private void pollJobs() {
		for (Document job : this.store.unfinishedJobs()) {
			if (this.stopping) {
				return;
			}
			String issueId = job.getString("_id");
			boolean wasMine = this.owner.equals(job.getString("owner"));
			if (!renewLease(issueId)) {
				this.leased.remove(issueId);
				continue;
			}
			this.leased.add(issueId);
			if (!wasMine) {
				long released = this.store.releaseOrphans(issueId, this.owner);
				if (released > 0) {
					log.info("Took over the send of Infobrief {}: {} unfinished deliveries of the previous owner "
							+ "are due again", issueId, released);
				}
			}
			send(job);
		}
	}

	private boolean renewLease(String issueId) {
		Instant now = this.clock.instant();
		return this.store.lease(issueId, this.owner, now, now.plus(this.settings.lease()));
	}

	private void send(Document job) {
		String issueId = job.getString("_id");
		if (DeliveryStore.JOB_PREPARING.equals(job.getString("status"))) {
			prepare(issueId, job);
		}
		PreparedIssue issue = null;
		Tally tally = null;
		// The due deliveries are found with one scan per round and then claimed by id
		// range in batches, one conditional update each.
		Deque<Document> due = new ArrayDeque<>();
		// While the sender threads write one batch, the next is claimed and queued, so
		// they never wait for a claim.
		Batch previous = null;
		while (!this.stopping) {
			if (due.isEmpty()) {
				if (previous != null && !settle(issueId, previous, tally)) {
					return;
				}
				previous = null;
				due.addAll(this.store.due(issueId, this.clock.instant()));
				if (due.isEmpty()) {
					if (this.store.count(issueId, DeliveryStore.PENDING, DeliveryStore.SENDING) == 0) {
						finish(issueId, job);
					}
					// else retries wait for their time; the lease is renewed at the next
					// poll
					return;
				}
			}
			Object firstId = due.peek().get("_id");
			Object lastId = firstId;
			for (int taken = 0; !due.isEmpty() && taken < Math.max(1, this.settings.batchSize()); taken++) {
				lastId = due.poll().get("_id");
			}
			List<Document> batch = this.store.claim(issueId, firstId, lastId, this.owner, UUID.randomUUID().toString(),
					this.clock.instant());
			if (batch.isEmpty()) {
				continue;
			}
			if (issue == null) {
				issue = this.content.prepare(issueId);
			}
			if (tally == null) {
				tally = new Tally(this.store.counts(issueId));
			}
			// Unsubscribed or bounced since the send started: checked for the whole batch
			// right before it goes out.
			// A delivery without an address was erased on the person's request
			// (docs/adr/0015) after it was claimed and handed back: skipped.
			Set<String> suppressed = this.directory.suppressedAmong(batch.stream()
				.map((delivery) -> delivery.getString("email"))
				.filter(java.util.Objects::nonNull)
				.toList());
			Batch inFlight = new Batch(batch.size());
			for (Document delivery : batch) {
				String email = delivery.getString("email");
				this.queue.add(new Task(delivery, issue, inFlight,
						email != null && !suppressed.contains(email.strip().toLowerCase(Locale.ROOT))));
			}
			if (previous != null && !settle(issueId, previous, tally)) {
				return;
			}
			previous = inFlight;
		}
		if (previous != null) {
			// Stopping: the sender threads finish or hand back what is queued.
			settle(issueId, previous, tally);
		}
	}

	/**
	 * Waits for a batch and records its outcome in the job's counters.
	 * @return {@code false} if the lease was lost
	 */
	private boolean settle(String issueId, Batch batch, Tally tally) {
		if (!awaitRenewing(issueId, batch)) {
			return false;
		}
		tally.add(batch);
		this.store.updateCounters(issueId, tally.counts());
		return true;
	}

	/**
	 * Waits for a batch to be written, renewing the lease meanwhile.
	 * @return {@code false} if the lease was lost (another instance took over)
	 */
	private boolean awaitRenewing(String issueId, Batch batch) {
		long renewEvery = Math.max(50, this.settings.lease().toMillis() / 3);
		try {
			while (!batch.done.await(renewEvery, TimeUnit.MILLISECONDS)) {
				if (!renewLease(issueId)) {
					log.warn("Lost the lease on the send of Infobrief {}; another instance continues", issueId);
					batch.aborted = true;
					batch.done.await(30, TimeUnit.SECONDS);
					this.leased.remove(issueId);
					return false;
				}
			}
			return renewLease(issueId);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			batch.aborted = true;
			return false;
		}
	}

	private void prepare(String issueId, Document job) {
		Document segmentDocument = job.get("segment", Document.class);
		Segment segment = new Segment(
				segmentDocument.getList("audiences", String.class, List.of())
					.stream()
					.map(Audience::valueOf)
					.collect(java.util.stream.Collectors.toSet()),
				Set.copyOf(segmentDocument.getList("states", String.class, List.of())));
		List<Recipient> recipients = this.directory.recipients(segment);
		this.store.recordRecipients(issueId, recipients, this.clock.instant());
		long recorded = this.store.countAll(issueId);
		this.store.markJobSending(issueId, recorded);
		log.info("Send of Infobrief {} prepared: {} recipients", issueId, recorded);
	}

	private void finish(String issueId, Document job) {
		DeliveryStore.Counts counts = this.store.counts(issueId);
		Document current = this.store.job(issueId).orElse(job);
		Instant startedAt = current.getDate("startedAt").toInstant();
		Instant finishedAt = this.clock.instant();
		long recipients = ((Number) current.getOrDefault("recipients", 0L)).longValue();
		SendProgress progress = new SendProgress(issueId, DeliveryStore.JOB_DONE, recipients, counts.sent(),
				counts.failed(), 0, startedAt, finishedAt,
				MongoDeliveryJobs.rate(counts.sent(), startedAt, finishedAt));
		// First the issue, then the job: a crash in between tells the (idempotent)
		// completion again after the restart.
		this.completion.sendFinished(issueId, progress);
		this.store.markJobDone(issueId, progress);
		this.leased.remove(issueId);
		log.info("Send of Infobrief {} finished: {} sent, {} failed", issueId, counts.sent(), counts.failed());
	}

	// ---------------------------------------------------------------- sender threads

	private void work() {
		try (SmtpConnection connection = new SmtpConnection(this.mailSender)) {
			while (true) {
				Task task;
				try {
					task = this.queue.poll(100, TimeUnit.MILLISECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				if (task == null) {
					if (this.stopping) {
						return;
					}
					continue;
				}
				try {
					if (this.stopping || task.batch().aborted) {
						this.store.release(task.delivery().getString("_id"), this.owner);
					}
					else {
						deliver(connection, task);
					}
				}
				catch (RuntimeException ex) {
					// Left SENDING: handed back on stop or by the next owner. Only the
					// kind
					// of failure: building the recipient's mail may fail with the address
					// or name in the message (no personal data in the log).
					log.warn("Delivery {} could not be processed: {}", task.delivery().getString("_id"),
							ex.getClass().getName());
				}
				finally {
					task.batch().done.countDown();
				}
			}
		}
	}

	private void deliver(SmtpConnection connection, Task task) {
		Document delivery = task.delivery();
		String deliveryId = delivery.getString("_id");
		String subscriberId = delivery.getString("subscriberId");
		if (!task.confirmed()) {
			// Unsubscribed (or bounced elsewhere) since the send started.
			this.store.markSkipped(deliveryId);
			task.batch().skipped.incrementAndGet();
			return;
		}
		String email = delivery.getString("email");
		try {
			MimeMessage message = this.mails.forSubscriber(this.mailSender.getSession(), task.issue(), subscriberId,
					email);
			this.pacer.acquire();
			long started = System.nanoTime();
			connection.send(message);
			// The server accepted the mail. Record it now, before anything else: a crash
			// between the server's "250 OK" after DATA and this update makes the next
			// owner send the mail again (RFC 1047; no SMTP client can close this window).
			// Marking at once keeps it to at most one mail per connection, and the
			// deterministic Message-ID makes such a duplicate recognisable.
			this.store.markSent(deliveryId, this.clock.instant());
			task.batch().sent.incrementAndGet();
			this.mailTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
			this.sentCounter.increment();
		}
		catch (MessagingException ex) {
			connection.reset();
			if (failed(delivery, email, DeliveryFailure.of(ex))) {
				task.batch().failed.incrementAndGet();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.store.release(deliveryId, this.owner);
		}
	}

	/**
	 * @return whether the delivery failed for good
	 */
	private boolean failed(Document delivery, String email, DeliveryFailure failure) {
		String deliveryId = delivery.getString("_id");
		int attempts = ((Number) delivery.getOrDefault("attempts", 0)).intValue() + 1;
		if (failure.permanent()) {
			this.store.markFailed(deliveryId, failure.detail(), true);
			this.failedCounter.increment();
			if (failure.bounce()) {
				this.directory.recordBounce(email, failure.detail());
			}
			log.info("Delivery {} failed for good: {}", deliveryId, failure.detail());
			return true;
		}
		else if (attempts >= this.settings.maxAttempts()) {
			this.store.markFailed(deliveryId, failure.detail(), false);
			this.failedCounter.increment();
			log.info("Delivery {} failed after {} attempts: {}", deliveryId, attempts, failure.detail());
			return true;
		}
		else {
			this.store.markRetry(deliveryId, failure.detail(), this.clock.instant().plus(backoff(attempts)));
			log.info("Delivery {} failed temporarily (attempt {}): {}", deliveryId, attempts, failure.detail());
			return false;
		}
	}

	/** retryBackoff × 2^(attempts-1), at most retryBackoffMax. */
	Duration backoff(int attempts) {
		Duration max = this.settings.retryBackoffMax();
		Duration backoff = this.settings.retryBackoff();
		for (int i = 1; i < attempts && backoff.compareTo(max) < 0; i++) {
			backoff = backoff.multipliedBy(2);
		}
		return (backoff.compareTo(max) > 0) ? max : backoff;
	}

	private record Task(Document delivery, PreparedIssue issue, Batch batch, boolean confirmed) {
	}

	/**
	 * The counts of a send, taken from the store once and then moved by what the batches
	 * report, so the progress shown to staff costs no counting of all deliveries.
	 */
	private static final class Tally {

		private long sent;

		private long failed;

		private long pending;

		Tally(DeliveryStore.Counts start) {
			this.sent = start.sent();
			this.failed = start.failed();
			this.pending = start.pending();
		}

		void add(Batch batch) {
			this.sent += batch.sent.get();
			this.failed += batch.failed.get();
			this.pending = Math.max(0, this.pending - batch.sent.get() - batch.failed.get() - batch.skipped.get());
		}

		DeliveryStore.Counts counts() {
			return new DeliveryStore.Counts(this.sent, this.failed, this.pending);
		}

	}

	private static final class Batch {

		final CountDownLatch done;

		final AtomicInteger sent = new AtomicInteger();

		final AtomicInteger failed = new AtomicInteger();

		final AtomicInteger skipped = new AtomicInteger();

		volatile boolean aborted;

		Batch(int size) {
			this.done = new CountDownLatch(size);
		}

	}

}
