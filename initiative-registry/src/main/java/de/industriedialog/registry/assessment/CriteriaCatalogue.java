package de.industriedialog.registry.assessment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import de.industriedialog.registry.steckbrief.InitiativeType;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The criteria with German names and descriptions and, per initiative type, what Tabelle
 * 2 of the study says about them. Kept as data in {@code assessment/criteria.json} (a
 * copy from the study, so the service never needs the study at run time) and checked at
 * start: a catalogue that misses a criterion or a type must not go live.
 */
@Component
public class CriteriaCatalogue {

	private final Catalogue catalogue;

	CriteriaCatalogue(JsonMapper jsonMapper) {
		try (InputStream in = new ClassPathResource("assessment/criteria.json").getInputStream()) {
			this.catalogue = jsonMapper.readValue(in, Catalogue.class);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Set<Criterion> present = this.catalogue.criteria()
			.stream()
			.map(CriterionInfo::key)
			.collect(Collectors.toCollection(() -> EnumSet.noneOf(Criterion.class)));
		if (!present.equals(EnumSet.allOf(Criterion.class)) || this.catalogue.criteria().size() != 10) {
			throw new IllegalStateException("assessment/criteria.json must list each of "
					+ EnumSet.allOf(Criterion.class) + " once, found " + present);
		}
		for (CriterionInfo info : this.catalogue.criteria()) {
			if (!info.relevance().keySet().containsAll(EnumSet.allOf(InitiativeType.class))) {
				throw new IllegalStateException("assessment/criteria.json: " + info.key() + " lacks a type");
			}
		}
	}

	/** The criteria in the order of the study. */
	public List<CriterionInfo> criteria() {
		return this.catalogue.criteria();
	}

	/** Where the relevance comes from. */
	public String source() {
		return this.catalogue.source();
	}

	/** What the relevance texts are (the study gives no levels, see the JSON). */
	public String scale() {
		return this.catalogue.scale();
	}

	record Catalogue(String source, String scale, List<CriterionInfo> criteria) {
	}

	/**
	 * @param relevance per initiative type, the characterisation from Tabelle 2
	 */
	public record CriterionInfo(Criterion key, String name, String description,
			Map<InitiativeType, List<String>> relevance) {
	}

}
