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
 * The local stack's secrets: the key the gateway signs relayed tokens with, the key of
 * the personal links in mails, and the demo staff login. Made up randomly on the first
 * start of a data directory and kept there, so nothing secret lives in the repository;
 * the environment may set them instead ({@code JWT_SECRET}, {@code LINK_SECRET},
 * {@code STAFF_EMAIL}, {@code STAFF_PASSWORD}).
 *
 * @param jwtSecret shared by the gateway and the services
 * @param linkSecret signs the personal links (registration, feedback, Infobrief)
 * @param previousLinkSecrets keys whose links still verify, comma-separated (may be
 * empty): a data directory from before the link key existed signed its links with the JWT
 * secret, so that is kept here and the mails in its mail catcher keep working
 * @param staffEmail login of the demo staff account
 * @param staffPassword its password
 */
record LocalSecrets(String jwtSecret, String linkSecret, String previousLinkSecrets, String staffEmail,
		String staffPassword) {

	static final String DEFAULT_STAFF_EMAIL = "staff@industriedialog.local";

	static LocalSecrets loadOrCreate(Path dataDir) {
		Path file = dataDir.resolve("secrets.properties");
		Properties stored = new Properties();
		try {
			SecureRandom random = new SecureRandom();
			boolean changed = false;
			if (Files.exists(file)) {
				try (Reader reader = Files.newBufferedReader(file)) {
					stored.load(reader);
				}
			}
			else {
				stored.setProperty("jwtSecret", randomText(random, 48));
				stored.setProperty("staffEmail", DEFAULT_STAFF_EMAIL);
				stored.setProperty("staffPassword", randomText(random, 12));
				stored.setProperty("previousLinkSecrets", "");
				changed = true;
			}
			if (stored.getProperty("linkSecret") == null) {
				// A data directory from before the link key: its links were signed with
				// the
				// JWT secret.
				stored.setProperty("previousLinkSecrets",
						stored.getProperty("previousLinkSecrets", stored.getProperty("jwtSecret")));
				stored.setProperty("linkSecret", randomText(random, 48));
				changed = true;
			}
			if (changed) {
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
				env("LINK_SECRET", stored.getProperty("linkSecret")),
				env("PREVIOUS_LINK_SECRETS", stored.getProperty("previousLinkSecrets", "")),
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
