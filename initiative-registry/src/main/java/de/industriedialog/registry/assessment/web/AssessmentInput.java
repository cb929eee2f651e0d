package de.industriedialog.registry.assessment.web;

import java.util.List;

import de.industriedialog.registry.assessment.Criterion;
import de.industriedialog.registry.assessment.Rating;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A self-assessment: each of the ten criteria rated once. */
record AssessmentInput(@NotNull(message = "Bitte bewerten Sie die zehn Kriterien.") @Size(min = 10, max = 10,
		message = "Bitte bewerten Sie genau die zehn Kriterien, jedes einmal.") List<@Valid @NotNull(
				message = "Leerer Eintrag.") RatingInput> ratings) {

	List<Rating> toRatings() {
		return this.ratings.stream()
			.map((rating) -> new Rating(rating.criterion(), rating.score(),
					(rating.note() == null || rating.note().isBlank()) ? null : rating.note().strip()))
			.toList();
	}

	record RatingInput(@NotNull(message = "Bitte geben Sie das Kriterium an.") Criterion criterion,
			@Schema(description = "1 (schwach ausgeprägt) bis 5 (stark ausgeprägt)") @NotNull(
					message = "Bitte geben Sie eine Bewertung von 1 bis 5 an.") @Min(value = 1,
							message = "Die Bewertung liegt zwischen 1 und 5.") @Max(value = 5,
									message = "Die Bewertung liegt zwischen 1 und 5.") Integer score,
			@Size(max = 1000, message = "Die Notiz darf höchstens 1000 Zeichen lang sein.") String note) {
	}

}
