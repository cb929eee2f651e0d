package de.industriedialog.localstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * An SMTP server that keeps every mail it receives as an {@code .eml} file and shows them
 * to people (HTML, German) and tests (JSON) over HTTP.
 * <p>
 * HTTP endpoints:
 * <ul>
 * <li>{@code GET /}: list of mails, newest first; {@code GET /messages/{id}}: one
 * mail</li>
 * <li>{@code GET /api/messages[?to=address]}: JSON array {@code [{id, from, to:[...],
 * subject, date, messageId}]}, newest first ({@code messageId} is the Message-ID header
 * without angle brackets, {@code null} if none); {@code to} holds the envelope recipients
 * (RCPT TO), the filter matches them and the To/Cc headers, ignoring case</li>
 * <li>{@code GET /api/messages/{id}}: JSON with headers, text, html, attachments</li>
 * <li>{@code GET /api/messages/{id}/raw}: the stored mail (message/rfc822)</li>
 * <li>{@code DELETE /api/messages}: removes all mails</li>
 * </ul>
 * The stored file is the mail as received, preceded by {@code Return-Path} and
 * {@code X-Envelope-To} headers with the SMTP envelope.
 */
public final class MailCatcher implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(MailCatcher.class);

	static final String ENVELOPE_TO = "X-Envelope-To";

	private static final Pattern MESSAGE_PATH = Pattern.compile("/(api/)?messages/([0-9]{1,19})(/raw)?");

	private static final DateTimeFormatter GERMAN_DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss")
		.withZone(ZoneId.of("Europe/Berlin"));

	private final MailStore store;

	private final SMTPServer smtp;

	private final HttpServer http;

	private final ExecutorService httpExecutor;

	private boolean closed;

	private MailCatcher(MailStore store, SMTPServer smtp, HttpServer http, ExecutorService httpExecutor) {
		this.store = store;
		this.smtp = smtp;
		this.http = http;
		this.httpExecutor = httpExecutor;
	}

	/**
	 * Starts the SMTP and the HTTP server on 127.0.0.1.
	 * @param dir where the mails are kept (created if missing)
	 * @param smtpPort the SMTP port, {@code 0} for a random free one
	 * @param httpPort the HTTP port, {@code 0} for a random free one
	 * @return the running catcher
	 */
	public static MailCatcher start(Path dir, int smtpPort, int httpPort) {
		MailStore store = new MailStore(dir.toAbsolutePath());
		InetAddress loopback = InetAddress.getLoopbackAddress();
		SMTPServer smtp = SMTPServer.port(smtpPort)
			.bindAddress(loopback)
			.hostName("localhost")
			.softwareName("Industriedialog MailCatcher")
			.messageHandlerFactory((context) -> new StoringHandler(store))
			.executorService(Executors.newCachedThreadPool(daemonThreads("mail-smtp")))
			.build();
		try {
			smtp.start();
		}
		catch (RuntimeException ex) {
			smtp.stop();
			throw new IllegalStateException("Cannot start the SMTP server on port " + smtpPort + ": " + ex.getMessage(),
					ex);
		}
		ExecutorService httpExecutor = Executors.newFixedThreadPool(2, daemonThreads("mail-http"));
		HttpServer http;
		try {
			http = HttpServer.create(new InetSocketAddress(loopback, httpPort), 0);
		}
		catch (IOException ex) {
			smtp.stop();
			httpExecutor.shutdownNow();
			throw new IllegalStateException("Cannot start the mail web server on port " + httpPort + ": " + ex, ex);
		}
		MailCatcher catcher = new MailCatcher(store, smtp, http, httpExecutor);
		http.createContext("/", catcher::handle);
		http.setExecutor(httpExecutor);
		http.start();
		log.info("Mail catcher: SMTP on {}, web on {}, mails in {}", catcher.smtpPort(), catcher.httpPort(), store.dir);
		return catcher;
	}

	public int smtpPort() {
		return this.smtp.getPortAllocated();
	}

	public int httpPort() {
		return this.http.getAddress().getPort();
	}

	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		this.http.stop(0);
		this.httpExecutor.shutdownNow();
		this.smtp.stop();
	}

	private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
		AtomicLong counter = new AtomicLong();
		return (runnable) -> {
			Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	// ---------------------------------------------------------------- HTTP

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String method = exchange.getRequestMethod();
			String path = exchange.getRequestURI().getPath();
			Matcher matcher = MESSAGE_PATH.matcher(path);
			if (path.equals("/") || path.equals("/index.html")) {
				requireGet(exchange);
				send(exchange, 200, "text/html; charset=utf-8", Html.list(this.store.list(null)));
			}
			else if (path.equals("/delete-all") && "POST".equals(method)) {
				this.store.deleteAll();
				exchange.getResponseHeaders().set("Location", "/");
				send(exchange, 303, "text/plain; charset=utf-8", "");
			}
			else if (path.equals("/api/messages") || path.equals("/api/messages/")) {
				if ("DELETE".equals(method)) {
					int deleted = this.store.deleteAll();
					send(exchange, 200, "application/json", "{\"deleted\":" + deleted + "}");
				}
				else {
					requireGet(exchange);
					String to = queryParameter(exchange.getRequestURI(), "to");
					send(exchange, 200, "application/json", Json.summaries(this.store.list(to)));
				}
			}
			else if (matcher.matches()) {
				requireGet(exchange);
				long id = Long.parseLong(matcher.group(2));
				Optional<byte[]> raw = this.store.raw(id);
				if (raw.isEmpty()) {
					send(exchange, 404, "text/plain; charset=utf-8", "Keine Mail mit der Nummer " + id);
				}
				else if (matcher.group(3) != null) {
					exchange.getResponseHeaders()
						.set("Content-Disposition", "inline; filename=\"mail-" + id + ".eml\"");
					send(exchange, 200, "message/rfc822", raw.get());
				}
				else {
					ParsedMail mail = ParsedMail.parse(id, raw.get());
					if (matcher.group(1) != null) {
						send(exchange, 200, "application/json", Json.detail(mail));
					}
					else {
						send(exchange, 200, "text/html; charset=utf-8", Html.detail(mail));
					}
				}
			}
			else {
				send(exchange, 404, "text/plain; charset=utf-8", "Nicht gefunden: " + path);
			}
		}
		catch (MethodNotAllowed ex) {
			send(exchange, 405, "text/plain; charset=utf-8", "Methode nicht erlaubt");
		}
		catch (RuntimeException ex) {
			log.warn("Mail web request {} failed", exchange.getRequestURI(), ex);
			send(exchange, 500, "text/plain; charset=utf-8", "Fehler: " + ex);
		}
	}

	private static void requireGet(HttpExchange exchange) {
		String method = exchange.getRequestMethod();
		if (!"GET".equals(method) && !"HEAD".equals(method)) {
			throw new MethodNotAllowed();
		}
	}

	private static String queryParameter(URI uri, String name) {
		String query = uri.getRawQuery();
		if (query == null) {
			return null;
		}
		for (String pair : query.split("&")) {
			int eq = pair.indexOf('=');
			String key = URLDecoder.decode((eq < 0) ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
			if (key.equals(name)) {
				return (eq < 0) ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
			}
		}
		return null;
	}

	private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
		send(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
	}

	private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.getResponseHeaders().set("Cache-Control", "no-store");
		exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
		if (contentType.startsWith("text/html")) {
			// the mail's own HTML is shown in a sandboxed iframe (srcdoc) that inherits
			// this
			// policy: no scripts anywhere, no remote content
			exchange.getResponseHeaders()
				.set("Content-Security-Policy",
						"default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-src 'self'; form-action 'self'");
		}
		boolean head = "HEAD".equals(exchange.getRequestMethod());
		exchange.sendResponseHeaders(status, (head || body.length == 0) ? -1 : body.length);
		if (!head && body.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

	private static final class MethodNotAllowed extends RuntimeException {

		MethodNotAllowed() {
			super(null, null, false, false);
		}

	}

	// ---------------------------------------------------------------- SMTP

	/**
	 * Recipients starting with this are refused for good (550), like an unknown mailbox.
	 */
	public static final String REFUSED_PREFIX = "refused-";

	/**
	 * The first mail to each recipient starting with this is refused temporarily (451),
	 * later ones are accepted, like a greylisting mail server.
	 */
	public static final String GREYLISTED_PREFIX = "greylisted-";

	private static final class StoringHandler implements MessageHandler {

		private final MailStore store;

		private String from;

		private final List<String> recipients = new ArrayList<>();

		StoringHandler(MailStore store) {
			this.store = store;
		}

		@Override
		public void from(String from) {
			this.from = from;
		}

		@Override
		public void recipient(String recipient) throws RejectException {
			String address = lower(recipient);
			// Test addresses that act like real mail servers do: greylisting (a
			// temporary refusal of the first attempt, RFC 6647) and an unknown mailbox.
			if (address.startsWith(REFUSED_PREFIX)) {
				throw new RejectException(550, "5.1.1 mailbox unavailable");
			}
			if (address.startsWith(GREYLISTED_PREFIX) && this.store.greylisted.add(address)) {
				throw new RejectException(451, "4.7.1 greylisted, try again later");
			}
			this.recipients.add(recipient);
		}

		@Override
		public String data(InputStream data) throws IOException, RejectException {
			byte[] bytes = data.readAllBytes();
			try {
				long id = this.store.save(this.from, this.recipients, bytes);
				// Counts only: the addresses are personal data and are in the stored
				// mail.
				log.info("Mail {} to {} recipient(s) stored", id, this.recipients.size());
			}
			catch (IOException | RuntimeException ex) {
				log.error("Cannot store mail {} for {} recipient(s)", this.from, this.recipients.size(), ex);
				throw new RejectException(451, "cannot store the mail: " + ex.getMessage());
			}
			return null;
		}

		@Override
		public void done() {
		}

	}

	// ---------------------------------------------------------------- storage

	/** One {@code <id>.eml} file per mail; the id is the receipt time in epoch millis. */
	static final class MailStore {

		private final Path dir;

		private final AtomicLong lastId = new AtomicLong();

		/**
		 * Greylisted recipients refused once already (see {@link #GREYLISTED_PREFIX}).
		 */
		final java.util.Set<String> greylisted = java.util.concurrent.ConcurrentHashMap.newKeySet();

		MailStore(Path dir) {
			this.dir = dir;
			try {
				Files.createDirectories(dir);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			this.lastId.set(ids().stream().mapToLong(Long::longValue).max().orElse(0));
		}

		long save(String from, List<String> recipients, byte[] data) throws IOException {
			long id = this.lastId.updateAndGet((last) -> Math.max(last + 1, System.currentTimeMillis()));
			ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 256);
			out.write(("Return-Path: <" + headerSafe((from != null) ? from : "") + ">\r\n")
				.getBytes(StandardCharsets.UTF_8));
			if (!recipients.isEmpty()) {
				out.write((ENVELOPE_TO + ": " + headerSafe(String.join(", ", recipients)) + "\r\n")
					.getBytes(StandardCharsets.UTF_8));
			}
			out.write(data);
			Path tmp = this.dir.resolve("." + id + ".tmp");
			Files.write(tmp, out.toByteArray());
			Files.move(tmp, file(id), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			return id;
		}

		private static String headerSafe(String value) {
			return value.replace('\r', ' ').replace('\n', ' ');
		}

		private Path file(long id) {
			return this.dir.resolve(id + ".eml");
		}

		List<Long> ids() {
			try (Stream<Path> files = Files.list(this.dir)) {
				List<Long> ids = new ArrayList<>();
				files.map((file) -> file.getFileName().toString())
					.filter((name) -> name.matches("[0-9]{1,19}\\.eml"))
					.forEach((name) -> ids.add(Long.parseLong(name.substring(0, name.length() - 4))));
				ids.sort(Comparator.reverseOrder());
				return ids;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		Optional<byte[]> raw(long id) {
			try {
				return Optional.of(Files.readAllBytes(file(id)));
			}
			catch (java.nio.file.NoSuchFileException ex) {
				return Optional.empty();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		/**
		 * Newest first; {@code to} filters by recipient (envelope, To, Cc), ignoring
		 * case.
		 */
		List<ParsedMail> list(String to) {
			List<ParsedMail> mails = new ArrayList<>();
			for (long id : ids()) {
				ParsedMail mail;
				try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file(id)))) {
					mail = ParsedMail.parseHeaders(id, in); // reads only up to the blank
															// line
				}
				catch (java.nio.file.NoSuchFileException ex) {
					continue; // deleted meanwhile
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
				if (to == null || to.isBlank() || mail.isAddressedTo(to.trim())) {
					mails.add(mail);
				}
			}
			return Collections.unmodifiableList(mails);
		}

		int deleteAll() {
			int deleted = 0;
			for (long id : ids()) {
				try {
					if (Files.deleteIfExists(file(id))) {
						deleted++;
					}
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
			return deleted;
		}

	}

	static String germanDate(Instant instant) {
		return GERMAN_DATE.format(instant);
	}

	static String lower(String value) {
		return value.toLowerCase(Locale.ROOT);
	}

}
