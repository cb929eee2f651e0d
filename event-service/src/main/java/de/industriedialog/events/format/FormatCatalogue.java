package de.industriedialog.events.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The formats of {@code format/catalogue.json}. The catalogue is content, not data: it
 * ships with the service and changes with a release, so it is read once from the
 * classpath instead of being kept in the database.
 */
@Component
public class FormatCatalogue {

	static final String RESOURCE = "format/catalogue.json";

	private final Map<String, EventFormat> formats;

	public FormatCatalogue(JsonMapper jsonMapper) {
		Map<String, EventFormat> byCode = new LinkedHashMap<>();
		read(jsonMapper).forEach((format) -> {
			if (byCode.put(format.code(), format) != null) {
				throw new IllegalStateException("Format " + format.code() + " appears twice in " + RESOURCE);
			}
		});
		this.formats = byCode;
	}

	private static List<EventFormat> read(JsonMapper jsonMapper) {
		try (InputStream in = new ClassPathResource(RESOURCE).getInputStream()) {
			return jsonMapper.readValue(in, CatalogueFile.class).formats();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + RESOURCE, ex);
		}
	}

	public List<EventFormat> all() {
		return List.copyOf(this.formats.values());
	}

	public Optional<EventFormat> find(String code) {
		return Optional.ofNullable(this.formats.get(code));
	}

	public boolean contains(String code) {
		return code != null && this.formats.containsKey(code);
	}

	/** The file's shape; its other top-level fields document the sources. */
	record CatalogueFile(List<EventFormat> formats) {
	}

}
