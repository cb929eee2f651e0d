package de.industriedialog.newsletter.delivery;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * A real SMTP server for the delivery tests that can refuse recipients (once with a
 * temporary code, or for good) and hold {@code RCPT TO} after a number of accepted
 * recipients, so a test can kill the client at a known point.
 */
public final class TestSmtpServer implements AutoCloseable {

	private static final Session PARSER = Session.getInstance(new Properties());

	private final SMTPServer smtp;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final Map<String, ConcurrentLinkedDeque<Integer>> refusals = new ConcurrentHashMap<>();

	private volatile int gateAfter = -1;

	private final AtomicInteger passedGate = new AtomicInteger();

	private final AtomicInteger waitingAtGate = new AtomicInteger();

	private volatile CountDownLatch gate = new CountDownLatch(0);

	private TestSmtpServer() {
		this.smtp = SMTPServer.port(0)
			.bindAddress(InetAddress.getLoopbackAddress())
			.hostName("localhost")
			.maxConnections(50)
			.messageHandlerFactory((context) -> new Handler())
			.executorService(Executors.newCachedThreadPool((runnable) -> {
				Thread thread = new Thread(runnable, "test-smtp");
				thread.setDaemon(true);
				return thread;
			}))
			.build();
		this.smtp.start();
	}

	public static TestSmtpServer start() {
		return new TestSmtpServer();
	}

	public int port() {
		return this.smtp.getPortAllocated();
	}

	@Override
	public void close() {
		releaseGate();
		this.smtp.stop();
	}

	/**
	 * The next {@code RCPT TO} for the address is answered with the code, once per call.
	 */
	public void refuseOnce(String address, int code) {
		this.refusals.computeIfAbsent(address.toLowerCase(), (a) -> new ConcurrentLinkedDeque<>()).add(code);
	}

	/** Every {@code RCPT TO} for the address is answered with the code. */
	public void refuseAlways(String address, int code) {
		ConcurrentLinkedDeque<Integer> codes = this.refusals.computeIfAbsent(address.toLowerCase(),
				(a) -> new ConcurrentLinkedDeque<>());
		for (int i = 0; i < 100; i++) {
			codes.add(code);
		}
	}

	/**
	 * After {@code accepted} more recipients, {@code RCPT TO} is not answered until
	 * {@link #releaseGate()}; the held sessions then get a 421.
	 */
	public void holdAfter(int accepted) {
		this.passedGate.set(0);
		this.gate = new CountDownLatch(1);
		this.gateAfter = accepted;
	}

	/** Refusals still queued for the address (each RCPT TO for it uses one). */
	public int refusalsLeft(String address) {
		ConcurrentLinkedDeque<Integer> codes = this.refusals.get(address.toLowerCase());
		return (codes != null) ? codes.size() : 0;
	}

	public int waitingAtGate() {
		return this.waitingAtGate.get();
	}

	public void releaseGate() {
		this.gateAfter = -1;
		this.gate.countDown();
	}

	public List<Received> received() {
		return List.copyOf(this.received);
	}

	/** Accepted mails per envelope recipient. */
	public Map<String, Long> countByRecipient(Function<Received, Boolean> filter) {
		return this.received.stream()
			.filter(filter::apply)
			.collect(Collectors.groupingBy(Received::recipient, Collectors.counting()));
	}

	public List<Received> to(String address) {
		return this.received.stream().filter((r) -> r.recipient().equalsIgnoreCase(address)).toList();
	}

	/** One accepted mail for one envelope recipient. */
	public record Received(String recipient, Instant at, byte[] raw) {

		public MimeMessage message() {
			try {
				return new MimeMessage(PARSER, new ByteArrayInputStream(this.raw));
			}
			catch (MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}

		public String header(String name) {
			try {
				return message().getHeader(name, ",");
			}
			catch (MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	private final class Handler implements MessageHandler {

		private final List<String> recipients = new ArrayList<>();

		@Override
		public void from(String from) {
		}

		@Override
		public void recipient(String recipient) throws RejectException {
			ConcurrentLinkedDeque<Integer> codes = TestSmtpServer.this.refusals.get(recipient.toLowerCase());
			Integer code = (codes != null) ? codes.poll() : null;
			if (code != null) {
				throw new RejectException(code, (code >= 500) ? "mailbox unavailable" : "try again later");
			}
			int limit = TestSmtpServer.this.gateAfter;
			if (limit >= 0 && TestSmtpServer.this.passedGate.incrementAndGet() > limit) {
				TestSmtpServer.this.waitingAtGate.incrementAndGet();
				try {
					TestSmtpServer.this.gate.await(120, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				finally {
					TestSmtpServer.this.waitingAtGate.decrementAndGet();
				}
				throw new RejectException(421, "closing");
			}
			this.recipients.add(recipient);
		}

		@Override
		public String data(InputStream data) throws IOException {
			byte[] raw = data.readAllBytes();
			Instant now = Instant.now();
			for (String recipient : this.recipients) {
				TestSmtpServer.this.received.add(new Received(recipient, now, raw));
			}
			return null;
		}

		@Override
		public void done() {
		}

	}

}
