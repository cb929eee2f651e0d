package de.industriedialog.registry.import2017;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import de.industriedialog.registry.steckbrief.Steckbriefe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * Loads the 40 initiatives the 2017 study identified as published Steckbriefe. Each gets
 * an id derived from its name, so running the import on every start adds nothing twice.
 */
@Component
@ConditionalOnBooleanProperty(name = "industriedialog.registry.import-2017.enabled", matchIfMissing = true)
public class Registry2017Import implements ApplicationRunner {

	static final String ORIGIN = "registry-2017";

	private static final Logger log = LoggerFactory.getLogger(Registry2017Import.class);

	private final Steckbriefe steckbriefe;

	private final Resource csv;

	Registry2017Import(Steckbriefe steckbriefe) {
		this.steckbriefe = steckbriefe;
		this.csv = new ClassPathResource("import2017/initiatives-2017.csv");
	}

	@Override
	public void run(ApplicationArguments args) {
		Report report = importAll();
		report.problems().forEach((problem) -> log.warn("Registry 2017 import skipped {}", problem));
		log.info("Registry 2017 import: {} added, {} already present, {} rows skipped", report.added(),
				report.present(), report.problems().size());
	}

	/** Imports what is missing and says what it did. */
	public Report importAll() {
		RegistryCsv.Result result;
		try (Reader reader = new InputStreamReader(this.csv.getInputStream(), StandardCharsets.UTF_8)) {
			result = RegistryCsv.parse(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		int added = 0;
		for (RegistryCsv.Row row : result.rows()) {
			if (this.steckbriefe.importPublished(idOf(row.name()), row.name(), row.level(), row.type(), row.state(),
					row.city(), row.coordinates(), row.foundingYear(), ORIGIN)) {
				added++;
			}
		}
		return new Report(added, result.rows().size() - added, result.problems());
	}

	static String idOf(String name) {
		return UUID.nameUUIDFromBytes((ORIGIN + ":" + name).getBytes(StandardCharsets.UTF_8)).toString();
	}

	/** What an import run did; {@code problems} name the skipped rows with their line. */
	public record Report(int added, int present, java.util.List<String> problems) {
	}

}
