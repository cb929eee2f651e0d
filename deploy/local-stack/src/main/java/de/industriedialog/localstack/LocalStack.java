package de.industriedialog.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the whole system on a machine with only a JDK: the MongoDB-compatible store, Kafka
 * and the mail catcher in this JVM, the five services as child JVMs. Started by
 * {@code ./run.sh}.
 * <p>
 * Each service gets {@code SERVER_PORT}, {@code MONGODB_URI},
 * {@code KAFKA_BOOTSTRAP_SERVERS}, {@code SMTP_HOST}, {@code SMTP_PORT},
 * {@code MAIL_WEB_URL}, {@code SPRING_PROFILES_ACTIVE=local}, {@code LAUNCHER_PID},
 * {@code JWT_SECRET}, {@code STAFF_EMAIL} and {@code STAFF_PASSWORD} (see
 * {@link LocalSecrets}) (the pid of this JVM; a service may watch it and stop when the
 * launcher is gone); the gateway also gets {@code REGISTRY_URL},
 * {@code EVENT_SERVICE_URL}, {@code EVALUATION_URL} and {@code NEWSLETTER_URL}. JVM
 * options for the services come from {@code SERVICE_JAVA_OPTS} if set. The pids of the
 * children are kept in {@code <data-dir>/pids}; a later start stops children that
 * outlived a killed launcher.
 * <p>
 * After the start the launcher supervises the services: one that dies is started again
 * after a back-off ({@link RestartBackoff}), except while the launcher itself stops. With
 * {@code --fault-proxies} the services reach the store, Kafka and SMTP through
 * {@link FaultProxy fault proxies} that an HTTP endpoint ({@link FaultControl}) can make
 * fail.
 */
public final class LocalStack {

	static final String USAGE = """
			Usage: ./run.sh [options]   (or: java -jar deploy/local-stack/target/local-stack.jar [options])

			Starts Industriedialog on this machine with only a JDK: Kafka, a MongoDB-compatible
			store and a mail catcher in one JVM, the five services as separate JVMs.

			Options:
			  --reset             delete the data directory first (start from empty data)
			  --data-dir=DIR      keep data and logs in DIR (default: ./var)
			  --port-offset=N     add N to every port (8080 -> 8080+N, 9092 -> 9092+N, ...)
			  --no-services       start only Kafka, MongoDB and the mail catcher
			  --timeout=SECONDS   how long to wait for the services to become healthy (default 180)
			  --no-demo-data      do not load the demo data (the model-region events of 2017 with
			                      participants and questionnaires) on the first start
			  --replicas=N        run N instances of every service (1 to 3; replica n on the port
			                      + 100 * (n - 1)); the gateways balance over the instances
			  --fault-proxies     put TCP proxies in front of the store, Kafka and SMTP that can be
			                      made to fail, to try how the services cope:
			                        curl -X POST 'http://127.0.0.1:8090/faults/kafka?seconds=45'
			                      (store, kafka or smtp; &mode=slow accepts connections and never
			                      answers instead of refusing them); GET /faults shows the state,
			                      DELETE /faults/{name} ends a fault early
			  --help              show this text

			Environment:
			  SERVICE_JAVA_OPTS   JVM options for each service (default: %s)
			  LOCAL_STACK_CDS     "off" disables, "on" enables the class-data-sharing cache in
			                      <data-dir>/cds that makes service starts faster after the first
			                      run (default: on, off when CI=true)
			  DEMO_DATA           "false" is the same as --no-demo-data

			Ports (before the offset): gateway 8080, initiative-registry 8081, event-service 8082,
			evaluation-service 8083, newsletter-service 8084, mails (web) 8025, SMTP 2525,
			Kafka 9092 (controller 9093), MongoDB 27017; with --fault-proxies also the proxies for
			MongoDB 27117, Kafka 9192 and SMTP 2625, and the fault control 8090.
			A service that dies is started again (after 1 s, 2 s, 4 s … up to 30 s).
			Ctrl+C stops everything.
			""";

	static final String DEFAULT_SERVICE_JAVA_OPTS = "-XX:+UseSerialGC -Xss512k -Xms64m -Xmx256m "
			+ "-XX:MaxMetaspaceSize=192m -XX:ReservedCodeCacheSize=64m -XX:TieredStopAtLevel=1";

	/**
	 * One instance of a service of the system: folder and jar name, port before the
	 * offset, database, replica number (1, 2, ...; with --replicas every service runs
	 * that many times, replica n on the port + 100 * (n - 1)).
	 */
	record Service(String name, int basePort, String database, int replica) {

		Service(String name, int basePort, String database) {
			this(name, basePort, database, 1);
		}

		/** The name with the replica: "event-service", "event-service-2". */
		String id() {
			return (this.replica == 1) ? this.name : this.name + "-" + this.replica;
		}

		Service replica(int number) {
			return new Service(this.name, this.basePort + REPLICA_PORT_SHIFT * (number - 1), this.database, number);
		}

	}

	/** Where replica n of a service listens: its port plus this times (n - 1). */
	static final int REPLICA_PORT_SHIFT = 100;

	/** Where a fault proxy listens: the real server's port plus this. */
	static final int PROXY_PORT_SHIFT = 100;

	/** The fault control's HTTP port before the offset. */
	static final int FAULT_CONTROL_PORT = 8090;

	static final List<Service> SERVICES = List.of(new Service("initiative-registry", 8081, "initiative_registry"),
			new Service("event-service", 8082, "event_service"),
			new Service("evaluation-service", 8083, "evaluation_service"),
			new Service("newsletter-service", 8084, "newsletter_service"), new Service("gateway", 8080, "gateway"));

	private final Options options;

	/** Every service instance to run: SERVICES, once per replica. */
	private final List<Service> instances;

	private final Path repo;

	private final Path dataDir;

	private final Path logDir;

	private LocalSecrets secrets;

	private final PidsFile pidsFile;

	private final long startNanos = System.nanoTime();

	private final Map<Service, Process> processes = new LinkedHashMap<>();

	private final List<AutoCloseable> infrastructure = new ArrayList<>();

	private final ClassDataSharing classDataSharing;

	/** Class-data archives that service processes write when they exit. */
	private final Map<Process, Path> recordings = new java.util.concurrent.ConcurrentHashMap<>();

	private Logger log;

	private boolean stopping;

	/**
	 * What the services connect to: the servers, or the fault proxies in front of them.
	 */
	private Endpoints endpoints;

	private FaultControl faults;

	/** The service processes that died and when to start them again. */
	private final Map<Service, Long> restartAt = new LinkedHashMap<>();

	/** Started again, not healthy yet: since when (nanoTime of the noticed exit). */
	private final Map<Service, Long> restarting = new LinkedHashMap<>();

	private final Map<Service, RestartBackoff> backoffs = new LinkedHashMap<>();

	private final Map<Service, Integer> lastExitCode = new LinkedHashMap<>();

	/**
	 * The mail catcher's web address, where the demo data read their confirmation mails.
	 */
	private String mailWebUrl;

	private LocalStack(Options options, Path repo) {
		this.options = options;
		this.repo = repo;
		this.dataDir = (options.dataDir != null) ? repo.resolve(options.dataDir).normalize() : repo.resolve("var");
		this.logDir = this.dataDir.resolve("logs");
		this.pidsFile = new PidsFile(this.dataDir.resolve("pids"));
		this.classDataSharing = new ClassDataSharing(this.dataDir.resolve("cds"), serviceJavaOptions());
		List<Service> all = new ArrayList<>();
		for (int replica = 1; replica <= options.replicas; replica++) {
			for (Service service : SERVICES) {
				all.add(service.replica(replica));
			}
		}
		this.instances = List.copyOf(all);
	}

	public static void main(String[] args) {
		Options options;
		try {
			options = Options.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println();
			System.err.print(usage());
			System.exit(2);
			return;
		}
		if (options.help) {
			System.out.print(usage());
			return;
		}
		Path repo = Path.of("").toAbsolutePath();
		LocalStack stack = new LocalStack(options, repo);
		try {
			stack.run();
		}
		catch (StartupFailure ex) {
			System.err.println(ex.getMessage());
			System.exit(1);
		}
		catch (RuntimeException ex) {
			System.err.println("Start failed: " + ex.getMessage());
			if (stack.log != null) {
				stack.log.error("Start failed", ex);
				System.err.println("Details in " + stack.logFile("local-stack"));
			}
			else {
				ex.printStackTrace();
			}
			System.exit(1);
		}
	}

	static String usage() {
		return String.format(USAGE, DEFAULT_SERVICE_JAVA_OPTS);
	}

	private void run() {
		checkRepository();
		if (!this.options.noServices) {
			checkJars();
		}
		this.pidsFile.stopLeftovers();
		if (this.options.reset && Files.exists(this.dataDir)) {
			say("Deleting the data in " + this.dataDir + " (--reset): starting from empty data");
			reset();
		}
		try {
			Files.createDirectories(this.logDir);
			Files.deleteIfExists(readyMarker());
		}
		catch (IOException ex) {
			throw new StartupFailure("Cannot create " + this.logDir + ": " + ex.getMessage());
		}
		initLogging();
		checkPortsFree();
		Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "local-stack-shutdown"));
		this.pidsFile.write(this.processes);

		int off = this.options.portOffset;
		boolean proxies = this.options.faultProxies;
		long step = System.nanoTime();
		LocalMongoServer mongo = register(
				LocalMongoServer.durable(this.dataDir.resolve("mongo/store.mv"), 27017 + off));
		say("MongoDB-compatible store on port " + mongo.port() + " (" + seconds(step) + " s)");
		step = System.nanoTime();
		// Behind a proxy the broker must name the proxy's port in its metadata, or the
		// clients connect to the broker directly after their first request.
		int kafkaPort = 9092 + off;
		LocalKafka kafka = register(LocalKafka.start(this.dataDir.resolve("kafka"), kafkaPort, 9093 + off,
				proxies ? kafkaPort + PROXY_PORT_SHIFT : kafkaPort));
		say("Kafka on " + kafka.bootstrapServers() + " (" + seconds(step) + " s)");
		step = System.nanoTime();
		MailCatcher mail = register(MailCatcher.start(this.dataDir.resolve("mail"), 2525 + off, 8025 + off));
		this.mailWebUrl = "http://127.0.0.1:" + mail.httpPort();
		say("Mail catcher: SMTP port " + mail.smtpPort() + ", web http://localhost:" + mail.httpPort() + " ("
				+ seconds(step) + " s)");
		if (proxies) {
			startFaultProxies(mongo.port(), kafkaPort, mail.smtpPort());
		}
		else {
			this.endpoints = new Endpoints(mongo.connectionString(), kafka.bootstrapServers(), mail.smtpPort(),
					mail.httpPort());
		}

		if (!this.options.noServices) {
			for (Service service : this.instances) {
				startService(service, null);
			}
			awaitHealthy();
		}
		// The marker first: whoever reads "ready" on the console may look for it at once.
		try {
			Files.writeString(readyMarker(), String.valueOf(ProcessHandle.current().pid()));
		}
		catch (IOException ex) {
			this.log.warn("Cannot write {}", readyMarker(), ex);
		}
		printReady(mongo, kafka, mail);
		startDemoData();
		watchServices();
	}

	/**
	 * On the first start of a data directory: the demo data, in the background after
	 * "ready", through the gateway (see {@link DemoData}).
	 */
	private void startDemoData() {
		if (this.options.noServices || !DemoData.wanted(this.options.noDemoData, System.getenv("DEMO_DATA"))) {
			this.log.info("Demo data switched off");
			return;
		}
		if (DemoData.loaded(this.dataDir)) {
			this.log.info("Demo data loaded before ({})", this.dataDir.resolve(DemoData.MARKER));
			return;
		}
		DemoData demo = new DemoData("http://127.0.0.1:" + port("gateway"), this.mailWebUrl, secrets(), this.dataDir,
				this::say, this::isStopping);
		Thread thread = new Thread(demo::run, "demo-data");
		// Never holds up the stop: the services it talks to go down first anyway.
		thread.setDaemon(true);
		thread.start();
	}

	private synchronized boolean isStopping() {
		return this.stopping;
	}

	/** What the services get as store, Kafka and SMTP addresses. */
	record Endpoints(String mongoUri, String kafkaBootstrapServers, int smtpPort, int mailHttpPort) {
	}

	private void startFaultProxies(int mongoPort, int kafkaPort, int smtpPort) {
		FaultProxy store = register(FaultProxy.start("store", mongoPort + PROXY_PORT_SHIFT, mongoPort));
		FaultProxy kafka = register(FaultProxy.start("kafka", kafkaPort + PROXY_PORT_SHIFT, kafkaPort));
		FaultProxy smtp = register(FaultProxy.start("smtp", smtpPort + PROXY_PORT_SHIFT, smtpPort));
		this.faults = register(FaultControl.start(List.of(store, kafka, smtp),
				FAULT_CONTROL_PORT + this.options.portOffset, this::say));
		this.endpoints = new Endpoints("mongodb://127.0.0.1:" + store.port(), "127.0.0.1:" + kafka.port(), smtp.port(),
				8025 + this.options.portOffset);
		say("Fault proxies: store " + store.port() + " -> " + mongoPort + ", Kafka " + kafka.port() + " -> " + kafkaPort
				+ ", SMTP " + smtp.port() + " -> " + smtpPort + "; faults at http://127.0.0.1:" + this.faults.port()
				+ "/faults");
	}

	// ------------------------------------------------------------ checks

	private void checkRepository() {
		if (!Files.isRegularFile(this.repo.resolve("pom.xml"))) {
			throw new StartupFailure("No pom.xml in " + this.repo + ". Start from the repository root: ./run.sh");
		}
		if (!this.options.noServices) {
			List<String> missing = new ArrayList<>();
			for (Service service : SERVICES) {
				if (!Files.isDirectory(this.repo.resolve(service.name()))) {
					missing.add(service.name());
				}
			}
			if (!missing.isEmpty()) {
				throw new StartupFailure("This does not look like the Industriedialog repository (" + this.repo
						+ "): missing folders " + missing + ". Start from the repository root: ./run.sh");
			}
		}
	}

	private void checkJars() {
		List<String> missing = new ArrayList<>();
		for (Service service : SERVICES) {
			if (!Files.isRegularFile(jar(service))) {
				missing.add(this.repo.relativize(jar(service)).toString());
			}
		}
		if (!missing.isEmpty()) {
			throw new StartupFailure("Missing service jar(s): " + String.join(", ", missing)
					+ "\nBuild them first: ./mvnw -DskipTests package   (./run.sh does this for you)");
		}
	}

	private void checkPortsFree() {
		int off = this.options.portOffset;
		Map<Integer, String> ports = new LinkedHashMap<>();
		ports.put(27017 + off, "MongoDB");
		ports.put(9092 + off, "Kafka");
		ports.put(9093 + off, "Kafka controller");
		ports.put(2525 + off, "SMTP");
		ports.put(8025 + off, "mail web");
		if (this.options.faultProxies) {
			ports.put(27017 + PROXY_PORT_SHIFT + off, "store fault proxy");
			ports.put(9092 + PROXY_PORT_SHIFT + off, "Kafka fault proxy");
			ports.put(2525 + PROXY_PORT_SHIFT + off, "SMTP fault proxy");
			ports.put(FAULT_CONTROL_PORT + off, "fault control");
		}
		if (!this.options.noServices) {
			for (Service service : this.instances) {
				ports.put(service.basePort() + off, service.id());
			}
		}
		List<String> busy = new ArrayList<>();
		ports.forEach((port, name) -> {
			if (!portFree(port)) {
				busy.add(port + " (" + name + ")");
			}
		});
		if (!busy.isEmpty()) {
			throw new StartupFailure("Port(s) in use: " + String.join(", ", busy)
					+ ".\nIs another local stack running? Stop it, or move all ports with --port-offset=N.");
		}
	}

	static boolean portFree(int port) {
		if (port <= 0 || port > 65535) {
			throw new StartupFailure("Port " + port + " is out of range; check --port-offset");
		}
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	// ------------------------------------------------------------ services

	private Path jar(Service service) {
		return this.repo.resolve(service.name()).resolve("target").resolve(service.name() + ".jar");
	}

	private Path logFile(String name) {
		return this.logDir.resolve(name + ".log");
	}

	private int port(Service service) {
		return service.basePort() + this.options.portOffset;
	}

	private int port(String name) {
		return SERVICES.stream()
			.filter((service) -> service.name().equals(name))
			.findFirst()
			.map(this::port)
			.orElseThrow();
	}

	/**
	 * Starts a service's JVM.
	 * @param restart why it is started again ("restart #2 after exit code 137"),
	 * {@code null} for the first start
	 */
	private synchronized void startService(Service service, String restart) {
		if (this.stopping) {
			throw new StartupFailure("Interrupted.");
		}
		List<String> command = new ArrayList<>();
		command.add(javaCommand());
		command.addAll(serviceJavaOptions());
		// One class-data archive per service; only the first replica records it.
		ClassDataSharing.Launch launch = this.classDataSharing.launch(service.name(), jar(service),
				service.replica() == 1);
		command.addAll(launch.arguments());
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.repo.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(service.id()).toFile()));
		Map<String, String> env = builder.environment();
		env.put("SERVER_PORT", String.valueOf(port(service)));
		env.put("MONGODB_URI", this.endpoints.mongoUri() + "/" + service.database());
		env.put("KAFKA_BOOTSTRAP_SERVERS", this.endpoints.kafkaBootstrapServers());
		env.put("SMTP_HOST", "127.0.0.1");
		env.put("SMTP_PORT", String.valueOf(this.endpoints.smtpPort()));
		env.put("MAIL_WEB_URL", "http://localhost:" + this.endpoints.mailHttpPort());
		env.put("SPRING_PROFILES_ACTIVE", "local");
		// Names the replica: the KPI views consume in a group per instance (ADR 0012).
		env.put("INSTANCE_ID", String.valueOf(service.replica()));
		env.put("LAUNCHER_PID", String.valueOf(ProcessHandle.current().pid()));
		env.put("JWT_SECRET", secrets().jwtSecret());
		if (service.name().equals("event-service") || service.name().equals("newsletter-service")) {
			// Only the services that mail personal links hold their key. The privacy
			// subject key is derived from the JWT secret in the local profile
			// (SubjectKeys).
			env.put("LINK_SECRET", secrets().linkSecret());
			env.put("PREVIOUS_LINK_SECRETS", secrets().previousLinkSecrets());
		}
		env.put("STAFF_EMAIL", secrets().staffEmail());
		env.put("STAFF_PASSWORD", secrets().staffPassword());
		// Links in mails (registration, feedback, invitations) point at the gateway.
		env.put("PUBLIC_URL", "http://localhost:" + port("gateway"));
		if (service.name().equals("gateway")) {
			env.put("REGISTRY_URL", "http://127.0.0.1:" + port("initiative-registry"));
			env.put("EVENT_SERVICE_URL", "http://127.0.0.1:" + port("event-service"));
			env.put("EVALUATION_URL", "http://127.0.0.1:" + port("evaluation-service"));
			env.put("NEWSLETTER_URL", "http://127.0.0.1:" + port("newsletter-service"));
			// Every request of the local stack comes from 127.0.0.1 (the demo data
			// subscribe 24 addresses), so the per-address limit would count them all as
			// one client.
			env.put("NEWSLETTER_SUBSCRIPTIONS_PER_HOUR", "1000");
			env.put("PRIVACY_REQUESTS_PER_HOUR", "1000");
			if (this.options.replicas > 1) {
				// Every replica of each service, for the gateway's load balancer: program
				// arguments, as a list in the environment would replace, not extend.
				for (Service backend : this.instances) {
					if (!backend.name().equals("gateway")) {
						command.add("--spring.cloud.discovery.client.simple.instances." + backend.name() + "["
								+ (backend.replica() - 1) + "].uri=http://127.0.0.1:" + port(backend));
					}
				}
			}
		}
		rotateIfLarge(logFile(service.id()));
		try {
			Files.writeString(logFile(service.id()),
					"=== " + java.time.OffsetDateTime.now() + " started by local-stack"
							+ ((restart != null) ? " (" + restart + ")" : "") + ": " + String.join(" ", command) + "\n",
					StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
					java.nio.file.StandardOpenOption.APPEND);
			Process process = builder.start();
			this.processes.put(service, process);
			if (launch.recording() != null) {
				this.recordings.put(process, launch.recording());
			}
			this.pidsFile.write(this.processes);
			this.log.info("Started {} (pid {}) on port {}{}", service.id(), process.pid(), port(service),
					(restart != null) ? " (" + restart + ")" : "");
		}
		catch (IOException ex) {
			throw new StartupFailure("Cannot start " + service.id() + ": " + ex.getMessage());
		}
	}

	static String javaCommand() {
		return ProcessHandle.current()
			.info()
			.command()
			.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
	}

	static List<String> serviceJavaOptions() {
		String configured = System.getenv("SERVICE_JAVA_OPTS");
		String options = (configured != null && !configured.isBlank()) ? configured : DEFAULT_SERVICE_JAVA_OPTS;
		return Arrays.stream(options.trim().split("\\s+")).filter((option) -> !option.isEmpty()).toList();
	}

	private void awaitHealthy() {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(this.options.timeoutSeconds);
		Map<Service, Process> waiting = new LinkedHashMap<>(this.processes);
		say("Starting " + waiting.size() + " services (logs in " + this.logDir + ") …");
		long nextProgress = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (!waiting.isEmpty()) {
			for (var iterator = waiting.entrySet().iterator(); iterator.hasNext();) {
				var entry = iterator.next();
				Service service = entry.getKey();
				Process process = entry.getValue();
				if (!process.isAlive()) {
					fail(service, service.id() + " exited with code " + process.exitValue() + " while starting.");
				}
				if (healthy(http, service)) {
					say("  " + service.id() + " is up on port " + port(service) + " after " + seconds(this.startNanos)
							+ " s");
					backoff(service).healthy(java.time.Instant.now());
					iterator.remove();
				}
			}
			if (waiting.isEmpty()) {
				break;
			}
			if (System.nanoTime() > deadline) {
				Service first = waiting.keySet().iterator().next();
				fail(first, "Timed out after " + this.options.timeoutSeconds + " s waiting for "
						+ waiting.keySet().stream().map(Service::id).toList() + " to become healthy.");
			}
			if (System.nanoTime() > nextProgress) {
				say("  waiting for " + String.join(", ", waiting.keySet().stream().map(Service::id).toList()) + " ("
						+ seconds(this.startNanos) + " s)");
				nextProgress = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			}
			sleep(500);
			synchronized (this) {
				if (this.stopping) {
					throw new StartupFailure("Interrupted.");
				}
			}
		}
	}

	private boolean healthy(HttpClient http, Service service) {
		URI uri = URI.create("http://127.0.0.1:" + port(service) + "/actuator/health/readiness");
		try {
			HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
					HttpResponse.BodyHandlers.discarding());
			return response.statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private void fail(Service service, String message) {
		StringBuilder text = new StringBuilder(message);
		Path log = logFile(service.id());
		text.append("\nLast 30 lines of ").append(log).append(':');
		for (String line : tail(log, 30)) {
			text.append("\n  | ").append(line);
		}
		text.append("\nStopping everything.");
		throw new StartupFailure(text.toString());
	}

	static List<String> tail(Path file, int lines) {
		try {
			List<String> all = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
			return all.subList(Math.max(0, all.size() - lines), all.size());
		}
		catch (IOException ex) {
			return List.of("(cannot read " + file + ": " + ex.getMessage() + ")");
		}
	}

	/**
	 * After the start, until this JVM stops: a service that dies is started again after
	 * its back-off; said on the console and in the launcher's log, with the exit code.
	 * Nothing is started while the launcher stops ({@link #startService} refuses then).
	 */
	private void watchServices() {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		while (!isStopping()) {
			sleep(500);
			try {
				superviseOnce(http);
			}
			catch (StartupFailure ex) {
				return; // stopping
			}
			catch (RuntimeException ex) {
				// the supervisor must outlive whatever goes wrong with one restart
				this.log.error("Supervising the services failed; trying again", ex);
			}
		}
	}

	private void superviseOnce(HttpClient http) {
		long now = System.nanoTime();
		for (Service service : this.instances) {
			Process process;
			synchronized (this) {
				if (this.stopping) {
					return;
				}
				process = this.processes.get(service);
			}
			if (process == null) {
				continue;
			}
			Long due = this.restartAt.get(service);
			if (due != null) {
				if (now - due >= 0) {
					this.restartAt.remove(service);
					RestartBackoff backoff = backoff(service);
					String why = "restart #" + backoff.restarts() + " after exit code "
							+ this.lastExitCode.get(service);
					startService(service, why);
					say(service.id() + ": " + why + ", started again (pid " + this.processes.get(service).pid() + ")");
					this.restarting.put(service, now);
				}
				continue;
			}
			if (!process.isAlive()) {
				onExit(service, process);
				continue;
			}
			Long restartedAt = this.restarting.get(service);
			if (restartedAt != null && healthy(http, service)) {
				this.restarting.remove(service);
				backoff(service).healthy(java.time.Instant.now());
				say(service.id() + " is up again on port " + port(service) + " ("
						+ String.format(Locale.ROOT, "%.1f", (System.nanoTime() - restartedAt) / 1e9)
						+ " s after the restart)");
			}
		}
	}

	private void onExit(Service service, Process process) {
		int code = process.exitValue();
		// A killed run's class-data recording is incomplete; the next run records anew.
		Path recording = this.recordings.remove(process);
		if (recording != null) {
			ClassDataSharing.finish(recording, false);
		}
		RestartBackoff backoff = backoff(service);
		Duration delay = backoff.onExit(java.time.Instant.now());
		this.lastExitCode.put(service, code);
		this.restarting.remove(service);
		this.restartAt.put(service, System.nanoTime() + delay.toNanos());
		say(service.id() + " stopped unexpectedly (exit code " + code + "); restart #" + backoff.restarts() + " in "
				+ delay.toSeconds() + " s; see " + logFile(service.id()));
	}

	private RestartBackoff backoff(Service service) {
		return this.backoffs.computeIfAbsent(service, (s) -> new RestartBackoff());
	}

	private void printReady(LocalMongoServer mongo, LocalKafka kafka, MailCatcher mail) {
		StringBuilder text = new StringBuilder();
		if (this.options.noServices) {
			text.append("Industriedialog infrastructure is ready in ")
				.append(seconds(this.startNanos))
				.append(" s (--no-services: start the services yourself)\n");
		}
		else {
			text.append("Industriedialog is ready in ").append(seconds(this.startNanos)).append(" s");
			text.append(
					(this.options.replicas > 1) ? " (" + this.options.replicas + " replicas of each service)\n" : "\n");
			text.append(line("Gateway", "http://localhost:" + port("gateway")));
			for (Service gateway : this.instances) {
				if (gateway.name().equals("gateway") && gateway.replica() > 1) {
					text.append(line("Gateway " + gateway.replica(), "http://localhost:" + port(gateway)));
				}
			}
			text.append(line("KPI dashboard (staff)", "http://localhost:" + port("gateway") + "/kennzahlen.html"));
		}
		text.append(line("Mails", "http://localhost:" + mail.httpPort()));
		text.append(line("SMTP", "127.0.0.1:" + mail.smtpPort()));
		text.append(line("Kafka", kafka.bootstrapServers()));
		text.append(line("MongoDB", mongo.connectionString()));
		if (!this.options.noServices) {
			for (Service service : this.instances) {
				if (!service.name().equals("gateway")) {
					text.append(line(service.id(), "http://localhost:" + port(service)));
				}
			}
		}
		if (this.faults != null) {
			text.append(line("Fault control", "http://127.0.0.1:" + this.faults.port() + "/faults"));
		}
		text.append(line("Logs", this.logDir.toString()));
		if (!this.options.noServices) {
			text.append(line("Staff login (demo)", secrets().staffEmail() + " / " + secrets().staffPassword()));
		}
		text.append("Ctrl+C stops everything; ./run.sh --reset starts from empty data");
		say(text.toString());
	}

	private synchronized LocalSecrets secrets() {
		if (this.secrets == null) {
			this.secrets = LocalSecrets.loadOrCreate(this.dataDir);
		}
		return this.secrets;
	}

	private static String line(String name, String value) {
		return String.format(Locale.ROOT, "  %-22s %s%n", name, value);
	}

	// ------------------------------------------------------------ stop

	private synchronized <T extends AutoCloseable> T register(T closeable) {
		if (this.stopping) {
			closeQuietly(closeable);
			throw new StartupFailure("Interrupted.");
		}
		this.infrastructure.add(closeable);
		return closeable;
	}

	/** Shutdown hook: services first, then mail catcher, Kafka, MongoDB. */
	private void stop() {
		List<Process> children;
		List<AutoCloseable> infra;
		synchronized (this) {
			if (this.stopping) {
				return;
			}
			this.stopping = true;
			children = new ArrayList<>(this.processes.values());
			infra = new ArrayList<>(this.infrastructure);
		}
		if (this.log == null) {
			return; // nothing started yet
		}
		boolean recordingClassData = !this.recordings.isEmpty();
		System.out.println(recordingClassData
				? "Stopping … (the services save class data for faster starts next time; up to 60 s)" : "Stopping …");
		List<Long> killed = stopProcesses(children, Duration.ofSeconds(recordingClassData ? 60 : 20));
		this.recordings.forEach((process, recording) -> ClassDataSharing.finish(recording, !process.isAlive()
				&& !killed.contains(process.pid()) && List.of(0, 130, 143).contains(process.exitValue())));
		this.pidsFile.delete();
		for (int i = infra.size() - 1; i >= 0; i--) {
			closeQuietly(infra.get(i));
		}
		try {
			Files.deleteIfExists(readyMarker());
		}
		catch (IOException ex) {
			// best effort
		}
		System.out.println("stopped");
	}

	/**
	 * Stops processes: SIGTERM, then SIGKILL for those still running after the grace
	 * period.
	 * @return the pids that had to be killed
	 */
	static List<Long> stopProcesses(List<? extends Object> processesOrHandles, Duration grace) {
		List<Long> killed = new ArrayList<>();
		List<ProcessHandle> handles = new ArrayList<>();
		for (Object each : processesOrHandles) {
			handles.add((each instanceof Process process) ? process.toHandle() : (ProcessHandle) each);
		}
		handles.removeIf((handle) -> !handle.isAlive());
		handles.forEach(ProcessHandle::destroy);
		long deadline = System.nanoTime() + grace.toNanos();
		for (ProcessHandle handle : handles) {
			long left = Math.max(0, deadline - System.nanoTime());
			try {
				handle.onExit().get(left, TimeUnit.NANOSECONDS);
			}
			catch (Exception ex) {
				killed.add(handle.pid());
				handle.destroyForcibly();
				try {
					handle.onExit().get(5, TimeUnit.SECONDS);
				}
				catch (Exception ignored) {
					// reported below
				}
			}
			if (handle.isAlive()) {
				System.err.println("Process " + handle.pid() + " did not stop");
			}
		}
		return killed;
	}

	private void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			if (this.log != null) {
				this.log.warn("Stopping {} failed", closeable, ex);
			}
		}
	}

	// ------------------------------------------------------------ helpers

	private void initLogging() {
		rotateIfLarge(logFile("local-stack"));
		System.setProperty("localstack.logdir", this.logDir.toString());
		if (System.getProperty("logback.configurationFile") == null) {
			System.setProperty("logback.configurationFile", "local-stack-logback.xml");
		}
		this.log = LoggerFactory.getLogger(LocalStack.class);
		this.log.info("Starting local stack in {} with data in {}", this.repo, this.dataDir);
	}

	/**
	 * Keeps the logs bounded: a log over 20 MB becomes {@code <name>.log.1} at the start.
	 */
	static void rotateIfLarge(Path log) {
		try {
			if (Files.isRegularFile(log) && Files.size(log) > 20L * 1024 * 1024) {
				Files.move(log, log.resolveSibling(log.getFileName() + ".1"),
						java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			}
		}
		catch (IOException ex) {
			// keep appending
		}
	}

	private Path readyMarker() {
		return this.dataDir.resolve("ready");
	}

	private void say(String message) {
		System.out.println(message);
		if (this.log != null) {
			this.log.info(message);
		}
	}

	static String seconds(long sinceNanos) {
		return String.format(Locale.ROOT, "%.1f", (System.nanoTime() - sinceNanos) / 1e9);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Deletes the data directory except the class-data cache (not data, only speed). */
	private void reset() {
		try (var children = Files.list(this.dataDir)) {
			for (Path child : children.toList()) {
				if (!child.getFileName().toString().equals("cds")) {
					if (Files.isDirectory(child)) {
						deleteRecursively(child);
					}
					else {
						Files.delete(child);
					}
				}
			}
		}
		catch (IOException ex) {
			throw new StartupFailure("Cannot delete " + this.dataDir + ": " + ex.getMessage());
		}
	}

	static void deleteRecursively(Path dir) {
		try (var paths = Files.walk(dir)) {
			for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot delete " + dir, ex);
		}
	}

	/** A start that cannot go on: the message is for the person at the terminal. */
	static final class StartupFailure extends RuntimeException {

		StartupFailure(String message) {
			super(message, null, false, false);
		}

	}

	/** Command line options. */
	static final class Options {

		boolean reset;

		boolean noServices;

		boolean noDemoData;

		boolean faultProxies;

		boolean help;

		String dataDir;

		int portOffset;

		int timeoutSeconds = 180;

		int replicas = 1;

		static Options parse(String... args) {
			Options options = new Options();
			for (String arg : args) {
				if (arg.equals("--reset")) {
					options.reset = true;
				}
				else if (arg.equals("--no-services")) {
					options.noServices = true;
				}
				else if (arg.equals("--no-demo-data")) {
					options.noDemoData = true;
				}
				else if (arg.equals("--fault-proxies")) {
					options.faultProxies = true;
				}
				else if (arg.equals("--help") || arg.equals("-h")) {
					options.help = true;
				}
				else if (arg.startsWith("--data-dir=") && arg.length() > "--data-dir=".length()) {
					options.dataDir = arg.substring("--data-dir=".length());
				}
				else if (arg.startsWith("--port-offset=")) {
					options.portOffset = number(arg, "--port-offset=");
				}
				else if (arg.startsWith("--replicas=")) {
					options.replicas = number(arg, "--replicas=");
					if (options.replicas < 1 || options.replicas > 3) {
						throw new IllegalArgumentException("--replicas must be 1, 2 or 3");
					}
				}
				else if (arg.startsWith("--timeout=")) {
					options.timeoutSeconds = number(arg, "--timeout=");
				}
				else {
					throw new IllegalArgumentException("Unknown option: " + arg);
				}
			}
			return options;
		}

		private static int number(String arg, String prefix) {
			try {
				int value = Integer.parseInt(arg.substring(prefix.length()));
				if (value < 0) {
					throw new NumberFormatException();
				}
				return value;
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("Not a number >= 0: " + arg);
			}
		}

	}

}
