package de.industriedialog.contracts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The build check: every schema in {@code baseline/} (as published) must still exist in
 * {@code schemas/} and may only have changed compatibly. To change a schema incompatibly,
 * publish a new topic version instead (see README.md).
 */
class PublishedSchemasCompatibilityTest {

	private static final ObjectMapper MAPPER = new ObjectMapper();

	static Stream<Path> publishedSchemas() throws IOException {
		try (Stream<Path> files = Files.list(ModuleFiles.baseline())) {
			return files.filter((path) -> path.getFileName().toString().endsWith(".schema.json"))
				.sorted()
				.toList()
				.stream();
		}
	}

	@Test
	void shouldHaveABaseline() throws IOException {
		assertThat(publishedSchemas()).isNotEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("publishedSchemas")
	void shouldStayCompatibleWithThePublishedSchema(Path published) throws IOException {
		Path current = ModuleFiles.schemas().resolve(published.getFileName().toString());
		assertThat(current).as("published schema %s was removed from schemas/", published.getFileName()).exists();
		List<String> breakingChanges = SchemaCompatibility.breakingChanges(read(published), read(current));
		assertThat(breakingChanges)
			.as("%s has breaking changes against baseline/; publish a new topic version instead (README.md)",
					published.getFileName())
			.isEmpty();
	}

	private static JsonNode read(Path path) throws IOException {
		return MAPPER.readTree(path.toFile());
	}

}
