package de.industriedialog.localstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker running in this JVM: KRaft, one node that is broker and
 * controller at once, listening on 127.0.0.1, replication factors 1.
 * <p>
 * The storage in {@code dataDir} is formatted on the first start and reused afterwards,
 * so topics, records and committed offsets survive a restart. Topics are created on first
 * use with 3 partitions.
 */
public final class LocalKafka implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(LocalKafka.class);

	private final KafkaRaftServer server;

	private final int brokerPort;

	private boolean closed;

	private LocalKafka(KafkaRaftServer server, int brokerPort) {
		this.server = server;
		this.brokerPort = brokerPort;
	}

	/**
	 * Formats the storage if needed and starts the broker.
	 * @param dataDir where the configuration and the logs (topic data) are kept
	 * @param brokerPort the client port on 127.0.0.1
	 * @param controllerPort the KRaft controller port on 127.0.0.1
	 * @return the running broker
	 */
	public static LocalKafka start(Path dataDir, int brokerPort, int controllerPort) {
		return start(dataDir, brokerPort, controllerPort, brokerPort);
	}

	/**
	 * Formats the storage if needed and starts the broker, telling clients to connect to
	 * another port than the one it listens on: a proxy's (see {@link FaultProxy}). A
	 * client asks the bootstrap server for the brokers and then connects to the
	 * advertised address, so without this the clients would go around the proxy after
	 * their first request.
	 * @param dataDir where the configuration and the logs (topic data) are kept
	 * @param brokerPort the client port on 127.0.0.1 the broker listens on
	 * @param controllerPort the KRaft controller port on 127.0.0.1
	 * @param advertisedPort the port on 127.0.0.1 the broker names in its metadata
	 * @return the running broker
	 */
	public static LocalKafka start(Path dataDir, int brokerPort, int controllerPort, int advertisedPort) {
		Path dir = dataDir.toAbsolutePath();
		Path logDir = dir.resolve("log");
		Properties props = config(logDir, brokerPort, controllerPort, advertisedPort);
		try {
			Files.createDirectories(logDir);
			Path configFile = dir.resolve("server.properties");
			try (OutputStream out = Files.newOutputStream(configFile)) {
				props.store(out, "written by LocalKafka on every start");
			}
			if (!Files.exists(logDir.resolve("meta.properties"))) {
				format(configFile);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		long started = System.nanoTime();
		KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
		try {
			server.startup();
		}
		catch (RuntimeException ex) {
			server.shutdown();
			server.awaitShutdown();
			throw new IllegalStateException(
					"Kafka did not start (ports " + brokerPort + "/" + controllerPort + " in use?): " + ex.getMessage(),
					ex);
		}
		log.info("Kafka started on 127.0.0.1:{} in {} ms (data in {})", brokerPort,
				(System.nanoTime() - started) / 1_000_000, dir);
		return new LocalKafka(server, brokerPort);
	}

	static Properties config(Path logDir, int brokerPort, int controllerPort) {
		return config(logDir, brokerPort, controllerPort, brokerPort);
	}

	static Properties config(Path logDir, int brokerPort, int controllerPort, int advertisedPort) {
		Properties props = new Properties();
		props.setProperty("process.roles", "broker,controller");
		props.setProperty("node.id", "1");
		props.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
		props.setProperty("listeners",
				"PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
		props.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + advertisedPort);
		props.setProperty("controller.listener.names", "CONTROLLER");
		props.setProperty("inter.broker.listener.name", "PLAINTEXT");
		props.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
		props.setProperty("log.dirs", logDir.toString());
		props.setProperty("auto.create.topics.enable", "true");
		props.setProperty("num.partitions", "3");
		props.setProperty("default.replication.factor", "1");
		props.setProperty("min.insync.replicas", "1");
		props.setProperty("offsets.topic.replication.factor", "1");
		props.setProperty("offsets.topic.num.partitions", "5");
		props.setProperty("transaction.state.log.replication.factor", "1");
		props.setProperty("transaction.state.log.min.isr", "1");
		props.setProperty("transaction.state.log.num.partitions", "5");
		props.setProperty("share.coordinator.state.topic.replication.factor", "1");
		props.setProperty("share.coordinator.state.topic.min.isr", "1");
		props.setProperty("group.initial.rebalance.delay.ms", "0");
		// frugal: one machine with two cores runs everything
		props.setProperty("num.network.threads", "2");
		props.setProperty("num.io.threads", "4");
		props.setProperty("background.threads", "4");
		props.setProperty("num.recovery.threads.per.data.dir", "1");
		props.setProperty("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
		return props;
	}

	private static void format(Path configFile) {
		String clusterId = Uuid.randomUuid().toString();
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		int code;
		try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
			code = StorageTool.execute(new String[] { "format", "-t", clusterId, "-c", configFile.toString() }, out);
		}
		String text = output.toString(StandardCharsets.UTF_8).trim();
		if (code != 0) {
			throw new IllegalStateException("Formatting the Kafka storage failed (" + code + "): " + text);
		}
		log.info("Formatted Kafka storage, cluster id {}: {}", clusterId, text);
	}

	/**
	 * Returns the address clients connect to.
	 * @return {@code 127.0.0.1:<brokerPort>}
	 */
	public String bootstrapServers() {
		return "127.0.0.1:" + this.brokerPort;
	}

	/**
	 * Shuts the broker down cleanly and waits until it has stopped.
	 */
	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		long started = System.nanoTime();
		this.server.shutdown();
		this.server.awaitShutdown();
		log.info("Kafka stopped in {} ms", (System.nanoTime() - started) / 1_000_000);
	}

}
