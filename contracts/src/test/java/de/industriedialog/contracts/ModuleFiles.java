package de.industriedialog.contracts;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files of the contracts module and the repository, as seen from a test. Surefire runs
 * with the module directory as working directory and passes it as
 * {@code contracts.basedir}.
 */
final class ModuleFiles {

	private ModuleFiles() {
	}

	static Path moduleDir() {
		String basedir = System.getProperty("contracts.basedir");
		Path dir = (basedir != null) ? Path.of(basedir) : Path.of("").toAbsolutePath();
		if (!Files.isDirectory(dir.resolve("schemas"))) {
			throw new IllegalStateException("Not the contracts module directory: " + dir);
		}
		return dir;
	}

	static Path schemas() {
		return moduleDir().resolve("schemas");
	}

	static Path baseline() {
		return moduleDir().resolve("baseline");
	}

	static Path asyncApi() {
		return moduleDir().resolve("asyncapi.yaml");
	}

	static Path repositoryRoot() {
		return moduleDir().toAbsolutePath().getParent();
	}

}
