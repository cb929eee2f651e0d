package de.industriedialog.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code <data-dir>/pids}: one line per process, {@code name pid start-epoch-millis}, the
 * first for the launcher itself. If the launcher is killed hard, its children live on;
 * the next start reads this file and stops them. The start time guards against a pid that
 * was reused.
 */
final class PidsFile {

	static final String LAUNCHER = "launcher";

	private final Path file;

	PidsFile(Path file) {
		this.file = file;
	}

	void write(Map<LocalStack.Service, Process> processes) {
		StringBuilder text = new StringBuilder();
		text.append(line(LAUNCHER, ProcessHandle.current()));
		processes.forEach((service, process) -> text.append(line(service.id(), process.toHandle())));
		try {
			Files.createDirectories(this.file.getParent());
			Path tmp = this.file.resolveSibling("pids.tmp");
			Files.writeString(tmp, text, StandardCharsets.UTF_8);
			Files.move(tmp, this.file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			System.err.println("Cannot write " + this.file + ": " + ex.getMessage());
		}
	}

	private static String line(String name, ProcessHandle handle) {
		return name + " " + handle.pid() + " " + startMillis(handle).map(String::valueOf).orElse("-") + "\n";
	}

	private static Optional<Long> startMillis(ProcessHandle handle) {
		return handle.info().startInstant().map(Instant::toEpochMilli);
	}

	void delete() {
		try {
			Files.deleteIfExists(this.file);
		}
		catch (IOException ex) {
			// best effort
		}
	}

	/**
	 * Stops the processes a previous launcher left behind. Refuses to go on while that
	 * launcher is still running.
	 */
	void stopLeftovers() {
		if (!Files.isRegularFile(this.file)) {
			return;
		}
		List<String> lines;
		try {
			lines = Files.readAllLines(this.file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return;
		}
		List<ProcessHandle> leftovers = new ArrayList<>();
		for (String line : lines) {
			String[] parts = line.trim().split("\\s+");
			if (parts.length != 3) {
				continue;
			}
			Optional<ProcessHandle> handle = alive(parts[1], parts[2]);
			if (handle.isEmpty()) {
				continue;
			}
			if (parts[0].equals(LAUNCHER)) {
				if (handle.get().pid() != ProcessHandle.current().pid()) {
					throw new LocalStack.StartupFailure("Another local stack (pid " + parts[1] + ") is running with "
							+ this.file.getParent() + ". Stop it first (Ctrl+C in its terminal, or kill " + parts[1]
							+ "), or use --data-dir=… and --port-offset=….");
				}
			}
			else {
				System.out.println("Stopping " + parts[0] + " (pid " + parts[1] + ") left over from an earlier run");
				leftovers.add(handle.get());
			}
		}
		LocalStack.stopProcesses(leftovers, Duration.ofSeconds(20));
		delete();
	}

	private static Optional<ProcessHandle> alive(String pid, String startMillis) {
		try {
			Optional<ProcessHandle> handle = ProcessHandle.of(Long.parseLong(pid)).filter(ProcessHandle::isAlive);
			if (handle.isEmpty() || startMillis.equals("-")) {
				return handle;
			}
			long expected = Long.parseLong(startMillis);
			// same pid, same start time: the same process (not a reused pid)
			return handle
				.filter((h) -> startMillis(h).map((actual) -> Math.abs(actual - expected) < 1000).orElse(true));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

}
