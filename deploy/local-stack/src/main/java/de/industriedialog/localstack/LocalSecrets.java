package de.industriedialog.localstack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The local stack's secrets: the key the gateway signs relayed tokens with and the demo
 * staff login. Made up randomly on the first start of a data directory and kept there, so
 * nothing secret lives in the repository; the environment may set them instead
 * ({@code JWT_SECRET}, {@code STAFF_EMAIL}, {@code STAFF_PASSWORD}).
 *
 * @param jwtSecret shared by the gateway and the services
 * @param staffEmail login of the demo staff account
 * @param staffPassword its password
 */
record LocalSecrets(String jwtSecret, String staffEmail, String staffPassword) {

	static final String DEFAULT_STAFF_EMAIL = "staff@industriedialog.local";

	static LocalSecrets loadOrCreate(Path dataDir) {
		Path file = dataDir.resolve("secrets.properties");
		Properties stored = new Properties();
		try {
			if (Files.exists(file)) {
				try (Reader reader = Files.newBufferedReader(file)) {
					stored.load(reader);
				}
			}
			else {
				SecureRandom random = new SecureRandom();
				stored.setProperty("jwtSecret", randomText(random, 48));
				stored.setProperty("staffEmail", DEFAULT_STAFF_EMAIL);
				stored.setProperty("staffPassword", randomText(random, 12));
				Files.createDirectories(dataDir);
				try (Writer writer = Files.newBufferedWriter(file)) {
					stored.store(writer, "Secrets of this local stack; delete the data directory to renew them");
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new LocalSecrets(env("JWT_SECRET", stored.getProperty("jwtSecret")),
				env("STAFF_EMAIL", stored.getProperty("staffEmail")),
				env("STAFF_PASSWORD", stored.getProperty("staffPassword")));
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

	private static String randomText(SecureRandom random, int bytes) {
		byte[] data = new byte[bytes];
		random.nextBytes(data);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(data);
	}

}
