package de.industriedialog.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class LocalSecretsTest {

	@TempDir
	Path dataDir;

	@Test
	void newDataDirectoryGetsALinkKeyOfItsOwnAndKeepsIt() {
		LocalSecrets first = LocalSecrets.loadOrCreate(this.dataDir);

		assertThat(first.linkSecret()).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo(first.jwtSecret());
		assertThat(first.previousLinkSecrets()).isEmpty();
		assertThat(LocalSecrets.loadOrCreate(this.dataDir)).isEqualTo(first);
	}

	@Test
	void dataDirectoryFromBeforeTheLinkKeyStillAcceptsTheLinksItMailed() throws IOException {
		Files.writeString(this.dataDir.resolve("secrets.properties"),
				"jwtSecret=old-jwt-secret-that-signed-the-links-so-far\nstaffEmail=staff@example.test\nstaffPassword=pw\n");

		LocalSecrets upgraded = LocalSecrets.loadOrCreate(this.dataDir);

		assertThat(upgraded.jwtSecret()).isEqualTo("old-jwt-secret-that-signed-the-links-so-far");
		assertThat(upgraded.linkSecret()).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo(upgraded.jwtSecret());
		assertThat(upgraded.previousLinkSecrets()).isEqualTo("old-jwt-secret-that-signed-the-links-so-far");
		assertThat(LocalSecrets.loadOrCreate(this.dataDir)).as("stored, not made anew").isEqualTo(upgraded);
	}

}
