package de.industriedialog.registry.assessment;

import java.time.Clock;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import de.industriedialog.registry.steckbrief.InitiativeType;
import de.industriedialog.registry.steckbrief.Steckbrief;
import de.industriedialog.registry.steckbrief.Steckbriefe;

import org.springframework.stereotype.Service;

/** The good-practice grid ("Raster", study 4.1): record and read self-assessments. */
@Service
public class SelfAssessments {

	private final SelfAssessmentRepository repository;

	private final Steckbriefe steckbriefe;

	private final CriteriaCatalogue catalogue;

	private final Clock clock;

	SelfAssessments(SelfAssessmentRepository repository, Steckbriefe steckbriefe, CriteriaCatalogue catalogue,
			Clock clock) {
		this.repository = repository;
		this.steckbriefe = steckbriefe;
		this.catalogue = catalogue;
		this.clock = clock;
	}

	/**
	 * Stores a new self-assessment next to the earlier ones. It must rate every criterion
	 * exactly once: a partial grid could not be compared with the previous one.
	 * @throws de.industriedialog.registry.steckbrief.UnknownSteckbriefException if there
	 * is no such initiative
	 */
	public Overview record(String initiativeId, List<Rating> ratings, String by) {
		Steckbrief steckbrief = this.steckbriefe.load(initiativeId);
		EnumSet<Criterion> seen = EnumSet.noneOf(Criterion.class);
		for (Rating rating : ratings) {
			if (!seen.add(rating.criterion())) {
				throw new InvalidAssessmentException("ratings",
						"Das Kriterium " + rating.criterion() + " ist mehrfach bewertet.");
			}
			if (rating.score() < 1 || rating.score() > 5) {
				throw new InvalidAssessmentException("ratings", "Jede Bewertung liegt zwischen 1 und 5.");
			}
		}
		if (seen.size() != Criterion.values().length) {
			Set<Criterion> missing = EnumSet.complementOf(seen);
			throw new InvalidAssessmentException("ratings", "Bitte bewerten Sie alle zehn Kriterien; es fehlen: "
					+ missing.stream().map(this::germanName).toList() + ".");
		}
		List<Rating> ordered = ratings.stream().sorted(Comparator.comparing(Rating::criterion)).toList();
		SelfAssessment assessment = this.repository.findById(initiativeId)
			.orElseGet(() -> new SelfAssessment(initiativeId));
		assessment.add(new AssessmentEntry(ordered, by, this.clock.instant()));
		return overview(steckbrief, this.repository.save(assessment));
	}

	/** The latest self-assessment, the history and the grid for the initiative's type. */
	public Overview of(String initiativeId) {
		Steckbrief steckbrief = this.steckbriefe.load(initiativeId);
		return overview(steckbrief,
				this.repository.findById(initiativeId).orElseGet(() -> new SelfAssessment(initiativeId)));
	}

	private Overview overview(Steckbrief steckbrief, SelfAssessment assessment) {
		List<AssessmentEntry> newestFirst = assessment.entries()
			.stream()
			.sorted(Comparator.comparing(AssessmentEntry::at).reversed())
			.toList();
		return new Overview(steckbrief.id(), steckbrief.type(), this.catalogue.criteria(), this.catalogue.source(),
				this.catalogue.scale(), newestFirst);
	}

	private String germanName(Criterion criterion) {
		return this.catalogue.criteria()
			.stream()
			.filter((info) -> info.key() == criterion)
			.map(CriteriaCatalogue.CriterionInfo::name)
			.findFirst()
			.orElse(criterion.name());
	}

	/**
	 * Erasure on request: the person's address goes from the recorded authors of the
	 * initiative's self-assessments; the ratings stay.
	 * @return whether anything changed
	 */
	public boolean eraseAuthor(String initiativeId, java.util.function.Predicate<String> isSubject,
			String replacement) {
		SelfAssessment assessment = this.repository.findById(initiativeId).orElse(null);
		if (assessment == null || !assessment.eraseAuthor(isSubject, replacement)) {
			return false;
		}
		this.repository.save(assessment);
		return true;
	}

	/**
	 * Everything the grid view needs.
	 *
	 * @param history newest first; empty when the initiative has not assessed itself yet
	 */
	public record Overview(String initiativeId, InitiativeType type, List<CriteriaCatalogue.CriterionInfo> criteria,
			String relevanceSource, String relevanceScale, List<AssessmentEntry> history) {
	}

}
