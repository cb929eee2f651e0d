package de.industriedialog.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP proxy on 127.0.0.1 in front of one piece of infrastructure (store, Kafka, SMTP)
 * that can be made to fail, so the services' behaviour under a broken dependency can be
 * tried on one machine without touching the dependency itself.
 * <p>
 * A fault closes every open connection and then, until it ends, either refuses new ones
 * ({@link Mode#DOWN}: the port is closed, a connect gets "connection refused", as when
 * the server is gone) or accepts them and never answers ({@link Mode#SLOW}: as a server
 * that hangs or a network that drops packets, where only the clients' timeouts help).
 * When the fault ends the proxy forwards again; connections accepted during a slow fault
 * are closed then, so their clients reconnect instead of waiting forever.
 * <p>
 * Public for the services' integration tests, which put it between a service and its
 * store. Plain blocking sockets, two threads per forwarded connection: the services open
 * a few dozen connections in all, and the JDK 17 baseline has no virtual threads.
 */
public final class FaultProxy implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(FaultProxy.class);

	/** What a fault does to new connections. */
	public enum Mode {

		/** Refused: nothing listens on the port. */
		DOWN,

		/** Accepted, then nothing is forwarded or answered. */
		SLOW;

		static Mode parse(String value) {
			if (value == null || value.isBlank()) {
				return DOWN;
			}
			try {
				return valueOf(value.trim().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("mode must be down or slow, not " + value);
			}
		}

	}

	private final String name;

	private final int port;

	private final int targetPort;

	private final ExecutorService threads;

	/** Every socket this proxy holds: accepted ones and those to the target. */
	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private final AtomicLong accepted = new AtomicLong();

	private ServerSocket server;

	private Mode fault;

	private Instant faultUntil;

	private boolean closed;

	private FaultProxy(String name, int port, int targetPort) {
		this.name = name;
		this.port = port;
		this.targetPort = targetPort;
		AtomicLong counter = new AtomicLong();
		this.threads = Executors.newCachedThreadPool((runnable) -> {
			Thread thread = new Thread(runnable, "fault-proxy-" + name + "-" + counter.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Listens on {@code 127.0.0.1:port} and forwards to {@code 127.0.0.1:targetPort}.
	 * @param name what it stands in front of, e.g. {@code kafka}
	 * @param port the port the clients use
	 * @param targetPort the real server's port
	 * @return the running proxy
	 */
	public static FaultProxy start(String name, int port, int targetPort) {
		FaultProxy proxy = new FaultProxy(name, port, targetPort);
		synchronized (proxy) {
			proxy.listen();
		}
		log.info("Fault proxy {}: 127.0.0.1:{} -> 127.0.0.1:{}", name, port, targetPort);
		return proxy;
	}

	String name() {
		return this.name;
	}

	public int port() {
		return this.port;
	}

	int targetPort() {
		return this.targetPort;
	}

	/** The fault in force, {@code null} if it forwards. */
	synchronized Mode fault() {
		return this.fault;
	}

	synchronized Instant faultUntil() {
		return this.faultUntil;
	}

	/** Open client connections (each also has one to the target while forwarding). */
	int connections() {
		return (int) this.sockets.stream().filter((socket) -> socket.getLocalPort() == this.port).count();
	}

	long acceptedConnections() {
		return this.accepted.get();
	}

	/**
	 * Starts a fault: closes every connection; new ones are refused or left hanging.
	 * @param mode what new connections get
	 * @param until when the caller means to end it (shown by {@code GET /faults})
	 */
	public synchronized void fail(Mode mode, Instant until) {
		if (this.closed) {
			return;
		}
		this.fault = mode;
		this.faultUntil = until;
		if (mode == Mode.DOWN) {
			closeServer();
		}
		else if (this.server == null) {
			listen();
		}
		closeAll();
	}

	/** Ends the fault: forwards again; connections held by a slow fault are closed. */
	public synchronized void heal() {
		if (this.closed || this.fault == null) {
			return;
		}
		Mode was = this.fault;
		this.fault = null;
		this.faultUntil = null;
		if (was == Mode.SLOW) {
			closeAll();
		}
		if (this.server == null) {
			listen();
		}
	}

	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		closeServer();
		closeAll();
		this.threads.shutdownNow();
	}

	@Override
	public String toString() {
		return "fault proxy " + this.name + " :" + this.port + " -> :" + this.targetPort;
	}

	private void listen() {
		try {
			ServerSocket socket = new ServerSocket();
			// back on the same port right after a DOWN fault
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), 200);
			this.server = socket;
			this.threads.execute(() -> acceptLoop(socket));
		}
		catch (IOException ex) {
			throw new IllegalStateException(
					"Cannot listen on port " + this.port + " for the " + this.name + " fault proxy: " + ex.getMessage(),
					ex);
		}
	}

	private void closeServer() {
		if (this.server != null) {
			closeQuietly(this.server);
			this.server = null;
		}
	}

	private void closeAll() {
		for (Socket socket : this.sockets) {
			closeQuietly(socket);
		}
		this.sockets.clear();
	}

	private void acceptLoop(ServerSocket socket) {
		while (!socket.isClosed()) {
			Socket client;
			try {
				client = socket.accept();
			}
			catch (IOException ex) {
				return; // closed by a DOWN fault or close()
			}
			this.accepted.incrementAndGet();
			this.sockets.add(client);
			Mode mode;
			synchronized (this) {
				mode = this.fault;
			}
			if (mode == Mode.SLOW) {
				// hold it open, read and drop whatever comes, answer nothing
				this.threads.execute(() -> drain(client));
			}
			else {
				this.threads.execute(() -> connect(client));
			}
		}
	}

	private void connect(Socket client) {
		Socket target = new Socket();
		try {
			client.setTcpNoDelay(true);
			target.setTcpNoDelay(true);
			target.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.targetPort), 5000);
		}
		catch (IOException ex) {
			closeQuietly(target);
			forget(client);
			return;
		}
		synchronized (this) {
			// a fault may have started while connecting
			if (this.fault != null || this.closed) {
				closeQuietly(target);
				forget(client);
				return;
			}
			this.sockets.add(target);
		}
		this.threads.execute(() -> pump(target, client));
		pump(client, target);
	}

	/** Copies one direction; when either side ends, both sockets are closed. */
	private void pump(Socket from, Socket to) {
		byte[] buffer = new byte[16 * 1024];
		try {
			InputStream in = from.getInputStream();
			OutputStream out = to.getOutputStream();
			int read;
			while ((read = in.read(buffer)) >= 0) {
				out.write(buffer, 0, read);
				out.flush();
			}
		}
		catch (SocketException ex) {
			// closed by a fault or by the other side
		}
		catch (IOException ex) {
			log.debug("{}: {}", this, ex.toString());
		}
		finally {
			forget(from);
			forget(to);
		}
	}

	private void drain(Socket client) {
		byte[] buffer = new byte[4096];
		try {
			InputStream in = client.getInputStream();
			while (in.read(buffer) >= 0) {
				// dropped
			}
		}
		catch (IOException ex) {
			// closed by heal() or by the client
		}
		finally {
			forget(client);
		}
	}

	private void forget(Socket socket) {
		closeQuietly(socket);
		this.sockets.remove(socket);
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// already closed
		}
	}

}
