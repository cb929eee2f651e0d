package de.industriedialog.localstack;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs {@link LocalMongoServer#durable} in its own JVM so that a test can kill it hard.
 * Arguments: the store file and a file to write the port to. Runs until killed.
 */
public final class DurableMongoChild {

	private DurableMongoChild() {
	}

	public static void main(String[] args) throws Exception {
		LocalMongoServer server = LocalMongoServer.durable(Path.of(args[0]), 0);
		Path portFile = Path.of(args[1]);
		Path tmp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
		Files.writeString(tmp, String.valueOf(server.port()));
		Files.move(tmp, portFile);
		Thread.sleep(Long.MAX_VALUE);
	}

}
