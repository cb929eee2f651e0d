package de.industriedialog.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MongoDB-wire-compatible server (mongo-java-server) listening on 127.0.0.1 over TCP.
 * <p>
 * Two flavours:
 * <ul>
 * <li>{@link #inMemory()}: memory backend on a random free port, for tests.</li>
 * <li>{@link #durable(Path, int)}: H2 MVStore file; the store is committed after every
 * command that may write, before the reply is sent, so every acknowledged write survives
 * a crash (kill -9) of this process.</li>
 * </ul>
 * Both answer the {@code hello} command like {@code isMaster}, so Spring Boot's Mongo
 * health indicator reports UP. Not supported by the underlying library: sessions and
 * transactions, non-unique secondary indexes (ignored: queries scan), TTL indexes,
 * {@code $text}.
 */
public final class LocalMongoServer implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(LocalMongoServer.class);

	private static final int WORKER_THREADS = 16;

	private final MongoServer server;

	private final int port;

	private boolean closed;

	private LocalMongoServer(MongoBackend backend, int port) {
		this.server = new MongoServer(backend);
		try {
			// More workers than Netty's default (2 per core): a worker waits while its
			// write is committed, and the others keep serving meanwhile, which is
			// what lets commits be grouped.
			this.server.bind(new java.net.InetSocketAddress("127.0.0.1", port), 1, WORKER_THREADS);
		}
		catch (RuntimeException ex) {
			// MongoServer has already closed the backend
			throw new IllegalStateException("Cannot start the MongoDB-compatible server on 127.0.0.1:" + port
					+ " (port in use?): " + ex.getMessage(), ex);
		}
		this.port = this.server.getLocalAddress().getPort();
	}

	/**
	 * Starts a server with the memory backend on a random free port.
	 * @return the running server
	 */
	public static LocalMongoServer inMemory() {
		return new LocalMongoServer(new HelloMemoryBackend(), 0);
	}

	/**
	 * Starts a server that keeps its data in an H2 MVStore file and commits after every
	 * write.
	 * @param h2File the store file, created if missing (its parent directory too)
	 * @param port the TCP port on 127.0.0.1, {@code 0} for a random free one
	 * @return the running server
	 */
	public static LocalMongoServer durable(Path h2File, int port) {
		Path file = h2File.toAbsolutePath();
		try {
			Files.createDirectories(file.getParent());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		// No background commits: every write is committed before its reply
		// (CommitPerWriteH2Backend), and only those commits run, so "nothing unsaved"
		// really means "everything committed".
		MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
		log.info("Opened MVStore {}", file);
		return new LocalMongoServer(new CommitPerWriteH2Backend(store), port);
	}

	/**
	 * Returns the connection string without a database.
	 * @return {@code mongodb://127.0.0.1:<port>}
	 */
	public String connectionString() {
		return "mongodb://127.0.0.1:" + this.port;
	}

	public int port() {
		return this.port;
	}

	/**
	 * Closes all client connections, stops listening and closes (and so commits) the
	 * store.
	 */
	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		this.server.shutdownNow();
	}

	static Document hello(Document isMasterResponse) {
		Document response = new Document();
		response.put("isWritablePrimary", Boolean.TRUE);
		response.putAll(isMasterResponse);
		return response;
	}

	static final class HelloMemoryBackend extends MemoryBackend {

		@Override
		public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
			if ("hello".equalsIgnoreCase(command)) {
				return hello(super.handleCommand(channel, databaseName, "isMaster", query));
			}
			return super.handleCommand(channel, databaseName, command, query);
		}

	}

	/**
	 * H2 backend that commits the MVStore after each command that may have changed data,
	 * before the reply goes out. MVStore's own background commit (about once a second)
	 * would lose the writes acknowledged in the last second when the process dies.
	 *
	 * <p>
	 * Commits are grouped: a write that finishes while another thread commits waits for
	 * that commit to end and then finds its own change covered by the next one, which
	 * commits every write finished so far at once. Each reply still goes out only after
	 * its write was committed, but under concurrent load one commit serves many writes
	 * instead of one (a database's group commit).
	 */
	static final class CommitPerWriteH2Backend extends H2Backend {

		/**
		 * Commands that never change data: no commit (and no wait for the store lock).
		 */
		private static final Set<String> READ_ONLY = Set.of("find", "getmore", "count", "distinct", "listcollections",
				"listindexes", "listdatabases", "ismaster", "hello", "ping", "buildinfo", "serverstatus", "whatsmyuri",
				"killcursors", "endsessions", "dbstats", "collstats", "getlasterror", "getlog", "getparameter",
				"connectionstatus", "hostinfo", "getcmdlineopts", "getfreemonitoringstatus", "saslstart",
				"saslcontinue", "explain");

		/**
		 * Counts finished writes; a write's number is taken after it changed the store.
		 */
		private final java.util.concurrent.atomic.AtomicLong finishedWrites = new java.util.concurrent.atomic.AtomicLong();

		private final Object commitLock = new Object();

		/** All writes up to this number are committed. Guarded by {@link #commitLock}. */
		private long committedWrites;

		CommitPerWriteH2Backend(MVStore store) {
			super(store);
		}

		@Override
		protected de.bwaldvogel.mongo.MongoDatabase openOrCreateDatabase(String databaseName) {
			return new KeyedLookups.KeyedH2Database(databaseName, getMvStore(), getCursorRegistry()) {

				@Override
				MVStore store() {
					return getMvStore();
				}

			};
		}

		@Override
		public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
			if ("hello".equalsIgnoreCase(command)) {
				return hello(super.handleCommand(channel, databaseName, "isMaster", query));
			}
			try {
				return super.handleCommand(channel, databaseName, command, query);
			}
			finally {
				if (!READ_ONLY.contains(command.toLowerCase(Locale.ROOT))) {
					commitUpTo(this.finishedWrites.incrementAndGet());
				}
			}
		}

		private void commitUpTo(long write) {
			synchronized (this.commitLock) {
				if (this.committedWrites >= write) {
					// A commit that started after this write finished covered it.
					return;
				}
				// Every write numbered up to here has changed the store already.
				long upTo = this.finishedWrites.get();
				// A conditional update that matched nothing changed nothing: no commit
				// (a commit writes a new chunk to the file, about a millisecond).
				if (getMvStore().hasUnsavedChanges()) {
					getMvStore().commit();
				}
				this.committedWrites = upTo;
			}
		}

		/**
		 * Closes the store with a full compaction, which moves the live data into a fresh
		 * file. A commit per write makes a chunk per write, and chunks stay in the file
		 * for MVStore's retention time and while any of their pages is live: after ~8,000
		 * registrations the file was 352 MB for 3 MB of data, and 0.6 s of compaction
		 * made it 3 MB.
		 */
		@Override
		public void close() {
			getMvStore().close(-1);
			super.close();
		}

	}

}
