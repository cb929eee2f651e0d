package de.industriedialog.systemtests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A copy of the jars a launcher runs: the supervisor starts services again from their
 * jars minutes after the start, and a build elsewhere in the working tree must not swap
 * the code (or a half-written jar) under a running test.
 */
final class BuildSnapshot {

	private BuildSnapshot() {
	}

	static Path of(Path root) throws IOException {
		Path build = Files.createTempDirectory("system-test-build");
		Files.copy(root.resolve("pom.xml"), build.resolve("pom.xml"));
		List<String> jars = new ArrayList<>();
		for (String service : List.of("initiative-registry", "event-service", "evaluation-service",
				"newsletter-service", "gateway")) {
			jars.add(service + "/target/" + service + ".jar");
		}
		jars.add("deploy/local-stack/target/local-stack.jar");
		try (var lib = Files.list(root.resolve("deploy/local-stack/target/lib"))) {
			lib.forEach((file) -> jars.add("deploy/local-stack/target/lib/" + file.getFileName()));
		}
		for (String jar : jars) {
			Path target = build.resolve(jar);
			Files.createDirectories(target.getParent());
			Files.copy(root.resolve(jar), target);
		}
		return build;
	}

	static void delete(Path build) throws IOException {
		try (var paths = Files.walk(build)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

}
