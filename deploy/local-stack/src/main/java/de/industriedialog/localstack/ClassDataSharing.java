package de.industriedialog.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Faster service starts with a class-data-sharing archive per service (JDK 13+ dynamic
 * CDS): the Spring Boot jar is extracted once into {@code <data-dir>/cds/<service>/app}
 * (Boot's {@code -Djarmode=tools extract}); the first run records the loaded classes when
 * the service stops ({@code -XX:ArchiveClassesAtExit}), later runs map them
 * ({@code -XX:SharedArchiveFile}): about 40 % less CPU for each start. A rebuilt jar is
 * extracted and recorded again. Off with {@code LOCAL_STACK_CDS=off}, when
 * {@code SERVICE_JAVA_OPTS} mentions CDS options itself, and by default when
 * {@code CI=true} (there is no next start to gain, and recording makes stopping slower).
 */
final class ClassDataSharing {

	private final Path cacheDir;

	private final boolean enabled;

	private Logger log;

	ClassDataSharing(Path cacheDir, List<String> serviceJavaOptions) {
		this.cacheDir = cacheDir;
		boolean optionsMentionCds = serviceJavaOptions.stream()
			.anyMatch((option) -> option.startsWith("-Xshare") || option.contains("SharedArchiveFile")
					|| option.contains("ArchiveClassesAtExit"));
		String setting = System.getenv("LOCAL_STACK_CDS");
		boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
		if (setting != null && !setting.isBlank()) {
			this.enabled = !setting.equalsIgnoreCase("off") && !setting.equalsIgnoreCase("false") && !optionsMentionCds;
		}
		else {
			// a fresh CI checkout never benefits, and recording makes stopping slower
			this.enabled = !ci && !optionsMentionCds;
		}
	}

	/** What goes after the JVM options on the command line to run the service jar. */
	Launch launch(String service, Path jar) {
		return launch(service, jar, true);
	}

	/**
	 * @param record whether this run may record the archive when there is none yet (one
	 * instance per service only: two would write the same file)
	 */
	Launch launch(String service, Path jar, boolean record) {
		if (!this.enabled) {
			return new Launch(List.of("-jar", jar.toString()), null);
		}
		Path dir = this.cacheDir.resolve(service);
		Path app = dir.resolve("app").resolve(service + ".jar");
		Path archive = dir.resolve(service + ".jsa");
		Path source = dir.resolve("source");
		try {
			String signature = Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis() + " "
					+ LocalStack.javaCommand();
			boolean current = Files.isRegularFile(app) && Files.isRegularFile(source)
					&& Files.readString(source, StandardCharsets.UTF_8).equals(signature);
			if (!current) {
				if (Files.exists(dir)) {
					LocalStack.deleteRecursively(dir);
				}
				Files.createDirectories(dir);
				if (!extract(jar, dir.resolve("app"), dir.resolve("extract.log")) || !Files.isRegularFile(app)) {
					log().warn("Could not extract {} for class-data sharing; see {}", jar, dir.resolve("extract.log"));
					return new Launch(List.of("-jar", jar.toString()), null);
				}
				Files.writeString(source, signature, StandardCharsets.UTF_8);
			}
			if (Files.isRegularFile(archive) && Files.size(archive) > 0) {
				return new Launch(List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-jar", app.toString()),
						null);
			}
			if (!record) {
				return new Launch(List.of("-jar", app.toString()), null);
			}
			Path recording = recording(archive);
			Files.deleteIfExists(recording);
			return new Launch(List.of("-XX:ArchiveClassesAtExit=" + recording, "-Xlog:cds=off", "-jar", app.toString()),
					recording);
		}
		catch (IOException | RuntimeException ex) {
			log().warn("Class-data sharing for {} disabled: {}", service, ex.toString());
			return new Launch(List.of("-jar", jar.toString()), null);
		}
	}

	private static Path recording(Path archive) {
		return archive.resolveSibling(archive.getFileName() + ".recording");
	}

	/**
	 * After a recording run: the archive is used from the next start on if the service
	 * stopped cleanly; otherwise it may be incomplete and is dropped.
	 * @param recording the file the run wrote
	 * @param cleanExit whether the service exited by itself (no SIGKILL, no crash)
	 */
	static void finish(Path recording, boolean cleanExit) {
		try {
			String name = recording.getFileName().toString();
			Path archive = recording.resolveSibling(name.substring(0, name.length() - ".recording".length()));
			if (cleanExit && Files.isRegularFile(recording) && Files.size(recording) > 0) {
				Files.move(recording, archive, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			}
			else {
				Files.deleteIfExists(recording);
			}
		}
		catch (IOException ex) {
			// the next start records again
		}
	}

	private static boolean extract(Path jar, Path destination, Path logFile) throws IOException {
		Process process = new ProcessBuilder(LocalStack.javaCommand(), "-XX:TieredStopAtLevel=1", "-Djarmode=tools",
				"-jar", jar.toString(), "extract", "--destination", destination.toString())
			.redirectErrorStream(true)
			.redirectOutput(logFile.toFile())
			.start();
		try {
			if (!process.waitFor(120, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return false;
			}
			return process.exitValue() == 0;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
			return false;
		}
	}

	private Logger log() {
		if (this.log == null) {
			this.log = LoggerFactory.getLogger(ClassDataSharing.class);
		}
		return this.log;
	}

	/**
	 * How to start a service.
	 *
	 * @param arguments the arguments after the JVM options
	 * @param recording the file this run writes its archive to when it exits,
	 * {@code null} if none; see {@link ClassDataSharing#finish}
	 */
	record Launch(List<String> arguments, Path recording) {
	}

}
